"""The Indeks Inovasi Daerah self-assessment, computed by the rules of one edition (data).

Per innovation: Σ weight x parameter over the edition's SID indicators (an indicator not
answered counts 0). Region: SID% = Σ over counted innovations / MAX(k, n) / the most one
innovation can score x 100; SPD% the same over the region's own indicators (shown only once
every SPD indicator is answered); count term = min(1, n / k) x 100; total = the edition's
shares of the three. A counted innovation is one of the region in trial or application that
has not stopped (the yearly check)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from garda.core.models import Unit
from garda.service.innovation.models import (
    IidEdition,
    IidIndicator,
    IndicatorScope,
    IndicatorScore,
    Innovation,
    SpdScore,
    Stage,
)

HUNDRED = Decimal(100)
TWO = Decimal("0.01")


def edition_current() -> IidEdition | None:
    return IidEdition.objects.filter(is_current=True).first() or IidEdition.objects.first()


def indicators(edition: IidEdition, scope: str) -> list[IidIndicator]:
    return list(edition.indicators.filter(scope=scope).order_by("position", "pk"))


def counted_innovations(region: Unit) -> QuerySet[Innovation]:
    return Innovation.objects.filter(
        instansi=region, stage__in=(Stage.UJI_COBA, Stage.PENERAPAN), stopped_on__isnull=True
    )


@dataclass(frozen=True)
class Improvement:
    innovation: Innovation
    indicator: IidIndicator
    parameter: int  # now (0 = not answered)
    gain: Decimal  # total index points if raised to 3


@dataclass
class RegionScore:
    edition: IidEdition
    region: Unit
    year: int
    innovations: int
    sid_raw: dict[int, int]  # innovation id -> Σ weight x parameter
    sid_max: int
    sid_percent: Decimal
    count_percent: Decimal
    spd_percent: Decimal | None
    spd_missing: list[IidIndicator]
    total: Decimal | None
    predikat: str
    next_predikat: str
    points_missing: Decimal | None
    improvements: list[Improvement] = field(default_factory=list)


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


def predikat_for(edition: IidEdition, total: Decimal) -> str:
    if total >= edition.very_innovative_from:
        return _("Sangat inovatif")
    if total >= edition.innovative_from:
        return _("Inovatif")
    if total > 0:
        return _("Kurang inovatif")
    return _("Tidak dapat dinilai")


def innovation_raw(edition: IidEdition, innovation: Innovation) -> tuple[int, int]:
    """(Σ weight x parameter, the most possible) of one innovation."""
    sid = indicators(edition, IndicatorScope.SID)
    answers = dict(
        IndicatorScore.objects.filter(innovation=innovation, indicator__in=sid).values_list(
            "indicator_id", "parameter"
        )
    )
    return sum(i.weight * answers.get(i.pk, 0) for i in sid), sum(i.weight * 3 for i in sid)


def region_score(*, edition: IidEdition, region: Unit, year: int) -> RegionScore:
    sid = indicators(edition, IndicatorScope.SID)
    spd = indicators(edition, IndicatorScope.SPD)
    innovations = list(counted_innovations(region).order_by("pk"))
    answers: dict[tuple[int, int], int] = {
        (innovation_id, indicator_id): parameter
        for innovation_id, indicator_id, parameter in IndicatorScore.objects.filter(
            innovation__in=innovations, indicator__in=sid
        ).values_list("innovation_id", "indicator_id", "parameter")
    }
    sid_max = sum(i.weight * 3 for i in sid) or 1
    raw = {
        inn.pk: sum(i.weight * answers.get((inn.pk, i.pk), 0) for i in sid) for inn in innovations
    }
    n = len(innovations)
    divisor = Decimal(max(edition.divisor_minimum, n))
    sid_percent = Decimal(sum(raw.values())) / divisor / Decimal(sid_max) * HUNDRED
    count_percent = min(Decimal(1), Decimal(n) / Decimal(edition.divisor_minimum)) * HUNDRED
    spd_answers = dict(
        SpdScore.objects.filter(region=region, year=year, indicator__in=spd).values_list(
            "indicator_id", "parameter"
        )
    )
    spd_missing = [i for i in spd if i.pk not in spd_answers]
    spd_percent: Decimal | None = None
    if spd and not spd_missing:
        spd_max = sum(i.weight * 3 for i in spd)
        spd_percent = Decimal(sum(i.weight * spd_answers[i.pk] for i in spd)) / spd_max * HUNDRED
    total: Decimal | None = None
    if spd_percent is not None:
        total = _round(
            (
                edition.spd_share * spd_percent
                + edition.sid_share * sid_percent
                + edition.count_share * count_percent
            )
            / HUNDRED
        )
    # What raising one answer to 3 adds to the total, largest first.
    per_point = edition.sid_share / HUNDRED / divisor / Decimal(sid_max) * HUNDRED
    improvements = [
        Improvement(
            inn,
            i,
            answers.get((inn.pk, i.pk), 0),
            _round(per_point * i.weight * (3 - answers.get((inn.pk, i.pk), 0))),
        )
        for inn in innovations
        for i in sid
        if answers.get((inn.pk, i.pk), 0) < 3
    ]
    improvements.sort(key=lambda item: (-item.gain, item.innovation.pk, item.indicator.position))
    if total is None:
        predikat, next_predikat, missing = _("Belum lengkap"), "", None
    else:
        predikat = predikat_for(edition, total)
        if total >= edition.very_innovative_from:
            next_predikat, missing = "", None
        elif total >= edition.innovative_from:
            next_predikat, missing = _("Sangat inovatif"), edition.very_innovative_from - total
        else:
            next_predikat, missing = _("Inovatif"), edition.innovative_from - total
    return RegionScore(
        edition=edition,
        region=region,
        year=year,
        innovations=n,
        sid_raw=raw,
        sid_max=sid_max,
        sid_percent=_round(sid_percent),
        count_percent=_round(count_percent),
        spd_percent=_round(spd_percent) if spd_percent is not None else None,
        spd_missing=spd_missing,
        total=total,
        predikat=predikat,
        next_predikat=next_predikat,
        points_missing=_round(missing) if missing is not None else None,
        improvements=improvements[:8],
    )


def innovation_answers(
    innovation: Innovation, edition: IidEdition
) -> list[tuple[IidIndicator, IndicatorScore | None]]:
    scores = {
        s.indicator_id: s
        for s in IndicatorScore.objects.filter(innovation=innovation, indicator__edition=edition)
    }
    return [(i, scores.get(i.pk)) for i in indicators(edition, IndicatorScope.SID)]


def spd_answers(
    region: Unit, edition: IidEdition, year: int
) -> list[tuple[IidIndicator, SpdScore | None]]:
    scores = {
        s.indicator_id: s
        for s in SpdScore.objects.filter(region=region, year=year, indicator__edition=edition)
    }
    return [(i, scores.get(i.pk)) for i in indicators(edition, IndicatorScope.SPD)]
