"""The catalog: programs (what is taught), batches (angkatan: when, where, how many) and
their sessions."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class Mode(models.TextChoices):
    TATAP_MUKA = "tatap_muka", _("Tatap muka")
    DARING = "daring", _("Daring")
    BLENDED = "blended", _("Blended")


class Provider(models.TextChoices):
    BPSDM = "bpsdm", _("BPSDM Provinsi Jambi")
    LAN = "lan", _("LAN")
    LAINNYA = "lainnya", _("Penyelenggara lain")


class EvaluationDefault(models.Model):
    """How long after a batch the Kirkpatrick-3 follow-up is asked, by kind of training.
    Seeded (4 months technical, 12 managerial); a new program copies the value."""

    key = models.CharField(_("jenis pelatihan"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=80)
    months = models.PositiveSmallIntegerField(_("jeda evaluasi (bulan)"))

    class Meta:
        verbose_name = _("jeda evaluasi pasca pelatihan")
        verbose_name_plural = _("jeda evaluasi pasca pelatihan")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.name}: {self.months}"


class Program(BaseModel):
    """A training in the catalog. The approval chain and completion rule belong to it."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    title = models.CharField(_("nama program"), max_length=200)
    description = models.TextField(_("deskripsi"), blank=True)
    form = models.ForeignKey(
        "ledger.LearningForm",
        verbose_name=_("bentuk pengembangan kompetensi"),
        on_delete=models.PROTECT,
        related_name="programs",
    )
    jp = models.PositiveSmallIntegerField(_("JP"))
    competencies = models.TextField(_("kompetensi sasaran"), blank=True)
    mode = models.CharField(_("moda"), max_length=12, choices=Mode.choices)
    provider = models.CharField(_("penyelenggara"), max_length=10, choices=Provider.choices)
    provider_name = models.CharField(_("nama penyelenggara"), max_length=200, blank=True)
    cost_per_participant = models.PositiveBigIntegerField(_("biaya per peserta (Rp)"), default=0)
    prerequisites = models.ManyToManyField(
        "self",
        verbose_name=_("prasyarat (program yang harus sudah lulus)"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
    )
    prerequisite_notes = models.TextField(_("prasyarat lain"), blank=True)
    target_jabatan_kinds = models.ManyToManyField(
        "people.JabatanKind", verbose_name=_("sasaran jenis jabatan"), blank=True
    )
    target_golongan = models.ManyToManyField(
        "people.Golongan", verbose_name=_("sasaran golongan"), blank=True
    )
    # Approval chain: each step on or off per program, always in this order.
    needs_atasan = models.BooleanField(_("persetujuan atasan"), default=True)
    needs_admin_opd = models.BooleanField(_("persetujuan admin OPD"), default=False)
    needs_bpsdm = models.BooleanField(_("persetujuan BPSDM"), default=False)
    needs_surat_tugas = models.BooleanField(_("wajib unggah surat tugas"), default=False)
    # Completion rule.
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("kehadiran minimal (%)"), default=80
    )
    post_test_required = models.BooleanField(_("wajib lulus post-test"), default=True)
    pass_mark = models.PositiveSmallIntegerField(_("nilai lulus post-test"), default=70)
    evaluation_delay_months = models.PositiveSmallIntegerField(_("jeda evaluasi (bulan)"))
    is_published = models.BooleanField(_("tampil di katalog"), default=True)
    # Whose admins may edit it: admin_provinsi everywhere, others in their subtree.
    owner_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit pemilik"),
        on_delete=models.PROTECT,
        related_name="training_programs",
    )

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance_percent__lte=100) & Q(pass_mark__lte=100),
                name="learning_program_percent_range",
            ),
            models.CheckConstraint(condition=Q(jp__gte=1), name="learning_program_jp_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def provider_label(self) -> str:
        return self.provider_name or str(self.get_provider_display())


class ApprovalStep(models.TextChoices):
    ATASAN = "atasan", _("Atasan langsung")
    ADMIN_OPD = "admin_opd", _("Admin OPD")
    BPSDM = "bpsdm", _("BPSDM")


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Pendaftaran dibuka")
    CLOSED = "closed", _("Pendaftaran ditutup")
    RUNNING = "running", _("Berlangsung")
    FINISHED = "finished", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class Batch(BaseModel):
    """One angkatan of a program."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="batches"
    )
    name = models.CharField(_("nama angkatan"), max_length=120)
    organiser_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit penyelenggara"),
        on_delete=models.PROTECT,
        related_name="training_batches",
    )
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online_link = models.URLField(_("tautan daring"), blank=True)
    instructors = models.TextField(_("pengajar/widyaiswara"), blank=True)
    seats = models.PositiveIntegerField(_("kuota peserta"))
    registration_opens = models.DateField(_("pendaftaran dibuka"))
    registration_closes = models.DateField(_("pendaftaran ditutup"))
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    cost = models.PositiveBigIntegerField(_("biaya angkatan (Rp)"), default=0)
    budget_line = models.ForeignKey(
        "transparency.BudgetLine",
        verbose_name=_("sub kegiatan anggaran"),
        related_name="training_batches",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        ordering = ["-starts_on", "name"]
        indexes = [models.Index(fields=["status", "registration_closes"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="learning_batch_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes__gte=F("registration_opens")),
                name="learning_batch_registration_ordered",
            ),
            models.UniqueConstraint(fields=["program", "name"], name="learning_batch_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.program.title} — {self.name}"


class BatchUnitQuota(models.Model):
    """Seats reserved per OPD: no more than `seats` participants from that OPD's subtree."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="unit_quotas")
    unit = models.ForeignKey("core.Unit", verbose_name=_("OPD"), on_delete=models.PROTECT)
    seats = models.PositiveIntegerField(_("kuota"))

    class Meta:
        verbose_name = _("kuota per OPD")
        verbose_name_plural = _("kuota per OPD")
        constraints = [
            models.UniqueConstraint(fields=["batch", "unit"], name="learning_quota_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.seats}"


class Session(BaseModel):
    """One meeting of a batch; attendance is taken per session."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("materi"), max_length=200)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat/tautan"), max_length=200, blank=True)
    instructor = models.CharField(_("pengajar"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="learning_session_times_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title
