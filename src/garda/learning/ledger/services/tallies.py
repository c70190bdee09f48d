"""The compliance counts kept as data change (models_tallies, decision 0019).

Every write that changes them calls one of the three entry points here in its own
transaction: `totals_changed` (the yearly totals `refresh_totals` recounted: every ledger
write and revocation), `placements_changed` (an employee created, moved, retired or changing
kind: the registry announces it on `people.events.placements`) and `unit_moved` (a unit hung
under another parent: `core.org.events.units`). Each turns the change into deltas of the
employee's own unit and adds them to that unit and every ancestor (its `path`), by one upsert
per row in a fixed order (so two writers never wait for each other crosswise).

`tallies_rebuild` recounts everything from the employees and the yearly totals;
`garda jp_totals_rebuild --check` compares without writing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q

from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.core.org.events import UnitMoved
from garda.core.org.models import Unit
from garda.learning.ledger import stamp
from garda.learning.ledger.models import JPYearTotal, LedgerEntry
from garda.learning.ledger.models_tallies import JPUnitHeadcount, JPUnitYearTally
from garda.learning.ledger.rules import targets_for_year
from garda.learning.ledger.tallies import (
    COLUMNS,
    NOT_COUNTED_STATUSES,
    ZERO,
    added,
    bucket_counts,
    tally_of,
    target_by_kind,
)
from garda.people.events import PlacementChange
from garda.people.models import Employee

CHUNK = 900  # below SQLite's limit on bound parameters per IN (...)
HeadKey = tuple[int, str]  # unit, kind
YearKey = tuple[int, int, str]  # unit, year, kind
EMPTY = (0,) * len(COLUMNS)


def serving(status: str) -> bool:
    return status not in NOT_COUNTED_STATUSES


@dataclass
class Deltas:
    """Changes of the counts, keyed by an employee's own unit (or by the row to change)."""

    heads: dict[HeadKey, int] = field(default_factory=lambda: defaultdict(int))
    years: dict[YearKey, tuple[int, ...]] = field(default_factory=dict)
    targets: dict[tuple[int, str], Decimal] = field(default_factory=dict)

    def target(self, year: int, kind: str) -> Decimal:
        if (year, kind) not in self.targets:
            for_year = targets_for_year(year)
            for each in ("pns", "pppk", kind):
                self.targets[(year, each)] = for_year.get(each, ZERO)
        return self.targets[(year, kind)]

    def add_year(self, key: YearKey, tally: tuple[int, ...], sign: int = 1) -> None:
        self.years[key] = added(self.years.get(key, EMPTY), tally, sign)

    def add_hours(self, unit: int, kind: str, year: int, total: Decimal, sign: int) -> None:
        if total > 0:
            self.add_year((unit, year, kind), tally_of(total, self.target(year, kind)), sign)


