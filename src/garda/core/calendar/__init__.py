"""Working days (Monday to Friday, without national holidays and cuti bersama) and the
calendar an admin keeps: `days` answers, `services` writes, `views` is the page /kalender/.
The one place that decides whether a day is worked (docs/decisions/0010)."""

from garda.core.calendar.days import (
    ClosedDay,
    WorkingCalendar,
    add_working_days,
    closed_days_of,
    closed_kind,
    closed_kind_on,
    is_national_holiday,
    is_working_day,
    non_working_days_of_year,
    package_days,
    working_days_between,
    year_is_kept,
)
from garda.core.calendar.models import NonWorkingDay, NonWorkingKind
from garda.core.calendar.services import (
    calendar_seed_year,
    non_working_day_add,
    non_working_day_remove,
)

__all__ = [
    "ClosedDay",
    "NonWorkingDay",
    "NonWorkingKind",
    "WorkingCalendar",
    "add_working_days",
    "calendar_seed_year",
    "closed_days_of",
    "closed_kind",
    "closed_kind_on",
    "is_national_holiday",
    "is_working_day",
    "non_working_day_add",
    "non_working_day_remove",
    "non_working_days_of_year",
    "package_days",
    "working_days_between",
    "year_is_kept",
]
