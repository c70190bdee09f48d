"""A study assignment from the application to the bond: its documents, approvals, semester
reports and payments, and the service bond; and short permitted training."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel
from garda.studies.models.offers import StudyOffer
from garda.studies.models.rules import AccreditedProgram, FundingSource, StudyKind, StudyLevel


class AssignmentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    APPROVED = "approved", _("Disetujui (SK terbit)")
    REFUSED = "refused", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")
    GRADUATED = "graduated", _("Lulus")


class ApprovalStep(models.TextChoices):
    ATASAN = "atasan", _("Atasan langsung")
    OPD = "opd", _("Kepala OPD")
    BKD = "bkd", _("BKD")


APPROVAL_CHAIN: tuple[str, ...] = (ApprovalStep.ATASAN, ApprovalStep.OPD, ApprovalStep.BKD)


class StudyAssignment(BaseModel):
    employee = models.ForeignKey(
        "people.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="study_assignments",
    )
    offer = models.ForeignKey(
        StudyOffer, verbose_name=_("penawaran"), on_delete=models.PROTECT, null=True, blank=True
    )
    kind = models.CharField(_("jenis"), max_length=8, choices=StudyKind.choices)
    level = models.CharField(_("jenjang"), max_length=2, choices=StudyLevel.choices)
    program = models.ForeignKey(
        AccreditedProgram, verbose_name=_("program studi"), on_delete=models.PROTECT
    )
    funding_source = models.ForeignKey(
        FundingSource, verbose_name=_("sumber dana"), on_delete=models.PROTECT
    )
    budget_line = models.CharField(_("mata anggaran"), max_length=120, blank=True)
    cost_per_semester = models.DecimalField(
        _("biaya per semester"), max_digits=14, decimal_places=0, default=0
    )
    starts_on = models.DateField(_("mulai studi"))
    planned_months = models.PositiveSmallIntegerField(_("lama studi (bulan)"))
    extended_months = models.PositiveSmallIntegerField(_("perpanjangan (bulan)"), default=0)
    relevance = models.TextField(_("kesesuaian dengan jabatan"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.SUBMITTED,
    )
    next_step = models.CharField(
        _("langkah berikut"),
        max_length=8,
        choices=ApprovalStep.choices,
        blank=True,
        default=ApprovalStep.ATASAN,
    )
    decree_code = models.CharField(_("nomor SK"), max_length=32, unique=True, null=True, blank=True)
    decree_issued_at = models.DateTimeField(_("SK terbit"), null=True, blank=True)
    decree_pdf = models.FileField(_("berkas SK"), upload_to="studies/decrees/%Y/", blank=True)
    released_from_post = models.BooleanField(_("dibebaskan dari jabatan"), default=False)
    previous_post = models.CharField(_("jabatan sebelumnya"), max_length=200, blank=True)
    return_planned_on = models.DateField(_("rencana kembali"), null=True, blank=True)
    returned_on = models.DateField(_("kembali bertugas"), null=True, blank=True)
    return_post = models.CharField(_("jabatan setelah kembali"), max_length=200, blank=True)
    # Recorded at the return: does the new post use the degree (the dashboard's placement)?
    return_uses_degree = models.BooleanField(_("jabatan memanfaatkan gelar"), null=True, blank=True)
    closing_reason = models.TextField(_("alasan penolakan/pembatalan"), blank=True)
    graduated_on = models.DateField(_("tanggal lulus"), null=True, blank=True)
    degree = models.CharField(_("gelar"), max_length=40, blank=True)
    degree_recorded = models.BooleanField(_("gelar dicantumkan"), default=False)
    last_reminded_on = models.DateField(_("terakhir diingatkan"), null=True, blank=True)
    escalated_on = models.DateField(_("dieskalasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("tugas/izin belajar")
        verbose_name_plural = _("tugas/izin belajar")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "kind"])]
        constraints = [
            # One study at a time: a second application waits until the first is closed.
            models.UniqueConstraint(
                fields=["employee"],
                condition=models.Q(status__in=["submitted", "approved"]),
                name="studies_one_open_study",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.level} — {self.employee_id}"

    @property
    def total_months(self) -> int:
        return int(self.planned_months) + int(self.extended_months)


class DocumentKind(models.TextChoices):
    LOA = "loa", _("Surat penerimaan (LoA)")
    AKREDITASI = "akreditasi", _("Sertifikat akreditasi program studi")
    PERNYATAAN = "pernyataan", _("Surat pernyataan")
    TRANSKRIP = "transkrip", _("Transkrip nilai")
    IJAZAH = "ijazah", _("Ijazah")
    PENYETARAAN = "penyetaraan", _("Surat penyetaraan ijazah luar negeri")


class StudyDocument(BaseModel):
    assignment = models.ForeignKey(
        StudyAssignment, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("jenis dokumen"), max_length=12, choices=DocumentKind.choices)
    file = models.FileField(_("berkas"), upload_to="studies/documents/%Y/%m/")

    class Meta:
        verbose_name = _("dokumen studi")
        verbose_name_plural = _("dokumen studi")
        ordering = ["assignment", "kind", "created_at"]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class StudyApproval(BaseModel):
    assignment = models.ForeignKey(
        StudyAssignment, on_delete=models.CASCADE, related_name="approvals"
    )
    step = models.CharField(_("tahap"), max_length=8, choices=ApprovalStep.choices)
    approved = models.BooleanField(_("disetujui"))
    decided_by = models.ForeignKey(
        "core.User", verbose_name=_("diputuskan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("persetujuan studi")
        verbose_name_plural = _("persetujuan studi")
        ordering = ["assignment", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "step"], name="studies_approval_once")
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.approved}"


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Dikirim")
    ACCEPTED = "accepted", _("Diterima")
    REJECTED = "rejected", _("Dikembalikan")


class SemesterReport(BaseModel):
    assignment = models.ForeignKey(
        StudyAssignment, on_delete=models.CASCADE, related_name="reports"
    )
    semester = models.PositiveSmallIntegerField(_("semester"))
    transcript = models.FileField(_("transkrip"), upload_to="studies/transcripts/%Y/")
    gpa = models.DecimalField(_("IPK"), max_digits=3, decimal_places=2)
    credits = models.PositiveSmallIntegerField(_("SKS"))
    period_start = models.DateField(_("awal semester"))
    period_end = models.DateField(_("akhir semester"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    checked_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("catatan"), blank=True)
    # Released only once the report is accepted (study_report_accept).
    payment_amount = models.DecimalField(
        _("biaya semester dibayarkan"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    paid_at = models.DateTimeField(_("dibayarkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan semester")
        verbose_name_plural = _("laporan semester")
        ordering = ["assignment", "semester"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "semester"], name="studies_report_once_per_semester"
            ),
            models.CheckConstraint(
                condition=models.Q(gpa__gte=0) & models.Q(gpa__lte=4), name="studies_gpa_range"
            ),
        ]

    def __str__(self) -> str:
        return f"semester {self.semester}"


class BondStatus(models.TextChoices):
    SERVING = "serving", _("Dijalani")
    COMPLETED = "completed", _("Selesai")
    BREACHED = "breached", _("Dilanggar")


class ServiceBond(BaseModel):
    assignment = models.OneToOneField(
        StudyAssignment, on_delete=models.PROTECT, related_name="bond"
    )
    starts_on = models.DateField(_("mulai"))
    months = models.PositiveSmallIntegerField(_("lama (bulan)"))
    ends_on = models.DateField(_("berakhir"))
    status = models.CharField(
        _("status"), max_length=10, choices=BondStatus.choices, default=BondStatus.SERVING
    )
    breached_on = models.DateField(_("tanggal pelanggaran"), null=True, blank=True)
    repayment = models.DecimalField(
        _("pengembalian biaya"), max_digits=14, decimal_places=0, null=True, blank=True
    )

    class Meta:
        verbose_name = _("ikatan dinas")
        verbose_name_plural = _("ikatan dinas")
        ordering = ["ends_on"]

    def __str__(self) -> str:
        return f"{self.starts_on} — {self.ends_on}"


class PermitStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")
    APPROVED = "approved", _("Disetujui")
    REFUSED = "refused", _("Ditolak")
    REPORTED = "reported", _("Dilaporkan")


class TrainingPermit(BaseModel):
    """Short training at home or abroad (a course, a fellowship) that needs a permit."""

    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("nama kegiatan"), max_length=200)
    provider = models.CharField(_("penyelenggara"), max_length=200)
    form = models.ForeignKey(
        "ledger.LearningForm", verbose_name=_("bentuk"), on_delete=models.PROTECT, related_name="+"
    )
    abroad = models.BooleanField(_("di luar negeri"), default=False)
    country = models.CharField(_("negara"), max_length=80, blank=True)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    stated_jp = models.DecimalField(_("JP tercantum"), max_digits=5, decimal_places=1)
    status = models.CharField(
        _("status"), max_length=10, choices=PermitStatus.choices, default=PermitStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    report = models.TextField(_("laporan"), blank=True)
    certificate = models.FileField(_("sertifikat"), upload_to="studies/permits/%Y/", blank=True)

    class Meta:
        verbose_name = _("izin pelatihan singkat")
        verbose_name_plural = _("izin pelatihan singkat")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="studies_permit_dates"
            )
        ]

    def __str__(self) -> str:
        return str(self.title)
