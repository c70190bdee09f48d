"""Where one employee's hours of a year fall against the target: the pure rule shared by the
counts kept on write (`services.tallies`), their rebuild and the compliance figures read
from them, and the same rule as SQL expressions for the aggregates that recount them. No
query runs here."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, Q, Value, When

from garda.people.models import EmployeeStatus

ZERO = Decimal("0")
# Upper bounds (as a share of the target) of the distribution's bars; the last is open.
BUCKETS: tuple[tuple[str, Decimal], ...] = (
    ("0", Decimal("0")),
    ("1-24%", Decimal("0.25")),
    ("25-49%", Decimal("0.5")),
    ("50-74%", Decimal("0.75")),
    ("75-99%", Decimal("1")),
)
# The columns of a JPUnitYearTally row, in the order of `Tally.values`.
COLUMNS = ("with_hours", "compliant", "bucket1", "bucket2", "bucket3", "bucket4")


def tally_of(total: Decimal, target: Decimal) -> tuple[int, ...]:
    """A one-employee tally (COLUMNS order): nothing without hours; otherwise `with_hours`
    and exactly one of compliant / the bucket below the target it reached."""
    if total <= 0:
        return (0,) * len(COLUMNS)
    counts = [1, 0, 0, 0, 0, 0]
    if total >= target:
        counts[1] = 1
        return tuple(counts)
    for n in range(1, len(BUCKETS)):
        if total < target * BUCKETS[n][1]:
            counts[1 + n] = 1
            break
    return tuple(counts)


def target_by_kind(targets: dict[str, Decimal], *, kind: str = "kind") -> Case:
    """Each row's target by its employee kind (PNS/PPPK, the field `kind`), as a CASE the
    database compares; a kind without a target has 0."""
    return Case(
        *[When(**{kind: k}, then=Value(value)) for k, value in targets.items()],
        default=Value(ZERO),
        output_field=DecimalField(max_digits=7, decimal_places=1),
    )


def bucket_counts(*, total: str = "total_jp", target: str = "target") -> dict[str, Count]:
    """`tally_of`'s bars below the target as conditional counts (aliases bucket1…): rows with
    hours whose `total` lies in [target * lower, target * upper)."""
    counts: dict[str, Count] = {}
    for n in range(1, len(BUCKETS)):
        lower, upper = BUCKETS[n - 1][1], BUCKETS[n][1]
        counts[f"bucket{n}"] = Count(
            "pk",
            filter=Q(**{f"{total}__gt": 0})
            & Q(**{f"{total}__gte": F(target) * lower})
            & Q(**{f"{total}__lt": F(target) * upper}),
        )
    return counts


def added(a: tuple[int, ...], b: tuple[int, ...], sign: int = 1) -> tuple[int, ...]:
    return tuple(x + sign * y for x, y in zip(a, b, strict=True))


# Serving employees are counted; the rest are left out. Written as an exclusion: with
# `status IN (aktif, …)` SQLite walks the status index (nearly every row) and sorts, where
# NOT IN leaves it free to walk the name (or unit, name) index and stop after a page.
NOT_COUNTED_STATUSES = (
    EmployeeStatus.PENSIUN,
    EmployeeStatus.BERHENTI,
    EmployeeStatus.MENINGGAL,
    EmployeeStatus.DIBERHENTIKAN_SEMENTARA,
)
