"""Compliance counts kept as data change (decision 0019): per unit *subtree* (the unit and
every unit below it), so the compliance page of any level — an OPD, an instansi, a province,
the nation — sums a handful of rows instead of counting its employees.

Written only by `services.tallies`, in the same transaction as every write that changes them
(a ledger entry, a revocation, an employee created, moved, retired or changing kind, a unit
moved); `garda jp_totals_rebuild --check` proves them equal to a full recount."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JPUnitHeadcount(models.Model):
    """Serving employees of one kind (PNS/PPPK) in a unit's subtree. Independent of the year:
    compliance counts today's serving employees against any year's hours."""

    unit = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis pegawai"), max_length=4)
    employees = models.IntegerField(_("pegawai"), default=0)

    class Meta:
        verbose_name = _("jumlah pegawai per unit")
        verbose_name_plural = _("jumlah pegawai per unit")
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="jp_headcount_unit_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind}: {self.employees}"


class JPUnitYearTally(models.Model):
    """Serving employees of one kind in a unit's subtree who earned hours in a year, by how
    far they are from the target. Those without hours are the headcount minus `with_hours`.
    `target_jp` is the target the buckets were counted against: a row whose target is not
    the year's current one is stale and is not read (the figures are counted instead)."""

    unit = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis pegawai"), max_length=4)
    target_jp = models.DecimalField(_("target JP"), max_digits=7, decimal_places=1)
    with_hours = models.IntegerField(_("pegawai dengan JP"), default=0)
    compliant = models.IntegerField(_("memenuhi target"), default=0)
    # 1-24 %, 25-49 %, 50-74 %, 75-99 % of the target (selectors.BUCKETS).
    bucket1 = models.IntegerField(default=0)
    bucket2 = models.IntegerField(default=0)
    bucket3 = models.IntegerField(default=0)
    bucket4 = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("rekap JP per unit")
        verbose_name_plural = _("rekap JP per unit")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind"], name="jp_tally_unit_year_kind"
            ),
        ]
        indexes = [models.Index(fields=["year", "unit"], name="jp_tally_year_unit")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.kind}: {self.compliant}/{self.with_hours}"
