"""Where one employee's hours of a year fall against the target: the pure rule shared by the
counts kept on write (`services.tallies`), their rebuild and the compliance figures read
from them. No query here."""

from __future__ import annotations

from decimal import Decimal

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
