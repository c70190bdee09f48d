"""Pages of the ASN registry and the unit tree."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from garda.core.errors import GardaError
from garda.core.formflow import submit
from garda.core.org.selectors import unit_get, unit_list
from garda.core.pagination import CappedPaginator
from garda.core.permissions import SIGNED_IN, access_for, require_access, signed_in_user
from garda.core.roles import Role
from garda.people import selectors, services
from garda.people.filters import EmployeeFilter, UnitFilter
from garda.people.forms import EmployeeForm, SelfProfileForm

EMPLOYEE_ADMINS = (Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)
EMPLOYEE_LIST_ACCESS = access_for(*EMPLOYEE_ADMINS, Role.ATASAN, Role.AUDITOR)
EMPLOYEE_DETAIL_ACCESS = access_for(*EMPLOYEE_ADMINS, Role.ATASAN, Role.AUDITOR, Role.ASN)
EMPLOYEE_EDIT_ACCESS = access_for(*EMPLOYEE_ADMINS)
PAGE_SIZE = 50


@require_access(EMPLOYEE_LIST_ACCESS)
def employee_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    filtered = EmployeeFilter(request.GET, queryset=selectors.employee_list(user=user))
    narrowed = selectors.employee_list_is_narrowed(user=user, params=request.GET)
    ordered = selectors.employee_ordered(filtered.qs, narrowed=narrowed)
    ids = filtered.ordered_ids(user)
    page = CappedPaginator(ordered, PAGE_SIZE, ids=ids, rows=selectors.employee_rows).get_page(
        request.GET.get("page")
    )
    _link_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter_fields": _filter_fields(filtered, request),
        "page": page,
        "query": query.urlencode(),
        "can_import": user.is_superuser or user.role in EMPLOYEE_ADMINS,
    }
    template = (
        "people/_employee_rows.html"
        if request.headers.get("HX-Request")
        else ("people/employee_list.html")
    )
    return render(request, template, context)


# A number no employee has, reversed once to learn where a row's id goes in its link.
_MARKER = 987654321


def _link_rows(employees: Iterable[selectors.EmployeeRow]) -> None:
    """Each row's detail link, from one `reverse()` per page instead of one per row (the
    template's `{% url %}` per row showed in the list page's cProfile, decision 0020)."""
    before, after = reverse("people:employee_detail", args=[_MARKER]).split(str(_MARKER))
    for employee in employees:
        employee.detail_url = f"{before}{employee.pk}{after}"


@functools.lru_cache(maxsize=64)
def _blank_options_html(entries: tuple[tuple[str, str], ...]) -> str:
    """A menu's ~200 options rendered once per distinct menu (the choices change a few times
    a year); rendering them per request cost more than the page's own rows (cProfile)."""
    return format_html_join("", '<option value="{}">{}</option>', entries)


def _options_html(entries: tuple[tuple[str, str], ...], value: str) -> SafeString:
    blank = f'<option value="">{escape(_("Semua"))}</option>'
    html = _blank_options_html(entries)
    if not value:
        return mark_safe(blank.replace('">', '" selected>', 1) + html)  # noqa: S308  # escaped above
    chosen = f'<option value="{escape(value)}">'
    marked = html.replace(chosen, chosen[:-1] + " selected>", 1)
    return mark_safe(blank + marked)  # noqa: S308  # built from escaped parts only


def _filter_fields(filtered: EmployeeFilter, request: HttpRequest) -> list[dict[str, Any]]:
    """The filter form as plain data: label, name, value, and options with the chosen one marked."""
    choices = selectors.employee_filter_choices(user=request.user)
    fields = []
    for name, field in filtered.form.fields.items():
        if name in {"search", "unit"}:
            continue  # the API's alias and the unit page's link; not menus of their own
        value = request.GET.get(name, "")
        options = _options_html(tuple(choices[name]), value) if name in choices else None
        fields.append({"name": name, "label": field.label, "value": value, "options": options})
    return fields


@require_access(EMPLOYEE_DETAIL_ACCESS)
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    employee = selectors.employee_get(user=user, employee_id=pk)
    context = {
        "employee": employee,
        "history": selectors.employee_history(employee=employee),
        "can_edit": EMPLOYEE_EDIT_ACCESS.allows(user)
        and selectors.employee_list(user=user).filter(pk=pk).exists(),
    }
    return render(request, "people/employee_detail.html", context)


@require_access(EMPLOYEE_EDIT_ACCESS)
def employee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    employee = selectors.employee_get(user=user, employee_id=pk)
    form = EmployeeForm(request.POST or None, instance=employee, user=user)
    if request.method == "POST" and form.is_valid():
        # The form wrote into `employee`; the service re-reads it under lock and compares.
        try:
            change = services.employee_update(
                actor=user, employee=employee, values=form.service_values()
            )
        except GardaError as error:
            form.add_error(None, error.message)
        else:
            if change.changed:
                messages.success(request, _("Perubahan disimpan."))
            else:
                messages.info(request, _("Tidak ada yang berubah."))
            return redirect("people:employee_detail", pk=pk)
    return render(request, "people/employee_edit.html", {"form": form, "employee": employee})


@require_access(SIGNED_IN)
def self_profile(request: HttpRequest) -> HttpResponse:
    """An ASN's own record: read everything, change only contact details."""
    user = signed_in_user(request)
    employee = selectors.employee_of_user(user=user)
    form = SelfProfileForm(
        request.POST or None,
        initial={"email": employee.email, "phone": employee.phone} if employee else None,
    )
    if employee is not None:
        done = submit(
            request, form,
            service=lambda data: services.employee_update(
                actor=user, employee=employee, values=dict(data), self_service=True
            ),
            success=_("Data kontak Anda disimpan."),
            then="people:self_profile",
        )  # fmt: skip
        if done:
            return done
    context = {
        "employee": employee,
        "form": form,
        "history": selectors.employee_history(employee=employee) if employee else {},
    }
    return render(request, "people/self_profile.html", context)


@require_access(SIGNED_IN)
def unit_tree(request: HttpRequest) -> HttpResponse:
    units = UnitFilter(request.GET, queryset=unit_list(user=request.user))
    return render(request, "people/unit_tree.html", {"filter": units, "units": units.qs[:1000]})


@require_access(SIGNED_IN)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    unit = unit_get(user=user, unit_id=pk)
    context = {
        "unit": unit,
        "children": unit_list(user=user).filter(parent=unit),
        "history": unit.history.all()[:20],
        "employee_count": selectors.employee_list(user=user)
        .filter(unit__path__startswith=unit.path)
        .count(),
    }
    return render(request, "people/unit_detail.html", context)
