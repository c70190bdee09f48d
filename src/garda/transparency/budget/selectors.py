"""Reads of the budget portal. The budget is public: nothing here is scoped by role.

Figures are plain dataclasses (picklable, cached by data version in cache.py):
- pagu = pagu perubahan where adopted, else pagu murni (per line, then summed);
- serapan % = realisasi / pagu x 100 (one decimal, half up); sisa = pagu - realisasi;
- cumulative monthly realisation = running sum of the months' own realisasi, up to the last
  month any line has reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from garda.core.dataversion import DataVersion
from garda.core.errors import NotFound
from garda.core.models import Unit, UnitKind
from garda.learning.budget_link import batches_for_line, capacity_for_lines
from garda.transparency.budget.amounts import band, serapan
from garda.transparency.budget.cache import cached_value
from garda.transparency.budget.models import (
    BudgetLine,
    BudgetRealisation,
    Nomenclature,
)

BUDGET = "budget"
PROGRAM_CODE = re.compile(r"^\d\.\d{2}\.\d{2}$")
MIN_YEAR, MAX_YEAR = 2000, 2100
LINES_PER_PAGE = 100
# Lines listed on an OPD's own page; more than this and the page links to the table instead.
LINES_ON_UNIT_PAGE = 150
# Programs listed on a page; beyond this the largest are shown and the download has them all.
PROGRAMS_ON_PAGE = 20

_PAGU = Coalesce(F("pagu_perubahan"), F("pagu_murni"))


@dataclass(frozen=True)
class Figures:
    pagu_murni: int = 0
    pagu: int = 0
    realisasi: int = 0
    lines: int = 0
    over_pagu: int = 0

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.realisasi, self.pagu)

    @property
    def sisa(self) -> int:
        return self.pagu - self.realisasi

    @property
    def band(self) -> str | None:
        return band(self.serapan)


@dataclass(frozen=True)
class BreakdownRow:
    code: str
    name: str
    figures: Figures
    unit_code: str | None = None  # the unit page this row opens, if any


@dataclass(frozen=True)
class MonthRow:
    month: int
    amount: int | None  # None: after the last reported month
    cumulative: int | None
    percent: Decimal | None  # cumulative / pagu


@dataclass(frozen=True)
class LineRow:
    id: int
    year: int
    code: str
    name: str
    unit_code: str
    unit_name: str
    program_code: str
    kegiatan_code: str
    pagu_murni: int
    pagu_perubahan: int | None
    realisasi: int

    @property
    def pagu(self) -> int:
        return self.pagu_perubahan if self.pagu_perubahan is not None else self.pagu_murni

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.realisasi, self.pagu)

    @property
    def sisa(self) -> int:
        return self.pagu - self.realisasi

    @property
    def over_pagu(self) -> bool:
        return self.realisasi > self.pagu


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str
    path: str
    trail: tuple[tuple[str, str], ...]  # (code, name) of its ancestors, from the top


@dataclass(frozen=True)
class CapacityBuilding:
    """What training bought with this budget. Filled by the learning module (see
    `capacity_building`); until it exists pages say "Belum ada data pelatihan"."""

    asn_trained: int
    jp_delivered: int
    cost: int

    @property
    def cost_per_jp(self) -> int | None:
        return round(self.cost / self.jp_delivered) if self.jp_delivered else None


@dataclass(frozen=True)
class Overview:
    year: int
    unit: UnitInfo | None
    figures: Figures
    children: list[BreakdownRow] = field(default_factory=list)
    children_kind: str = ""  # "instansi" or "opd"
    programs: list[BreakdownRow] = field(default_factory=list)
    months: list[MonthRow] = field(default_factory=list)
    lines: list[LineRow] = field(default_factory=list)
    lines_total: int = 0
    capacity: CapacityBuilding | None = None

    @property
    def programs_on_page(self) -> list[BreakdownRow]:
        if len(self.programs) <= PROGRAMS_ON_PAGE:
            return self.programs
        return sorted(self.programs, key=lambda r: (-r.figures.pagu, r.code))[:PROGRAMS_ON_PAGE]


# --- Scope ------------------------------------------------------------------------------------


def year_checked(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise NotFound
    return year


def unit_info(*, code: str) -> UnitInfo:
    unit = Unit.objects.filter(code=code).only("pk", "code", "name", "kind", "path").first()
    if unit is None:
        raise NotFound
    ids = [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    names = {u.pk: (u.code, u.name) for u in Unit.objects.filter(pk__in=ids).only("code", "name")}
    trail = tuple(names[i] for i in ids if i in names)
    return UnitInfo(unit.pk, unit.code, unit.name, unit.kind, unit.path, trail)


def _lines(year: int, unit: UnitInfo | None) -> QuerySet[BudgetLine]:
    queryset = BudgetLine.objects.filter(year=year)
    if unit is None:
        return queryset
    if unit.kind == UnitKind.INSTANSI:
        return queryset.filter(instansi_id=unit.id)
    if unit.kind == UnitKind.OPD:
        return queryset.filter(opd_id=unit.id)
    return queryset.filter(unit__path__startswith=unit.path)


def _figures(queryset: QuerySet[BudgetLine]) -> Figures:
    totals = queryset.aggregate(**_FIGURE_SUMS)
    return _figures_of(totals)


_FIGURE_SUMS: dict[str, Any] = {
    "pagu_murni_sum": Sum("pagu_murni"),
    "pagu_sum": Sum(_PAGU),
    "realisasi_sum": Sum("realisasi_total"),
    "line_count": Count("id"),
    "over_count": Count("id", filter=Q(realisasi_total__gt=_PAGU)),
}


def _figures_of(row: Mapping[str, Any]) -> Figures:
    return Figures(
        pagu_murni=int(row["pagu_murni_sum"] or 0),
        pagu=int(row["pagu_sum"] or 0),
        realisasi=int(row["realisasi_sum"] or 0),
        lines=int(row["line_count"] or 0),
        over_pagu=int(row["over_count"] or 0),
    )


# --- Public reads ---------------------------------------------------------------------------


def budget_years() -> list[int]:
    """Years with budget lines, newest first."""
    return cached_value(
        BUDGET,
        "years",
        # order_by("-year") replaces the model's ordering (year, code, unit), which would
        # otherwise join the DISTINCT and return one row per line (~3,000 at province size).
        lambda: list(
            BudgetLine.objects.order_by("-year").values_list("year", flat=True).distinct()
        ),
    )


def budget_updated_on() -> dt.date | None:
    """The day the budget data last changed (shown as "Data per 17 Agustus 2026")."""
    changed = DataVersion.objects.filter(name=BUDGET).values_list("changed_at", flat=True).first()
    return timezone.localdate(changed) if changed else None


def budget_overview(*, year: int, unit_code: str | None = None) -> Overview:
    """Everything the portal shows for a year, for the whole province (all instansi) or for
    one unit and what lies below it."""
    year_checked(year)

    # The unit is looked up inside the computation: a cached overview needs no unit query
    # (`unit_info` matches the code exactly, so the code given is the code of the key), and
    # an unknown code raises NotFound before anything is stored.
    def compute() -> Overview:
        return _overview(year, unit_info(code=unit_code) if unit_code else None)

    return cached_value(BUDGET, f"overview:{year}:{unit_code or '*'}", compute)


def _overview(year: int, unit: UnitInfo | None) -> Overview:
    lines = _lines(year, unit)
    figures = _figures(lines)
    children, children_kind = _children(lines, unit)
    listed: list[LineRow] = []
    if unit is not None and unit.kind != UnitKind.INSTANSI and figures.lines <= LINES_ON_UNIT_PAGE:
        listed = line_rows(lines)
    return Overview(
        year=year,
        unit=unit,
        figures=figures,
        children=children,
        children_kind=children_kind,
        programs=_programs(lines),
        months=_months(year, unit, figures.pagu),
        lines=listed,
        lines_total=figures.lines,
        capacity=_capacity(year, unit),
    )


def _children(lines: QuerySet[BudgetLine], unit: UnitInfo | None) -> tuple[list[BreakdownRow], str]:
    if unit is None:
        group, kind = "instansi_id", "instansi"
    elif unit.kind == UnitKind.INSTANSI:
        group, kind = "opd_id", "opd"
    else:
        return [], ""
    grouped = list(lines.values(group).annotate(**_FIGURE_SUMS).order_by(group))
    ids = [row[group] for row in grouped if row[group] is not None]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids).only("code", "name", "path")}
    rows: list[BreakdownRow] = []
    for row in grouped:
        child = units.get(row[group])
        if child is None and unit is not None:  # lines kept on the instansi, outside any OPD
            rows.append(BreakdownRow(unit.code, unit.name, _figures_of(row), None))
        elif child is not None:
            rows.append(BreakdownRow(child.code, child.name, _figures_of(row), child.code))
    rows.sort(key=lambda r: (-r.figures.pagu, r.code))
    return rows, kind


def _programs(lines: QuerySet[BudgetLine]) -> list[BreakdownRow]:
    grouped = list(lines.values("program_code").annotate(**_FIGURE_SUMS).order_by("program_code"))
    names = dict(
        Nomenclature.objects.filter(code__in=[row["program_code"] for row in grouped]).values_list(
            "code", "name"
        )
    )
    return [
        BreakdownRow(row["program_code"], names.get(row["program_code"], ""), _figures_of(row))
        for row in grouped
    ]


def _months(year: int, unit: UnitInfo | None, pagu: int) -> list[MonthRow]:
    realisations = BudgetRealisation.objects.filter(line__in=_lines(year, unit).values("pk"))
    amounts = dict(
        realisations.values("month").annotate(total=Sum("amount")).values_list("month", "total")
    )
    # The last reported month is the last month grouped above: no second scan of the rows.
    last = max(amounts, default=0)
    rows: list[MonthRow] = []
    running = 0
    for month in range(1, 13):
        if month > last:
            rows.append(MonthRow(month, None, None, None))
            continue
        amount = int(amounts.get(month) or 0)
        running += amount
        rows.append(MonthRow(month, amount, running, serapan(running, pagu)))
    return rows


def line_rows(
    lines: QuerySet[BudgetLine], start: int = 0, stop: int | None = None
) -> list[LineRow]:
    values = lines.order_by("code", "unit__code").values_list(
        "pk", "year", "code", "name", "unit__code", "unit__name", "program_code",
        "kegiatan_code", "pagu_murni", "pagu_perubahan", "realisasi_total",
    )  # fmt: skip
    return [LineRow(*row) for row in values[start:stop]]


@dataclass(frozen=True)
class LinePage:
    rows: list[LineRow]
    number: int
    pages: int
    count: int
    figures: Figures


def budget_line_table(
    *,
    year: int,
    unit_code: str | None = None,
    program_code: str | None = None,
    over_only: bool = False,
    text: str = "",
    page: int = 1,
) -> LinePage:
    """The table behind the figures: sub-kegiatan lines, LINES_PER_PAGE a page. `text` keeps
    the lines whose name holds it or whose code starts with it."""
    year_checked(year)
    if program_code and not PROGRAM_CODE.fullmatch(program_code):
        raise NotFound
    unit = unit_info(code=unit_code) if unit_code else None
    text = " ".join(text.split())[:100]
    key = (
        f"lines:{year}:{unit.code if unit else '*'}:{program_code or '*'}:{int(over_only)}"
        f":{hashlib.sha256(text.casefold().encode()).hexdigest()[:16] if text else '*'}"
    )

    def compute() -> LinePage:
        lines = budget_lines_queryset(year=year, unit=unit, program_code=program_code)
        if over_only:
            lines = lines.filter(realisasi_total__gt=_PAGU)
        if text:
            lines = lines.filter(Q(name__icontains=text) | Q(code__startswith=text))
        figures = _figures(lines)
        pages = max(1, -(-figures.lines // LINES_PER_PAGE))
        number = min(max(page, 1), pages)
        start = (number - 1) * LINES_PER_PAGE
        rows = line_rows(lines, start, start + LINES_PER_PAGE)
        return LinePage(rows, number, pages, figures.lines, figures)

    return cached_value(BUDGET, f"{key}:{page}", compute)


def budget_lines_queryset(
    *, year: int, unit: UnitInfo | None = None, program_code: str | None = None
) -> QuerySet[BudgetLine]:
    lines = _lines(year, unit)
    if program_code:
        lines = lines.filter(program_code=program_code)
    return lines


@dataclass(frozen=True)
class LineDetail:
    line: LineRow
    instansi: tuple[str, str]
    program_name: str
    kegiatan_name: str
    months: list[MonthRow]
    batches: list[Any]


def budget_line_detail(*, year: int, line_id: int) -> LineDetail:
    year_checked(year)

    def compute() -> LineDetail:
        found = line_rows(BudgetLine.objects.filter(pk=line_id, year=year))
        if not found:
            raise NotFound
        row = found[0]
        line = BudgetLine.objects.select_related("instansi").get(pk=line_id)
        names = dict(
            Nomenclature.objects.filter(code__in=[row.program_code, row.kegiatan_code]).values_list(
                "code", "name"
            )
        )
        amounts = dict(
            BudgetRealisation.objects.filter(line_id=line_id).values_list("month", "amount")
        )
        last = max(amounts, default=0)
        months: list[MonthRow] = []
        running = 0
        for month in range(1, 13):
            if month > last:
                months.append(MonthRow(month, None, None, None))
                continue
            running += int(amounts.get(month, 0))
            months.append(
                MonthRow(month, int(amounts.get(month, 0)), running, serapan(running, row.pagu))
            )
        return LineDetail(
            line=row,
            instansi=(line.instansi.code, line.instansi.name),
            program_name=names.get(row.program_code, ""),
            kegiatan_name=names.get(row.kegiatan_code, ""),
            months=months,
            batches=training_batches_for_line(line_id=line_id),
        )

    return cached_value(BUDGET, f"line:{year}:{line_id}", compute)


# --- The learning module's extension point ----------------------------------------------------


def training_batches_for_line(*, line_id: int) -> list[Any]:
    """Training batches whose costs are charged to this sub-kegiatan, newest first: per
    batch its title, dates, cost, participants, ASN trained and JP delivered (aggregates
    only, no names). Filled by the learning module (garda.learning.budget_link), whose
    services bump the "budget" data version whenever a batch's cost or participants change,
    so the cached line page refreshes."""

    return list(batches_for_line(line_id))


def capacity_building(*, year: int, unit_code: str | None) -> CapacityBuilding | None:
    """ASN trained, JP delivered and their cost for a year and scope, summed over the batches
    of `training_batches_for_line`. None when no batch is charged to these lines: pages then
    say "Belum ada data pelatihan"."""

    return _capacity(year, unit_info(code=unit_code) if unit_code else None)


def _capacity(year: int, unit: UnitInfo | None) -> CapacityBuilding | None:
    totals = capacity_for_lines(_lines(year, unit).values("pk"))
    if totals is None:
        return None
    trained, jp, cost = totals
    return CapacityBuilding(asn_trained=trained, jp_delivered=jp, cost=cost)
