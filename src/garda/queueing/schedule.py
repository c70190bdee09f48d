"""When a facility is open: weekday hours, its own closed dates, and national holidays from
core's working-day calendar (cuti bersama do not close a puskesmas; libur nasional do)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils import timezone

from garda.core.calendar import NonWorkingDay, NonWorkingKind, package_days
from garda.queueing.models import ClosedDate, Facility, OpeningHours


@lru_cache(maxsize=16)
def _package_holidays(year: int) -> frozenset[dt.date]:
    # The package's days never change within a process; the table (admin's edits) is read
    # on every call, so an admin's change is seen at once.
    return frozenset(
        day
        for day, (kind, _name) in package_days(year).items()
        if kind == NonWorkingKind.LIBUR_NASIONAL
    )


def holiday_closes(year_kept: bool, kind: str, day: dt.date) -> bool:
    """The rule of `is_national_holiday` on values already read: when core's calendar keeps
    the day's year, its kind for the day decides; otherwise the holidays package."""
    if year_kept:
        return kind == NonWorkingKind.LIBUR_NASIONAL
    return day in _package_holidays(day.year)


def is_national_holiday(day: dt.date) -> bool:
    """One query: the year's rows of core's calendar (a few dozen) when the year is kept
    there, else the `holidays` package, as core's calendar decides."""
    year = dict(
        NonWorkingDay.objects.filter(
            date__gte=dt.date(day.year, 1, 1), date__lte=dt.date(day.year, 12, 31)
        ).values_list("date", "kind")
    )
    if year:
        return year.get(day) == NonWorkingKind.LIBUR_NASIONAL
    return day in _package_holidays(day.year)


def hours_on(facility: Facility | int, day: dt.date) -> OpeningHours | None:
    """The facility's hours on `day`, or None when it is closed that day."""
    facility_id = facility if isinstance(facility, int) else facility.pk
    hours = OpeningHours.objects.filter(facility_id=facility_id, weekday=day.weekday()).first()
    if hours is None:
        return None
    if ClosedDate.objects.filter(facility_id=facility_id, date=day).exists():
        return None
    if is_national_holiday(day):
        return None
    return hours


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))
