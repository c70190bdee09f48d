"""Survey periods: a quarter, a semester or a year, and the period before it (whose users
are the population of the minimum sample)."""

from __future__ import annotations

import calendar
import datetime as dt

from garda.service.skm.models import PeriodKind

MONTHS = {PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6, PeriodKind.YEAR: 12}


def period_count(kind: str) -> int:
    return 12 // MONTHS[PeriodKind(kind)]


def period_dates(kind: str, year: int, number: int) -> tuple[dt.date, dt.date]:
    months = MONTHS[PeriodKind(kind)]
    if not 1 <= number <= 12 // months:
        raise ValueError(f"period {number} out of range for {kind}")
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return dt.date(year, first_month, 1), dt.date(year, last_month, last_day)


def previous_period(kind: str, year: int, number: int) -> tuple[int, int]:
    if number > 1:
        return year, number - 1
    return year - 1, period_count(kind)


def period_of(kind: str, day: dt.date) -> tuple[int, int]:
    """(year, number) of the period of `kind` holding `day`."""
    months = MONTHS[PeriodKind(kind)]
    return day.year, (day.month - 1) // months + 1
