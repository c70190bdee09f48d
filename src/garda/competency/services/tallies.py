"""The heat map's counts kept as the current gaps change (`GapTally`, decision 0024).

Two writes change them, each inside its own transaction: `gaps_refresh` (every assessment
import, entry or standard change rewrites an employee's current gaps: it hands the figures it
removed and the ones it wrote to `tally_apply`) and a move of an employee to another unit (the
registry announces it on `people.events.placements`; `on_placements` moves the employee's
figures from the old unit to the new). Rows are per unit (own staff only), so a unit moved
in the tree needs nothing: the subtree is summed on read through the current paths, and no
write touches the province's row (writers of different units never wait for each other).

`gap_tallies_recount` counts everything again from the current gaps (the migration that
created the table; `gap_tallies_check` compares without writing, for the tests)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from garda.competency.models import CurrentGap, GapTally
from garda.core.dataversion import data_version_bump
from garda.people.events import PlacementChange

Key = tuple[int, int]  # unit, competency
Figures = tuple[int, int, int]  # gap sum, assessed, below
CHUNK = 900  # below SQLite's limit on bound parameters per IN (...)


def gap_figures(employee_ids: Iterable[int]) -> dict[Key, Figures]:
    """The current gaps of these employees grouped by their own unit and competency."""
    ids = sorted(set(employee_ids))
    found: dict[Key, Figures] = {}
    for start in range(0, len(ids), CHUNK):
        rows = (
            CurrentGap.objects.filter(employee_id__in=ids[start : start + CHUNK], gap__isnull=False)
            .order_by()
            .values("employee__unit_id", "competency_id")
            .annotate(total=Sum("gap"), n=Count("pk"), below=Count("pk", filter=Q(gap__lt=0)))
            .values_list("employee__unit_id", "competency_id", "total", "n", "below")
        )
        for unit_id, competency_id, total, n, below in rows:
            was = found.get((unit_id, competency_id), (0, 0, 0))
            found[(unit_id, competency_id)] = (was[0] + (total or 0), was[1] + n, was[2] + below)
    return found


def tally_apply(before: dict[Key, Figures], after: dict[Key, Figures]) -> None:
    """Add `after - before` to the kept rows: one upsert per changed row, in key order (two
    writers never lock rows crosswise). Same SQL on SQLite and PostgreSQL."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("tally_apply must run inside the writing transaction")
    deltas: list[tuple[int, int, int, int, int]] = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, (0, 0, 0)), after.get(key, (0, 0, 0))
        change = (new[0] - old[0], new[1] - old[1], new[2] - old[2])
        if change != (0, 0, 0):
            deltas.append((*key, *change))
    if not deltas:
        return
    table = GapTally._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (unit_id, competency_id, gap_sum, assessed, below) "  # noqa: S608  # names from the model
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (unit_id, competency_id) DO UPDATE SET "
            f"gap_sum = {table}.gap_sum + excluded.gap_sum, "
            f"assessed = {table}.assessed + excluded.assessed, "
            f"below = {table}.below + excluded.below",
            deltas,
        )


def placements_changed(changes: Sequence[PlacementChange]) -> None:
    """Employees that changed unit take their figures along (the event is published inside
    the registry's writing transaction, after the employee row was written)."""
    moved = {
        c.employee_id: (c.before.unit_id, c.after.unit_id)
        for c in changes
        if c.before is not None and c.after is not None and c.before.unit_id != c.after.unit_id
    }
    if not moved:
        return
    before: dict[Key, Figures] = defaultdict(lambda: (0, 0, 0))
    after: dict[Key, Figures] = defaultdict(lambda: (0, 0, 0))
    ids = sorted(moved)
    for start in range(0, len(ids), CHUNK):
        rows = (
            CurrentGap.objects.filter(employee_id__in=ids[start : start + CHUNK], gap__isnull=False)
            .order_by()
            .values_list("employee_id", "competency_id", "gap")
        )
        for employee_id, competency_id, gap in rows:
            if gap is None:
                continue  # filtered out above; the column itself is nullable
            old_unit, new_unit = moved[employee_id]
            figures = (gap, 1, 1 if gap < 0 else 0)
            before[(old_unit, competency_id)] = _plus(before[(old_unit, competency_id)], figures)
            after[(new_unit, competency_id)] = _plus(after[(new_unit, competency_id)], figures)
    if before or after:
        tally_apply(dict(before), dict(after))
        _bump()


def on_placements(kind: str, changes: Sequence[PlacementChange]) -> None:
    placements_changed(changes)


def _bump() -> None:
    # The cached heat maps name the competency data version: a moved ASN shows at once.
    from garda.competency.services.gaps import DATA_VERSION  # gaps imports this module

    data_version_bump(name=DATA_VERSION)


def _plus(a: Figures, b: Figures) -> Figures:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _recount() -> dict[Key, Figures]:
    rows = (
        CurrentGap.objects.filter(gap__isnull=False)
        .order_by()
        .values("employee__unit_id", "competency_id")
        .annotate(total=Sum("gap"), n=Count("pk"), below=Count("pk", filter=Q(gap__lt=0)))
        .values_list("employee__unit_id", "competency_id", "total", "n", "below")
    )
    return {(u, c): (total or 0, n, below) for u, c, total, n, below in rows}


def _kept() -> dict[Key, Figures]:
    return {
        (u, c): (s, n, b)
        for u, c, s, n, b in GapTally.objects.exclude(assessed=0, gap_sum=0, below=0).values_list(
            "unit_id", "competency_id", "gap_sum", "assessed", "below"
        )
    }


@transaction.atomic
def gap_tallies_recount() -> int:
    """Count every row again from the current gaps (repair, bulk loads); returns the rows."""
    counted = _recount()
    GapTally.objects.all().delete()
    GapTally.objects.bulk_create(
        [
            GapTally(unit_id=u, competency_id=c, gap_sum=s, assessed=n, below=b)
            for (u, c), (s, n, b) in sorted(counted.items())
        ],
        batch_size=1000,
    )
    _bump()
    return len(counted)


def gap_tallies_check() -> dict[Key, tuple[Figures | None, Figures | None]]:
    """Rows whose kept figures differ from a recount: {key: (kept, counted)}; empty when
    they agree. Nothing is written."""
    kept, counted = _kept(), _recount()
    return {
        key: (kept.get(key), counted.get(key))
        for key in set(kept) | set(counted)
        if kept.get(key) != counted.get(key)
    }
