"""Writes to the working-day calendar, each one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from garda.core.audit.services import audit_record, snapshot
from garda.core.calendar.days import package_days, year_is_kept, year_rows
from garda.core.calendar.models import NonWorkingDay, NonWorkingKind
from garda.core.errors import NotFound, ValidationFailed
from garda.core.models import User

# --- Services ---------------------------------------------------------------------------------


def _copy_package_year(year: int) -> int:
    """Write the package's days of a year the table does not hold yet (inside a service)."""
    if year_is_kept(year):
        return 0
    rows = [
        NonWorkingDay(date=day, kind=kind, name=name[:200])
        for day, (kind, name) in package_days(year).items()
    ]
    NonWorkingDay.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def calendar_seed_year(*, actor: User | None, year: int, merge: bool = False) -> int:
    """Load the package's days of `year`. A year already kept is left alone unless `merge`,
    which adds the package's days missing from it (an admin's removals would come back, so
    merging is a deliberate choice). Returns how many days were added."""
    if not 1900 <= year <= 2200:
        raise ValidationFailed("Tahun tidak valid.", "Invalid year.", code="calendar_year")
    if merge and year_is_kept(year):
        present = set(year_rows(year).values_list("date", flat=True))
        rows = [
            NonWorkingDay(date=day, kind=kind, name=name[:200])
            for day, (kind, name) in package_days(year).items()
            if day not in present
        ]
        NonWorkingDay.objects.bulk_create(rows)
        added = len(rows)
    else:
        added = _copy_package_year(year)
    if added:
        audit_record(
            actor=actor,
            action="calendar.seed",
            object_type=NonWorkingDay._meta.label_lower,
            object_id=str(year),
            object_label=f"Kalender kerja {year}",
            after={"year": year, "added": added, "merge": merge},
        )
    return added


@transaction.atomic
def non_working_day_add(
    *, actor: User | None, date: dt.date, kind: str, name: str
) -> NonWorkingDay:
    if kind not in NonWorkingKind.values:
        raise ValidationFailed("Jenis hari libur tidak dikenal.", "Unknown kind of day off.")
    name = name.strip()
    if not name:
        raise ValidationFailed("Nama hari libur wajib diisi.", "The name is required.")
    _copy_package_year(date.year)
    if NonWorkingDay.objects.filter(date=date).exists():
        raise ValidationFailed(
            f"Tanggal {date:%d-%m-%Y} sudah ada di kalender.",
            f"{date:%Y-%m-%d} is already in the calendar.",
            code="calendar_day_exists",
        )
    day = NonWorkingDay.objects.create(date=date, kind=kind, name=name[:200])
    audit_record(actor=actor, action="calendar.add", target=day, after=snapshot(day))
    return day


@transaction.atomic
def non_working_day_remove(*, actor: User | None, date: dt.date) -> None:
    """Make `date` a working day again (e.g. a decree moved a cuti bersama)."""
    _copy_package_year(date.year)
    day = NonWorkingDay.objects.select_for_update().filter(date=date).first()
    if day is None:
        raise NotFound("Tanggal itu bukan hari libur.", "That date is not a day off.")
    if year_rows(date.year).count() == 1:
        raise ValidationFailed(
            "Hari libur terakhir dalam setahun tidak bisa dihapus.",
            "The last day off of a year cannot be removed.",
            code="calendar_last_day",
        )
    before = snapshot(day)
    audit_record(actor=actor, action="calendar.remove", target=day, before=before)
    day.delete()
