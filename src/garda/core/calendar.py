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
from django import forms
from django.contrib import messages
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotFound, ValidationFailed
from garda.core.formflow import act
from garda.core.models import BaseModel, User
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.core.roles import Role

SATURDAY = 5


class NonWorkingKind(models.TextChoices):
    LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")


class NonWorkingDay(BaseModel):
    """A weekday (or weekend day, for the record) on which government offices are closed."""

    date = models.DateField(_("tanggal"), unique=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=NonWorkingKind.choices)
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        app_label = "core"
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


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


def _year_rows(year: int) -> models.QuerySet[NonWorkingDay]:
    # A range rather than `date__year`, so the unique index on `date` serves the lookup.
    return NonWorkingDay.objects.filter(
        date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31)
    )


def year_is_kept(year: int) -> bool:
    """True when the table holds `year`; otherwise the package answers for it."""
    return _year_rows(year).exists()


def non_working_days_of_year(year: int) -> frozenset[dt.date]:
    """The closed days of `year`: from the table when it holds the year, else the package."""
    kept = frozenset(_year_rows(year).values_list("date", flat=True))
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
    rows = dict(_year_rows(day.year).values_list("date", "kind"))
    return closed_kind(day, year_kept=bool(rows), kept_kind=rows.get(day, ""))


def is_national_holiday(day: dt.date) -> bool:
    """A libur nasional (not a cuti bersama): what closes a puskesmas."""
    return closed_kind_on(day) == NonWorkingKind.LIBUR_NASIONAL


def closed_days_of(year: int) -> list[ClosedDay]:
    """The year's days off as the calendar counts them (the table, else the package)."""
    if year_is_kept(year):
        return [ClosedDay(d.date, d.kind, d.name) for d in _year_rows(year)]
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
        present = set(_year_rows(year).values_list("date", flat=True))
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
    if _year_rows(date.year).count() == 1:
        raise ValidationFailed(
            "Hari libur terakhir dalam setahun tidak bisa dihapus.",
            "The last day off of a year cannot be removed.",
            code="calendar_last_day",
        )
    before = snapshot(day)
    audit_record(actor=actor, action="calendar.remove", target=day, before=before)
    day.delete()


# --- Page: /kalender/ -------------------------------------------------------------------------

CALENDAR_READ_ACCESS = access_for(Role.ADMIN_PROVINSI, Role.AUDITOR, Role.PPID)
CALENDAR_EDIT_ACCESS = access_for(Role.ADMIN_PROVINSI)


class NonWorkingDayForm(forms.Form):
    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=NonWorkingKind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    name = forms.CharField(
        label=_("Keterangan"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


def _year_from(request: HttpRequest) -> int:
    raw = request.GET.get("tahun") or request.POST.get("tahun") or ""
    year = int(raw) if raw.isdigit() else timezone.localdate().year
    return year if 1900 <= year <= 2200 else timezone.localdate().year


@require_access(CALENDAR_READ_ACCESS)
def calendar_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = _year_from(request)
    days = closed_days_of(year)
    context = {
        "year": year,
        "kept": year_is_kept(year),
        "days": days,
        "weekday_count": sum(1 for d in days if not d.weekend),
        "form": NonWorkingDayForm(initial={"date": dt.date(year, 1, 1)}),
        "can_edit": CALENDAR_EDIT_ACCESS.allows(user),
        "years": range(year - 2, year + 3),
    }
    return render(request, "core/calendar.html", context)


def _back_url(year: int) -> str:
    return f"{reverse('calendar:page')}?tahun={year}"


def _back(year: int) -> HttpResponse:
    return redirect(_back_url(year))


@require_access(CALENDAR_EDIT_ACCESS)
@require_POST
def calendar_add(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = NonWorkingDayForm(request.POST)
    year = _year_from(request)
    if not form.is_valid():
        messages.error(request, gettext("Periksa tanggal, jenis, dan keterangan."))
        return _back(year)
    day: dt.date = form.cleaned_data["date"]
    return act(
        request,
        service=lambda: non_working_day_add(
            actor=user, date=day, kind=form.cleaned_data["kind"], name=form.cleaned_data["name"]
        ),
        success=gettext("Hari libur ditambahkan."),
        then=_back_url(day.year),
    )


@require_access(CALENDAR_EDIT_ACCESS)
@require_POST
def calendar_remove(request: HttpRequest, day: str) -> HttpResponse:
    user = signed_in_user(request)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError as error:
        raise NotFound from error
    return act(
        request,
        service=lambda: non_working_day_remove(actor=user, date=date),
        success=gettext("Tanggal itu kini hari kerja."),
        then=_back_url(date.year),
    )


@require_access(CALENDAR_EDIT_ACCESS)
@require_POST
def calendar_seed(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = _year_from(request)
    return act(
        request,
        service=lambda: calendar_seed_year(
            actor=user, year=year, merge=request.POST.get("gabung") == "1"
        ),
        success=lambda added: (
            gettext("%(n)d hari libur dimuat dari paket holidays.") % {"n": added}
        ),
        then=_back_url(year),
    )


# Mounted by the project's URLconf: path("kalender/", include("garda.core.calendar")).
app_name = "calendar"
urlpatterns = [
    path("", calendar_page, name="page"),
    path("tambah/", calendar_add, name="add"),
    path("muat/", calendar_seed, name="seed"),
    path("<str:day>/hapus/", calendar_remove, name="remove"),
]
