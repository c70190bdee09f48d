"""The page /kalender/: the year's non-working days, kept by admin_provinsi."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from garda.core.calendar.days import closed_days_of, year_is_kept
from garda.core.calendar.models import NonWorkingKind
from garda.core.calendar.services import (
    calendar_seed_year,
    non_working_day_add,
    non_working_day_remove,
)
from garda.core.errors import NotFound
from garda.core.formflow import act
from garda.core.forms import date_input
from garda.core.params import year_from as parse_year
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.core.roles import Role

# --- Page: /kalender/ -------------------------------------------------------------------------

CALENDAR_READ_ACCESS = access_for(Role.ADMIN_PROVINSI, Role.AUDITOR, Role.PPID)
CALENDAR_EDIT_ACCESS = access_for(Role.ADMIN_PROVINSI)


class NonWorkingDayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=date_input(**{"class": "form-control"}))
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
    raw = request.GET.get("tahun") or request.POST.get("tahun")
    return parse_year(raw, earliest=1900, latest=2200)


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
