"""The vocabulary the JP ledger and the catalog share: the forms of competency development of
Peraturan LAN 10/2018. Rows, not constants, because a regulation may add or rename one.

Also the ledger itself: one row per learning activity that earns JP, the conversion rules and
targets as editable rows, and a per-employee-per-year total kept by every ledger write."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class LearningCategory(models.TextChoices):
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KLASIKAL = "klasikal", _("Pelatihan klasikal")
    NONKLASIKAL = "nonklasikal", _("Pelatihan nonklasikal")


class LearningForm(models.Model):
    """One form (bentuk) of competency development, e.g. "bimbingan teknis" or "coaching"."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120, unique=True)
    category = models.CharField(_("jenis"), max_length=12, choices=LearningCategory.choices)
    # Leadership training (PKN, PKA, PKP) requires an aksi perubahan in the workplace.
    is_leadership = models.BooleanField(_("pelatihan kepemimpinan"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("bentuk pengembangan kompetensi")
        verbose_name_plural = _("bentuk pengembangan kompetensi")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return str(self.name)


class SourceKind(models.TextChoices):
    TRAINING = "training", _("Pelatihan Garda")
    EXTERNAL = "external", _("Pembelajaran mandiri/eksternal")
    IMPORT = "import", _("Impor riwayat")


class EntryStatus(models.TextChoices):
    VALID = "valid", _("Sah")
    REVOKED = "revoked", _("Dicabut")


class LedgerEntry(BaseModel):
    """One activity that earned JP. Never deleted: a mistake is revoked, with its reason."""

    employee = models.ForeignKey(
        "people.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="jp_entries",
    )
    # The year the activity finished in: the year its hours count for.
    year = models.PositiveSmallIntegerField(_("tahun"))
    started_on = models.DateField(_("tanggal mulai"))
    finished_on = models.DateField(_("tanggal selesai"))
    form = models.ForeignKey(
        LearningForm, verbose_name=_("bentuk"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("nama kegiatan"), max_length=250)
    provider = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    jp = models.DecimalField(_("JP"), max_digits=5, decimal_places=1)
    # The JP its source stated (certificate, history file, the ASN's submission), null when it
    # stated none; `jp` is min(stated, the form's rule). Kept so `garda jp_recompute` can
    # apply an edited rule again without losing what the certificate said.
    stated_jp = models.DecimalField(
        _("JP tercantum"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    # Quantity the JP was computed from (days, sessions, semesters), kept so caps can be
    # re-applied to later entries of the same day or month.
    quantity = models.PositiveSmallIntegerField(_("jumlah (hari/sesi/semester)"), default=0)
    abroad = models.BooleanField(_("di luar negeri"), default=False)
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=120, blank=True)
    evidence = models.FileField(_("bukti"), upload_to="ledger/evidence/%Y/", blank=True)
    source_kind = models.CharField(_("sumber"), max_length=10, choices=SourceKind.choices)
    # Where the entry came from ("training:<enrolment id>", "external:<id>", "import:<hash>");
    # unique so that recording the same thing twice writes nothing the second time.
    source_key = models.CharField(
        _("kunci sumber"), max_length=120, null=True, blank=True, unique=True
    )
    status = models.CharField(
        _("status"), max_length=8, choices=EntryStatus.choices, default=EntryStatus.VALID
    )
    revoked_reason = models.CharField(_("alasan pencabutan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("catatan JP")
        verbose_name_plural = _("catatan JP")
        ordering = ["-finished_on", "-pk"]
        indexes = [
            models.Index(fields=["employee", "year"], name="ledger_employee_year"),
            models.Index(fields=["employee", "form", "started_on"], name="ledger_employee_form"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_on__gte=models.F("started_on")),
                name="ledger_entry_dates_ordered",
            ),
            models.CheckConstraint(condition=models.Q(jp__gte=0), name="ledger_entry_jp_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.jp} JP)"


class JPYearTotal(models.Model):
    """Valid JP of one employee in one year. Written in the same transaction as every ledger
    write (services.refresh_total), so compliance reads this table, never the ledger."""

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="jp_totals"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    total_jp = models.DecimalField(_("total JP"), max_digits=7, decimal_places=1, default=0)
    entries = models.PositiveIntegerField(_("jumlah catatan"), default=0)

    class Meta:
        verbose_name = _("total JP tahunan")
        verbose_name_plural = _("total JP tahunan")
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="jp_total_employee_year"),
        ]
        indexes = [models.Index(fields=["year", "employee"], name="jp_total_year_employee")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}: {self.total_jp}"


# The rule and submission models live in their own modules; importing them registers them.
from garda.learning.ledger.models_external import ExternalLearning  # noqa: E402
from garda.learning.ledger.models_rules import ConversionRule, JPTarget, RuleUnit  # noqa: E402
from garda.learning.ledger.models_siasn import (  # noqa: E402
    PushStatus,
    SiasnKind,
    SiasnMapping,
    SiasnPush,
)
from garda.learning.ledger.models_tallies import JPUnitHeadcount, JPUnitYearTally  # noqa: E402

__all__ = [
    "ConversionRule",
    "EntryStatus",
    "ExternalLearning",
    "JPTarget",
    "JPUnitHeadcount",
    "JPUnitYearTally",
    "JPYearTotal",
    "LearningCategory",
    "LearningForm",
    "LedgerEntry",
    "PushStatus",
    "RuleUnit",
    "SiasnKind",
    "SiasnMapping",
    "SiasnPush",
    "SourceKind",
]
