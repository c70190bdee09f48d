"""Assessment data kept as editions an admin can edit: the Indeks Inovasi Daerah (weights,
divisor, thresholds per edition) with each innovation's and each region's answers, and the
KIPP criteria with each innovation's narrative."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel


class IidEdition(BaseModel):
    """One edition of the index's rules. Region score = SPD share x SPD% + SID share x SID% +
    count share x min(1, n / divisor_minimum), each part 0-100; SID = Σ over innovations of
    Σ weight x parameter, divided by MAX(divisor_minimum, n), as a share of the maximum."""

    code = models.CharField(_("edisi"), max_length=10, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    divisor_minimum = models.PositiveSmallIntegerField(_("pembagi minimum (k)"))
    spd_share = models.DecimalField(_("bobot SPD (%)"), max_digits=5, decimal_places=2)
    sid_share = models.DecimalField(_("bobot SID (%)"), max_digits=5, decimal_places=2)
    count_share = models.DecimalField(_("bobot jumlah inovasi (%)"), max_digits=5, decimal_places=2)
    very_innovative_from = models.DecimalField(
        _("batas sangat inovatif"), max_digits=5, decimal_places=2
    )
    innovative_from = models.DecimalField(_("batas inovatif"), max_digits=5, decimal_places=2)
    is_current = models.BooleanField(_("edisi berlaku"), default=False)

    class Meta:
        verbose_name = _("edisi IID")
        verbose_name_plural = _("edisi IID")
        ordering = ["-code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(spd_share__gte=0) & Q(sid_share__gte=0) & Q(count_share__gte=0),
                name="iid_shares_not_negative",
            ),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="iid_one_current"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shares_total(self) -> Decimal:
        return self.spd_share + self.sid_share + self.count_share


class IndicatorScope(models.TextChoices):
    SID = "sid", _("Satuan inovasi daerah")
    SPD = "spd", _("Satuan pemerintah daerah")


class IidIndicator(BaseModel):
    edition = models.ForeignKey(IidEdition, on_delete=models.CASCADE, related_name="indicators")
    scope = models.CharField(_("lingkup"), max_length=3, choices=IndicatorScope.choices)
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("bobot"))
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    guidance = models.TextField(_("parameter 1-3"), blank=True)

    class Meta:
        verbose_name = _("indikator IID")
        verbose_name_plural = _("indikator IID")
        ordering = ["edition", "scope", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="iid_indicator_code_once")
        ]

    def __str__(self) -> str:
        return self.name


PARAMETER = [MinValueValidator(1), MaxValueValidator(3)]


class IndicatorScore(BaseModel):
    """An innovation's parameter (1-3) for one SID indicator, with its evidence."""

    innovation = models.ForeignKey(
        "innovation.Innovation", on_delete=models.CASCADE, related_name="indicator_scores"
    )
    indicator = models.ForeignKey(IidIndicator, on_delete=models.CASCADE, related_name="+")
    parameter = models.PositiveSmallIntegerField(_("parameter"), validators=PARAMETER)
    evidence_note = models.CharField(_("bukti"), max_length=300, blank=True)
    evidence_url = models.URLField(_("tautan bukti"), blank=True)

    class Meta:
        verbose_name = _("nilai indikator")
        verbose_name_plural = _("nilai indikator")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "indicator"], name="iid_score_once_per_indicator"
            ),
            models.CheckConstraint(
                condition=Q(parameter__range=(1, 3)), name="iid_score_parameter_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id}:{self.indicator_id}={self.parameter}"


class SpdScore(BaseModel):
    """A region's (instansi's) parameter for one SPD indicator in one year."""

    region = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(IidIndicator, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    parameter = models.PositiveSmallIntegerField(_("parameter"), validators=PARAMETER)
    evidence_note = models.CharField(_("bukti"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nilai SPD")
        verbose_name_plural = _("nilai SPD")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "year"], name="iid_spd_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(parameter__range=(1, 3)), name="iid_spd_parameter_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id}:{self.indicator_id}:{self.year}={self.parameter}"


class KippCriterion(BaseModel):
    """A criterion of the KIPP competition in one edition (weights per criterion were not found
    for 2025: left empty, an admin fills them when published)."""

    edition = models.CharField(_("edisi"), max_length=10)
    code = models.CharField(_("kode"), max_length=30)
    name = models.CharField(_("nama"), max_length=100)
    question = models.TextField(_("pertanyaan"))
    weight = models.PositiveSmallIntegerField(_("bobot"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    passing_grade = models.PositiveSmallIntegerField(_("nilai lulus"), default=85)
    minimum_operating_days = models.PositiveSmallIntegerField(
        _("minimal berjalan (hari)"), default=365
    )

    class Meta:
        verbose_name = _("kriteria KIPP")
        verbose_name_plural = _("kriteria KIPP")
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="kipp_criterion_once")
        ]

    def __str__(self) -> str:
        return self.name


class KippNarrative(BaseModel):
    innovation = models.ForeignKey(
        "innovation.Innovation", on_delete=models.CASCADE, related_name="kipp_narratives"
    )
    criterion = models.ForeignKey(KippCriterion, on_delete=models.CASCADE, related_name="+")
    narrative = models.TextField(_("narasi"))
    evidence_url = models.URLField(_("tautan bukti"), blank=True)

    class Meta:
        verbose_name = _("narasi KIPP")
        verbose_name_plural = _("narasi KIPP")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "criterion"], name="kipp_narrative_once")
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id}:{self.criterion_id}"


class ImpactLink(BaseModel):
    """An innovation tied to one of Garda's measures (measures.py) of a unit, from a date."""

    innovation = models.ForeignKey(
        "innovation.Innovation", on_delete=models.CASCADE, related_name="impact_links"
    )
    measure = models.CharField(_("ukuran"), max_length=40)
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit yang diukur"), on_delete=models.PROTECT, related_name="+"
    )
    go_live = models.DateField(_("mulai berlaku"))
    # Longest span compared on each side; shortened to the data there is after go-live.
    window_days = models.PositiveSmallIntegerField(
        _("panjang pembanding (hari)"),
        default=84,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
    )

    class Meta:
        verbose_name = _("ukuran dampak")
        verbose_name_plural = _("ukuran dampak")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["innovation", "measure"], name="impact_measure_once"),
            models.CheckConstraint(
                condition=Q(window_days__range=(7, 366)), name="impact_window_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id}:{self.measure}"
