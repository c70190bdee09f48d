"""Working days: Monday to Friday, without national holidays and cuti bersama.

The table `NonWorkingDay` is the calendar an admin_provinsi keeps: it is seeded per year from
the `holidays` package (Indonesia, categories "public" and "government" — the latter holds the
cuti bersama of the joint ministerial decree), and the admin adds a decree's changes or a year
the package does not know yet.

Decisions, so every caller gets the same answer:
- A year with at least one row in the table is read from the table only. A year with no rows
  falls back to the package, read-only: counting a deadline never writes. Any write to such a
  year (add, remove) first copies the package's days for it, so adding one cuti bersama never
  drops the national holidays of that year. The last day of a year cannot be removed, so a
  kept year never silently falls back again.
- Day 1 is the first working day *after* `start` (UU 14/2008: a request received on Friday
  is answered counting from Monday). `add_working_days(start, 0)` is `start` itself.
- Each call reads the table once per year it touches; nothing is cached between calls, so
  every process sees an admin's change at once.
- A deadline, once computed, is stored on its record (e.g. a request's `due_on`); changing the
  calendar later does not move deadlines already given to the public.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.db import models

from garda.core.calendar.models import NonWorkingDay, NonWorkingKind

SATURDAY = 5


# --- The package's days ---------------------------------------------------------------------


def package_days(year: int) -> dict[dt.date, tuple[str, str]]:
    """The `holidays` package's non-working days of `year`: date -> (kind, Indonesian name)."""
    return dict(_package_days(year))


@lru_cache(maxsize=16)
def _package_days(year: int) -> tuple[tuple[dt.date, tuple[str, str]], ...]:
    # The package's days never change within a process; the table (an admin's edits) is read
    # on every call, so an admin's change is seen at once.
    public = holidays.country_holidays("ID", years=year, categories=("public",), language="id")
    joint = holidays.country_holidays("ID", years=year, categories=("government",), language="id")
    days: dict[dt.date, tuple[str, str]] = {
        day: (NonWorkingKind.CUTI_BERSAMA.value, str(name)) for day, name in joint.items()
    }
    # A date in both lists is a national holiday first.
    days.update(
        {day: (NonWorkingKind.LIBUR_NASIONAL.value, str(name)) for day, name in public.items()}
    )
    return tuple(sorted(days.items()))


def year_rows(year: int) -> models.QuerySet[NonWorkingDay]:
    # A range rather than `date__year`, so the unique index on `date` serves the lookup.
    return NonWorkingDay.objects.filter(
        date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31)
    )


def year_is_kept(year: int) -> bool:
    """True when the table holds `year`; otherwise the package answers for it."""
    return year_rows(year).exists()


def non_working_days_of_year(year: int) -> frozenset[dt.date]:
    """The closed days of `year`: from the table when it holds the year, else the package."""
    kept = frozenset(year_rows(year).values_list("date", flat=True))
    return kept if kept else frozenset(package_days(year))


@dataclass(frozen=True)
class ClosedDay:
    date: dt.date
    kind: str
    name: str

    @property
    def kind_label(self) -> str:
        return str(NonWorkingKind(self.kind).label)

    @property
    def weekend(self) -> bool:
        return self.date.weekday() >= SATURDAY


def closed_kind(day: dt.date, *, year_kept: bool, kept_kind: str) -> str:
    """What kind of closed day `day` is ("" for none), from what the table holds: `year_kept`
    (the table has any row in the day's year) and `kept_kind` (its row for the day, or "").
    The one place that decides between the table and the package, for callers that read the
    table themselves (the queue reads it in the same query as the rest of a booking)."""
    if year_kept:
        return kept_kind
    return dict(_package_days(day.year)).get(day, ("", ""))[0]


def closed_kind_on(day: dt.date) -> str:
    """`closed_kind` for one day, reading the table's rows of its year (one query)."""
    rows = dict(year_rows(day.year).values_list("date", "kind"))
    return closed_kind(day, year_kept=bool(rows), kept_kind=rows.get(day, ""))


def is_national_holiday(day: dt.date) -> bool:
    """A libur nasional (not a cuti bersama): what closes a puskesmas."""
    return closed_kind_on(day) == NonWorkingKind.LIBUR_NASIONAL


def closed_days_of(year: int) -> list[ClosedDay]:
    """The year's days off as the calendar counts them (the table, else the package)."""
    if year_is_kept(year):
        return [ClosedDay(d.date, d.kind, d.name) for d in year_rows(year)]
    return [ClosedDay(day, kind, name) for day, (kind, name) in package_days(year).items()]


# --- Counting ---------------------------------------------------------------------------------


class WorkingCalendar:
    """Counts working days, reading each year's closed days once. Make one per call."""

    def __init__(self, load_year: Callable[[int], frozenset[dt.date]] | None = None) -> None:
        self._load_year = load_year or non_working_days_of_year
        self._years: dict[int, frozenset[dt.date]] = {}

    def closed_days(self, year: int) -> frozenset[dt.date]:
        if year not in self._years:
            self._years[year] = self._load_year(year)
        return self._years[year]

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < SATURDAY and day not in self.closed_days(day.year)

    def add(self, start: dt.date, n: int) -> dt.date:
        if n < 0:
            raise ValueError("n must be zero or more working days")
        day = start
        remaining = n
        while remaining:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def between(self, a: dt.date, b: dt.date) -> int:
        """Working days d with a < d <= b; negative when b is before a."""
        if b < a:
            return -self.between(b, a)
        count = 0
        day = a
        while day < b:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (day 1 = the first working day after `start`)."""
    return WorkingCalendar().add(start, n)


def working_days_between(a: dt.date, b: dt.date) -> int:
    """How many working days after `a`, up to and including `b` (negative if b < a).

    `working_days_between(a, add_working_days(a, n)) == n` for every n >= 0."""
    return WorkingCalendar().between(a, b)


def is_working_day(day: dt.date) -> bool:
    return WorkingCalendar().is_working_day(day)
