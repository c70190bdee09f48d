"""The province view for the governor's office: per kabupaten/kota and per OPD, innovations
by stage, measured impacts, the IID estimate (and, through the `extra_columns` registry,
figures other service apps add, e.g. SKM grades). Aggregates only."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from garda.core.models import Unit, UnitKind
from garda.service.innovation.models import ImpactLink, Innovation, Stage
from garda.service.innovation.selectors.iid import edition_current, region_score
from garda.service.innovation.selectors.impact import impacts_of
from garda.service.innovation.selectors.registry import regions

# name -> (label, function(unit ids of an area) -> text); filled by other apps' ready().
ExtraColumn = tuple[Any, Callable[[list[int]], str]]
EXTRA_COLUMNS: dict[str, ExtraColumn] = {}


@dataclass
class AreaRow:
    code: str
    name: str
    stages: dict[str, int] = field(default_factory=dict)
    total: int = 0
    measured: int = 0
    improved: int = 0
    iid_total: str = ""
    iid_predikat: str = ""
    extras: dict[str, str] = field(default_factory=dict)


def _opd_of(unit_path: str, opd_ids: set[int]) -> int | None:
    for part in unit_path.strip("/").split("/"):
        if part and int(part) in opd_ids:
            return int(part)
    return None


def _impacts(innovation_ids: set[int]) -> tuple[Counter[int], Counter[int]]:
    measured: Counter[int] = Counter()
    improved: Counter[int] = Counter()
    for innovation in Innovation.objects.filter(
        pk__in=ImpactLink.objects.filter(innovation__in=innovation_ids).values("innovation")
    ).prefetch_related("impact_links"):
        for impact in impacts_of(innovation):
            measured[innovation.pk] += 1
            if any(f.get("verdict") == "better" for f in impact.get("figures", [])):
                improved[innovation.pk] += 1
    return measured, improved


def province_view(*, year: int | None = None) -> dict[str, Any]:
    year = year or timezone.localdate().year
    edition = edition_current()
    rows = list(
        Innovation.objects.values_list("pk", "instansi_id", "unit__path", "stage").order_by()
    )
    measured, improved = _impacts({pk for pk, *_rest in rows})
    areas = list(regions())
    province = Unit.objects.filter(kind=UnitKind.INSTANSI, code="15").first()
    if province is not None:
        areas.insert(0, province)
    opds = {u.pk: u for u in Unit.objects.filter(kind=UnitKind.OPD)}
    by_area: dict[int, AreaRow] = {a.pk: AreaRow(a.code, a.name) for a in areas}
    by_opd: dict[int, AreaRow] = {}
    for pk, instansi_id, path, stage in rows:
        targets = [by_area.get(instansi_id)]
        opd = _opd_of(path, set(opds))
        if opd is not None:
            unit = opds[opd]
            targets.append(by_opd.setdefault(opd, AreaRow(unit.code, unit.name)))
        for row in targets:
            if row is None:
                continue
            row.stages[stage] = row.stages.get(stage, 0) + 1
            row.total += 1
            row.measured += measured[pk]
            row.improved += improved[pk]
    units_of_area: dict[int, list[int]] = defaultdict(list)
    for unit_id, path in Unit.objects.values_list("pk", "path"):
        head = next(
            (int(p) for p in reversed(path.strip("/").split("/")) if p and int(p) in by_area), None
        )
        if head is not None:
            units_of_area[head].append(unit_id)
    for area in areas:
        row = by_area[area.pk]
        if edition is not None:
            score = region_score(edition=edition, region=area, year=year)
            row.iid_total = "" if score.total is None else f"{score.total}"
            row.iid_predikat = score.predikat
        for key, (_label, compute) in EXTRA_COLUMNS.items():
            row.extras[key] = compute(units_of_area[area.pk])
    return {
        "year": year,
        "edition": edition,
        "stages": [(s.value, s.label) for s in Stage],
        "areas": [by_area[a.pk] for a in areas],
        "opds": sorted(by_opd.values(), key=lambda r: r.code),
        "extra_labels": [(key, label) for key, (label, _f) in EXTRA_COLUMNS.items()],
    }
