"""Talent records: SKP results, discipline sanctions and potential per ASN (imported), the
9-box tables and calibration (models_ninebox), and the IP ASN editions (models_ipasn)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel
from garda.people.models import Employee
from garda.talent.vocabulary import Potensial, Predikat, Tingkat


class SkpResult(BaseModel):
    """An ASN's SKP (performance) result for one year."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="skp_results"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    predikat = models.CharField(_("predikat"), max_length=16, choices=Predikat.choices)
    nilai = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("hasil SKP")
        verbose_name_plural = _("hasil SKP")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="skp_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(predikat__in=Predikat.values), name="skp_predikat_known"
            ),
        ]
        indexes = [models.Index(fields=["year", "predikat"])]

    def __str__(self) -> str:
        return f"SKP {self.year}: {Predikat(self.predikat).label}"


class Sanction(BaseModel):
    """A discipline sanction (hukuman disiplin). Specific personal data: BKD roles only."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"jenis_hukuman", "nomor_sk"})

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="sanctions"
    )
    tingkat = models.CharField(_("tingkat"), max_length=8, choices=Tingkat.choices)
    jenis_hukuman = models.CharField(_("jenis hukuman"), max_length=200)
    tmt = models.DateField(_("TMT"))
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("hukuman disiplin")
        verbose_name_plural = _("hukuman disiplin")
        ordering = ["-tmt"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "tmt", "tingkat", "nomor_sk"], name="sanction_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(tingkat__in=Tingkat.values), name="sanction_tingkat_known"
            ),
            models.CheckConstraint(
                condition=models.Q(tanggal_selesai__isnull=True)
                | models.Q(tanggal_selesai__gte=models.F("tmt")),
                name="sanction_ends_after_tmt",
            ),
        ]
        indexes = [models.Index(fields=["tmt"])]

    def __str__(self) -> str:
        # No name, NIP or SK number: this is what the audit log shows.
        return f"Hukuman disiplin {Tingkat(self.tingkat).label.lower()} TMT {self.tmt}"


class PotentialResult(BaseModel):
    """An ASN's potential (rendah / menengah / tinggi) for one year: the 9-box's other axis."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="potentials"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    potensial = models.CharField(_("potensial"), max_length=8, choices=Potensial.choices)

    class Meta:
        verbose_name = _("hasil potensial")
        verbose_name_plural = _("hasil potensial")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="potential_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(potensial__in=Potensial.values), name="potential_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Potensial {self.year}: {Potensial(self.potensial).label}"


# The other tables of this app, in their own modules (Django finds models imported here).
from garda.talent.models_ipasn import (  # noqa: E402
    IpCategory,
    IpEdition,
    IpFormIndicator,
    IpJabatanRule,
    IpPoint,
)
from garda.talent.models_ninebox import (  # noqa: E402
    CalibrationChange,
    CalibrationSession,
    CriticalPost,
    KinerjaCut,
    NineBoxCell,
    Placement,
    PotensialCut,
)

__all__ = [
    "CalibrationChange",
    "CalibrationSession",
    "CriticalPost",
    "IpCategory",
    "IpEdition",
    "IpFormIndicator",
    "IpJabatanRule",
    "IpPoint",
    "KinerjaCut",
    "NineBoxCell",
    "Placement",
    "PotensialCut",
    "PotentialResult",
    "Sanction",
    "SkpResult",
]
