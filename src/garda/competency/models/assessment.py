"""Assessment results (one achieved level per ASN, competency and date) and the current gap
kept from them, so the heat map and JPM read one small row per ASN and competency."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.competency.models.dictionary import LEVEL_VALIDATORS, Competency
from garda.core.models import BaseModel


class Assessment(BaseModel):
    """What an assessment centre, BKN's SJT tools or a panel found: an achieved level."""

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="competency_assessments"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level capaian"), validators=LEVEL_VALIDATORS)
    assessed_on = models.DateField(_("tanggal"))
    method = models.CharField(_("metode"), max_length=120)
    institution = models.CharField(_("lembaga"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hasil asesmen")
        verbose_name_plural = _("hasil asesmen")
        ordering = ["-assessed_on", "competency__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "competency", "assessed_on"],
                name="competency_assessment_unique",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="competency_assessment_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code}={self.level} ({self.assessed_on})"


class CurrentGap(models.Model):
    """The latest achieved level of an ASN in a competency against its standard (None when
    the jabatan has none). Rewritten by the services that change assessments or standards
    (services.gaps.gaps_refresh); the rule for the numbers is in garda.competency.rules."""

    personal_fields: ClassVar[frozenset[str]] = frozenset()

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="competency_gaps"
    )
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    achieved = models.PositiveSmallIntegerField(_("capaian"))
    standard = models.PositiveSmallIntegerField(_("standar"), null=True, blank=True)
    gap = models.SmallIntegerField(_("kesenjangan"), null=True, blank=True)
    assessed_on = models.DateField(_("tanggal asesmen"))

    class Meta:
        verbose_name = _("kesenjangan kompetensi")
        verbose_name_plural = _("kesenjangan kompetensi")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "competency"], name="competency_current_gap_unique"
            )
        ]
        indexes = [models.Index(fields=["competency", "gap"])]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.achieved} vs {self.standard}"


class GapTally(models.Model):
    """Per unit and competency, the current gaps of the ASN whose own unit it is (not its
    subtree): their sum, how many, how many below standard. Kept by `services.tallies` in the
    transaction of every write that changes a current gap or moves an ASN, so the heat map
    reads a few hundred rows per level instead of grouping every current gap (decision 0024).
    A unit's subtree is summed on read through the units' paths."""

    personal_fields: ClassVar[frozenset[str]] = frozenset()

    unit = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    gap_sum = models.IntegerField(_("jumlah kesenjangan"), default=0)
    assessed = models.IntegerField(_("ASN dinilai"), default=0)
    below = models.IntegerField(_("ASN di bawah standar"), default=0)

    class Meta:
        verbose_name = _("rekap kesenjangan unit")
        verbose_name_plural = _("rekap kesenjangan unit")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "competency"], name="competency_gap_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.competency_id}: {self.gap_sum} / {self.assessed}"
