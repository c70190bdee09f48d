"""When a facility is open: weekday hours, its own closed dates, and national holidays from
core's working-day calendar (cuti bersama do not close a puskesmas; libur nasional do)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from garda.core.calendar import is_national_holiday
from garda.queueing.models import ClosedDate, Facility, OpeningHours


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