def _ancestors(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each unit's id and its ancestors' (from its path)."""
    found: dict[int, list[int]] = {}
    ids = sorted(set(unit_ids))
    for start in range(0, len(ids), CHUNK):
        for pk, path in Unit.objects.filter(pk__in=ids[start : start + CHUNK]).values_list(
            "pk", "path"
        ):
            found[pk] = [int(part) for part in path.strip("/").split("/") if part] or [pk]
    return found


def _rolled_up(deltas: Deltas) -> Deltas:
    """The deltas of each employee's own unit added to that unit and all its ancestors."""
    lines = _ancestors([unit for unit, _kind in deltas.heads] + [k[0] for k in deltas.years])
    up = Deltas(targets=deltas.targets)
    for (unit, kind), n in deltas.heads.items():
        for ancestor in lines.get(unit, [unit]):
            up.heads[(ancestor, kind)] += n
    for (unit, year, kind), tally in deltas.years.items():
        for ancestor in lines.get(unit, [unit]):
            up.add_year((ancestor, year, kind), tally)
    return up


def _apply(deltas: Deltas) -> None:
    """Add the deltas row by row (upsert), in key order; a change at all bumps the ledger's
    data version so cached compliance pages show it on the next request."""
    heads = sorted((key, n) for key, n in deltas.heads.items() if n)
    years = sorted((key, t) for key, t in deltas.years.items() if any(t))
    if not heads and not years:
        return
    quote = connection.ops.quote_name
    head_table = quote(JPUnitHeadcount._meta.db_table)
    year_table = quote(JPUnitYearTally._meta.db_table)
    sums = ", ".join(f"{c} = {year_table}.{c} + excluded.{c}" for c in COLUMNS)
    with connection.cursor() as cursor:
        if heads:
            cursor.executemany(
                f"INSERT INTO {head_table} (unit_id, kind, employees) VALUES (%s, %s, %s) "  # noqa: S608  # names from the model
                f"ON CONFLICT (unit_id, kind) DO UPDATE SET "
                f"employees = {head_table}.employees + excluded.employees",
                [(unit, kind, n) for (unit, kind), n in heads],
            )
        if years:
            marks = ", ".join(["%s"] * (4 + len(COLUMNS)))
            cursor.executemany(
                f"INSERT INTO {year_table} (unit_id, year, kind, target_jp, {', '.join(COLUMNS)}) "  # noqa: S608  # names from the model
                f"VALUES ({marks}) ON CONFLICT (unit_id, year, kind) DO UPDATE SET {sums}",
                [
                    (unit, year, kind, str(deltas.target(year, kind)), *tally)
                    for (unit, year, kind), tally in years
                ],
            )
    stamp.bump()


def totals_changed(changes: Sequence[tuple[int, int, Decimal, Decimal]]) -> None:
    """(employee, year, total before, total after) of the yearly totals just recounted."""
    moved = [c for c in changes if c[2] != c[3]]
    if not moved:
        return
    placed: dict[int, tuple[int, str, str]] = {}
    ids = sorted({c[0] for c in moved})
    for start in range(0, len(ids), CHUNK):
        placed.update(
            (pk, (unit, kind, status))
            for pk, unit, kind, status in Employee.objects.filter(
                pk__in=ids[start : start + CHUNK]
            ).values_list("pk", "unit_id", "kind", "status")
        )
    deltas = Deltas()
    for employee, year, before, after in moved:
        unit, kind, status = placed[employee]
        if serving(status):
            deltas.add_hours(unit, kind, year, before, -1)
            deltas.add_hours(unit, kind, year, after, 1)
    _apply(_rolled_up(deltas))


def placements_changed(changes: Sequence[PlacementChange]) -> None:
    """Employees created, moved, retired or changing kind: their headcount and every year of
    hours they have leave the old place and join the new one."""
    relevant = [c for c in changes if c.before != c.after]
    if not relevant:
        return
    hours: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    ids = sorted({c.employee_id for c in relevant if c.before is not None})
    for start in range(0, len(ids), CHUNK):
        for employee, year, total in JPYearTotal.objects.filter(
            employee_id__in=ids[start : start + CHUNK], total_jp__gt=0
        ).values_list("employee_id", "year", "total_jp"):
            hours[employee].append((year, total))
    deltas = Deltas()
    for change in relevant:
        for place, sign in ((change.before, -1), (change.after, 1)):
            if place is None or not serving(place.status):
                continue
            deltas.heads[(place.unit_id, place.kind)] += sign
            for year, total in hours.get(change.employee_id, []):
                deltas.add_hours(place.unit_id, place.kind, year, total, sign)
    _apply(_rolled_up(deltas))


def unit_moved(kind: str, moved: UnitMoved) -> None:
    """A unit re-hung elsewhere: its subtree's counts (its own rows) leave its old ancestors
    and join its new ones. Subscribed to `core.org.events.units`."""
    old = [int(p) for p in moved.old_path.strip("/").split("/") if p][:-1]
    new = [int(p) for p in moved.new_path.strip("/").split("/") if p][:-1]
    deltas = Deltas()
    for unit_kind, n in JPUnitHeadcount.objects.filter(unit_id=moved.unit_id).values_list(
        "kind", "employees"
    ):
        for ancestor in old:
            deltas.heads[(ancestor, unit_kind)] -= n
        for ancestor in new:
            deltas.heads[(ancestor, unit_kind)] += n
    for row in JPUnitYearTally.objects.filter(unit_id=moved.unit_id).values(
        "year", "kind", "target_jp", *COLUMNS
    ):
        tally = tuple(row[c] for c in COLUMNS)
        deltas.targets.setdefault((row["year"], row["kind"]), row["target_jp"])
        for ancestor in old:
            deltas.add_year((ancestor, row["year"], row["kind"]), tally, -1)
        for ancestor in new:
            deltas.add_year((ancestor, row["year"], row["kind"]), tally)
    _apply(deltas)


def on_placements(kind: str, changes: Sequence[PlacementChange]) -> None:
    placements_changed(changes)


# --- Recount --------------------------------------------------------------------------------


@dataclass
class Recount:
    heads: dict[HeadKey, int]
    years: dict[YearKey, tuple[Decimal, tuple[int, ...]]]


def _own_counts() -> Deltas:
    """Counts of each unit's own employees, by grouped queries (one per year of hours)."""
    own = Deltas()
    counted = Employee.objects.exclude(status__in=NOT_COUNTED_STATUSES)
    for unit, kind, n in (
        counted.order_by().values("unit_id", "kind").annotate(n=Count("pk"))
        .values_list("unit_id", "kind", "n")
    ):  # fmt: skip
        own.heads[(unit, kind)] += n
    years = sorted(set(JPYearTotal.objects.order_by().values_list("year", flat=True).distinct()))
    for year in years:
        targets = {kind: own.target(year, kind) for kind in ("pns", "pppk")}
        target = target_by_kind(targets, kind="employee__kind")
        rows = (
            JPYearTotal.objects.filter(year=year, total_jp__gt=0)
            .exclude(employee__status__in=NOT_COUNTED_STATUSES)
            .annotate(target=target)
            .order_by()
            .values("employee__unit_id", "employee__kind")
        )
        aggregates: dict[str, Any] = {
            "with_hours": Count("pk"),
            "compliant": Count("pk", filter=Q(total_jp__gte=F("target"))),
        }
        aggregates.update(bucket_counts())
        for row in rows.annotate(**aggregates).values_list(
            "employee__unit_id", "employee__kind", *COLUMNS
        ):
            unit, kind, *tally = row
            own.years[(unit, year, kind)] = tuple(tally)
    return own


def tallies_recount() -> Recount:
    """What the rows must hold: the full recount, rolled up the tree."""
    up = _rolled_up(_own_counts())
    return Recount(
        heads={k: n for k, n in up.heads.items() if n},
        years={k: (up.target(k[1], k[2]), t) for k, t in up.years.items() if any(t)},
    )


def tallies_stored() -> Recount:
    heads = {
        (unit, kind): n
        for unit, kind, n in JPUnitHeadcount.objects.values_list("unit_id", "kind", "employees")
        if n
    }
    years = {}
    for row in JPUnitYearTally.objects.values("unit_id", "year", "kind", "target_jp", *COLUMNS):
        tally = tuple(row[c] for c in COLUMNS)
        if any(tally):
            years[(row["unit_id"], row["year"], row["kind"])] = (row["target_jp"], tally)
    return Recount(heads=heads, years=years)


def tallies_differences() -> dict[str, int]:
    """How many rows differ from a full recount (0 and 0: the counts are right)."""
    expected, stored = tallies_recount(), tallies_stored()
    heads = sum(
        1 for k in expected.heads.keys() | stored.heads.keys()
        if expected.heads.get(k) != stored.heads.get(k)
    )  # fmt: skip
    years = sum(
        1 for k in expected.years.keys() | stored.years.keys()
        if expected.years.get(k) != stored.years.get(k)
    )  # fmt: skip
    return {
        "headcounts": heads,
        "tallies": years,
        "rows": len(expected.heads) + len(expected.years),
    }


@transaction.atomic
def tallies_rebuild() -> Recount:
    """Replace every count by the full recount (the rebuild command, the demo's bulk seed)."""
    recount = tallies_recount()
    JPUnitHeadcount.objects.all().delete()
    JPUnitYearTally.objects.all().delete()
    JPUnitHeadcount.objects.bulk_create(
        [
            JPUnitHeadcount(unit_id=u, kind=k, employees=n)
            for (u, k), n in sorted(recount.heads.items())
        ],
        batch_size=2000,
    )
    JPUnitYearTally.objects.bulk_create(
        [
            JPUnitYearTally(
                unit_id=u,
                year=y,
                kind=k,
                target_jp=target,
                **dict(zip(COLUMNS, tally, strict=True)),
            )
            for (u, y, k), (target, tally) in sorted(recount.years.items())
        ],
        batch_size=2000,
    )
    stamp.bump()
    return recount


# --- The yearly totals, recounted from the ledger -------------------------------------------


def _ledger_sums() -> str:
    ledger = connection.ops.quote_name(LedgerEntry._meta.db_table)
    return (
        "SELECT employee_id, year, ROUND(SUM(jp), 1) AS total, COUNT(*) AS n "  # noqa: S608  # names from the model
        f"FROM {ledger} WHERE status = 'valid' GROUP BY employee_id, year"
    )


def year_totals_differences() -> int:
    """How many (employee, year) totals differ from the ledger (0: they are right)."""
    totals = connection.ops.quote_name(JPYearTotal._meta.db_table)
    ledger = connection.ops.quote_name(LedgerEntry._meta.db_table)
    sql = (
        f"SELECT (SELECT COUNT(*) FROM ({_ledger_sums()}) r LEFT JOIN {totals} t "  # noqa: S608  # names from the model
        "ON t.employee_id = r.employee_id AND t.year = r.year "
        "WHERE t.id IS NULL OR ROUND(t.total_jp, 1) <> r.total OR t.entries <> r.n) + "
        f"(SELECT COUNT(*) FROM {totals} t WHERE (t.total_jp <> 0 OR t.entries <> 0) "
        f"AND NOT EXISTS (SELECT 1 FROM {ledger} e WHERE e.employee_id = t.employee_id "
        "AND e.year = t.year AND e.status = 'valid'))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return int(cursor.fetchone()[0])


@transaction.atomic
def year_totals_rebuild() -> int:
    """Replace every yearly total by the ledger's sum; the number of totals written."""
    totals = connection.ops.quote_name(JPYearTotal._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {totals}")  # noqa: S608  # name from the model
        cursor.execute(
            f"INSERT INTO {totals} (employee_id, year, total_jp, entries) "  # noqa: S608  # names from the model
            f"SELECT employee_id, year, total, n FROM ({_ledger_sums()}) r"
        )
        written = cursor.rowcount
    stamp.bump()
    return int(written)


@transaction.atomic
def ledger_totals_rebuild(*, actor: User | None, ledger: bool = True) -> dict[str, int]:
    """The rebuild command: the yearly totals from the ledger (unless `ledger` is False),
    then the per-unit counts from them, with one audit entry."""
    written = year_totals_rebuild() if ledger else -1
    recount = tallies_rebuild()
    figures = {"year_totals": written, "headcounts": len(recount.heads),
               "tallies": len(recount.years)}  # fmt: skip
    audit_record(actor=actor, action="ledger.totals.rebuild", object_type="ledger.totals",
                 object_label="jp_totals_rebuild", after=figures)  # fmt: skip
    return figures
