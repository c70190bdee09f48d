"""The regional budget (APBD) as the public portal shows it: one line per year, unit and
sub-kegiatan with pagu murni, pagu perubahan and monthly realisasi.

Codes follow Permendagri 90/2019 (see codes.py); the program and kegiatan codes are derived
from the sub-kegiatan code and stored beside it so the portal can group by them in SQL.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class NomenclatureKind(models.TextChoices):
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")


class Nomenclature(models.Model):
    """Names of programs and kegiatan by code (Kepmendagri nomenclature); optional in imports,
    so a code may have no name yet."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=NomenclatureKind.choices)
    name = models.CharField(_("nama"), max_length=255)

    class Meta:
        verbose_name = _("nomenklatur")
        verbose_name_plural = _("nomenklatur")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BudgetLine(BaseModel):
    """One sub-kegiatan of one unit in one budget year."""

    year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    # The unit's instansi and OPD (ancestor or itself), kept so pages group without walking
    # the tree; set by the import from the unit tree at the time of writing.
    instansi = models.ForeignKey(
        "core.Unit", verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="+"
    )
    opd = models.ForeignKey(
        "core.Unit",
        verbose_name=_("OPD"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    code = models.CharField(_("kode sub kegiatan"), max_length=20)
    program_code = models.CharField(_("kode program"), max_length=10)
    kegiatan_code = models.CharField(_("kode kegiatan"), max_length=14)
    name = models.CharField(_("nama sub kegiatan"), max_length=255)
    pagu_murni = models.BigIntegerField(_("pagu murni"))
    pagu_perubahan = models.BigIntegerField(_("pagu perubahan"), null=True, blank=True)
    # Sum of the monthly realisasi rows, kept in step by the realisasi import.
    realisasi_total = models.BigIntegerField(_("realisasi"), default=0)

    class Meta:
        verbose_name = _("sub kegiatan (anggaran)")
        verbose_name_plural = _("sub kegiatan (anggaran)")
        ordering = ["year", "code", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "unit", "code"], name="budget_line_unique"),
            models.CheckConstraint(condition=models.Q(pagu_murni__gte=0), name="budget_pagu_gte0"),
        ]
        indexes = [
            models.Index(fields=["year", "instansi"], name="budget_year_instansi"),
            models.Index(fields=["year", "opd"], name="budget_year_opd"),
            models.Index(fields=["year", "program_code"], name="budget_year_program"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def pagu(self) -> int:
        """The budget in force: pagu perubahan once adopted, pagu murni until then."""
        return self.pagu_perubahan if self.pagu_perubahan is not None else self.pagu_murni

    @property
    def is_over_pagu(self) -> bool:
        return self.realisasi_total > self.pagu


class BudgetRealisation(models.Model):
    """Realisasi of one line in one month (the month's own amount, not cumulative)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="realisations")
    month = models.PositiveSmallIntegerField(_("bulan"))
    amount = models.BigIntegerField(_("realisasi"))
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("realisasi bulanan")
        verbose_name_plural = _("realisasi bulanan")
        ordering = ["line", "month"]
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="budget_realisation_unique"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="budget_month_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_id}/{self.month}: {self.amount}"


__all__ = ["BudgetLine", "BudgetRealisation", "Nomenclature", "NomenclatureKind"]
