"""The 9-box as data (cells, numbering, recommendations; the kinerja axis per instansi and
year), critical posts, and calibration sessions whose locked result is the year's placement."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel, Unit
from garda.people.models import Employee, JabatanKind
from garda.talent.vocabulary import Potensial, Predikat


class Kinerja(models.TextChoices):
    DI_ATAS = "di_atas", _("Di atas ekspektasi")
    SESUAI = "sesuai", _("Sesuai ekspektasi")
    DI_BAWAH = "di_bawah", _("Di bawah ekspektasi")


class NineBoxCell(models.Model):
    """One cell: its number in capacity.md §2's numbering and what follows from it."""

    edition = models.CharField(_("edisi"), max_length=40)
    kinerja = models.CharField(_("kinerja"), max_length=8, choices=Kinerja.choices)
    potensial = models.CharField(_("potensial"), max_length=8, choices=Potensial.choices)
    box = models.PositiveSmallIntegerField(_("kotak"))
    recommendation = models.CharField(_("rekomendasi"), max_length=300)
    succession = models.BooleanField(_("kelompok rencana suksesi"), default=False)
    tugas_belajar = models.BooleanField(_("ditawarkan tugas belajar"), default=False)

    class Meta:
        verbose_name = _("kotak talenta")
        verbose_name_plural = _("kotak talenta")
        ordering = ["-box"]
        constraints = [
            models.UniqueConstraint(fields=["kinerja", "potensial"], name="ninebox_cell_unique"),
            models.UniqueConstraint(fields=["box"], name="ninebox_box_unique"),
            models.CheckConstraint(
                condition=models.Q(box__gte=1, box__lte=9), name="ninebox_box_range"
            ),
        ]

    def __str__(self) -> str:
        return f"Kotak {self.box}"


class KinerjaCut(models.Model):
    """Where an SKP predikat falls on the kinerja axis. Rows without an instansi are the
    default; an instansi's rows for a year replace the default for that instansi and year."""

    instansi = models.ForeignKey(
        Unit, verbose_name=_("instansi"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    predikat = models.CharField(_("predikat"), max_length=16, choices=Predikat.choices)
    kinerja = models.CharField(_("kinerja"), max_length=8, choices=Kinerja.choices)

    class Meta:
        verbose_name = _("batas sumbu kinerja")
        verbose_name_plural = _("batas sumbu kinerja")
        constraints = [
            models.UniqueConstraint(
                fields=["predikat"], condition=models.Q(instansi__isnull=True),
                name="kinerja_cut_default_unique",
            ),
            models.UniqueConstraint(
                fields=["instansi", "year", "predikat"],
                condition=models.Q(instansi__isnull=False), name="kinerja_cut_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(instansi__isnull=True, year__isnull=True)
                | models.Q(instansi__isnull=False, year__isnull=False),
                name="kinerja_cut_instansi_has_year",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.predikat} -> {self.kinerja}"


class PotensialCut(models.Model):
    """Where a JPM falls on the potential axis when the ASN has no imported potential for the
    year: the lowest JPM of each level. Rows without an instansi are the default (a local
    default, capacity.md §2 marks the cut-offs [?]); an instansi's rows for a year replace the
    default for that instansi and year."""

    instansi = models.ForeignKey(
        Unit, verbose_name=_("instansi"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    potensial = models.CharField(_("potensial"), max_length=8, choices=Potensial.choices)
    min_jpm = models.DecimalField(_("JPM terendah"), max_digits=6, decimal_places=2)
    basis = models.CharField(_("dasar"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("batas sumbu potensial")
        verbose_name_plural = _("batas sumbu potensial")
        constraints = [
            models.UniqueConstraint(
                fields=["potensial"], condition=models.Q(instansi__isnull=True),
                name="potensial_cut_default_unique",
            ),
            models.UniqueConstraint(
                fields=["instansi", "year", "potensial"],
                condition=models.Q(instansi__isnull=False), name="potensial_cut_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(instansi__isnull=True, year__isnull=True)
                | models.Q(instansi__isnull=False, year__isnull=False),
                name="potensial_cut_instansi_has_year",
            ),
            models.CheckConstraint(
                condition=models.Q(min_jpm__gte=0), name="potensial_cut_min_jpm_positive"
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.potensial} >= {self.min_jpm}"


class CriticalPost(BaseModel):
    """A post whose successor the instansi plans for (jabatan kritikal)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="critical_posts"
    )
    name = models.CharField(_("nama jabatan"), max_length=200)
    jabatan_kind = models.ForeignKey(
        JabatanKind, verbose_name=_("jenis jabatan"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("jabatan kritikal")
        verbose_name_plural = _("jabatan kritikal")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="critical_post_unique")
        ]

    def __str__(self) -> str:
        return str(self.name)


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Berjalan")
    LOCKED = "locked", _("Dikunci")


class CalibrationSession(BaseModel):
    """An instansi's calibration of one year's placement. Locking it stores every ASN's box."""

    instansi = models.ForeignKey(
        Unit, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=8, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    notes = models.TextField(_("catatan"), blank=True)
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("sesi kalibrasi")
        verbose_name_plural = _("sesi kalibrasi")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "year"], name="calibration_unique")
        ]

    def __str__(self) -> str:
        return f"Kalibrasi {self.year}"


class CalibrationChange(BaseModel):
    """One ASN moved from the computed box to another, with the panel's reason."""

    session = models.ForeignKey(
        CalibrationSession, on_delete=models.CASCADE, related_name="changes"
    )
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    box_before = models.PositiveSmallIntegerField(_("kotak semula"), null=True)
    box_after = models.PositiveSmallIntegerField(_("kotak hasil kalibrasi"))
    reason = models.CharField(_("alasan"), max_length=500)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("perubahan kalibrasi")
        verbose_name_plural = _("perubahan kalibrasi")
        constraints = [
            models.UniqueConstraint(fields=["session", "employee"], name="calibration_change_once"),
            models.CheckConstraint(
                condition=models.Q(box_after__gte=1, box_after__lte=9),
                name="calibration_box_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.box_before} -> {self.box_after}"


class Placement(models.Model):
    """An ASN's box for a year as a locked calibration left it."""

    session = models.ForeignKey(
        CalibrationSession, on_delete=models.CASCADE, related_name="placements"
    )
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    box = models.PositiveSmallIntegerField(_("kotak"))
    calibrated = models.BooleanField(_("diubah kalibrasi"), default=False)

    class Meta:
        verbose_name = _("penempatan talenta")
        verbose_name_plural = _("penempatan talenta")
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="placement_once_a_year")
        ]
        indexes = [models.Index(fields=["year", "box"])]

    def __str__(self) -> str:
        return f"{self.year}: {self.box}"
