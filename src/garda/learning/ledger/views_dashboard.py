"""Compliance dashboards per province, instansi and OPD: % compliant, the distribution of
progress (Chart.js reads it from a data attribute), who is below target, and a one-click
nomination into a batch that fits the person (the learning app's selector and service)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.access import scope_root, sees_everything
from garda.core.cache import cached, viewer_scope
from garda.core.errors import GardaError, NotFound
from garda.core.models import Unit, User
from garda.core.org.selectors import unit_get
from garda.core.params import id_from
from garda.core.permissions import require_access, signed_in_user
from garda.core.spreadsheets.export import Sheet, csv_bytes, xlsx_bytes
from garda.learning.ledger import policy, selectors, stamp
from garda.learning.ledger.reports import HEADER, report_rows, table_rows
from garda.learning.ledger.views import year_from
from garda.learning.selectors import batches_matching
from garda.learning.services import enrollment_nominate
from garda.people.models import Employee

PAGE_SIZE = 25


class KnownCountPaginator(Paginator):  # type: ignore[type-arg]  # generic in the stubs only
    """The summary already counted who is below target: no second COUNT over the scope."""

    def __init__(self, object_list: Any, per_page: int, *, known_count: int) -> None:
        super().__init__(object_list, per_page)
        self._known = known_count

    @property
    def count(self) -> int:
        return self._known


def _prefix(name: str) -> str:
    """ "/jp/pegawai/" for a route ending in "<int:pk>/"."""
    return reverse(name, args=[1])[: -len("1/")]


def _root(request: HttpRequest, user: User) -> Unit | None:
    """The unit the dashboard is about: ?unit=, else the top of the user's scope."""
    unit_id = id_from(request.GET.get("unit"))
    if unit_id is not None:
        try:  # one query: the unit read through the scope rule (core.org)
            return unit_get(user=user, unit_id=unit_id)
        except NotFound:
            raise Http404 from None  # no such unit, or outside the user's scope
    if sees_everything(user):
        return None
    root = scope_root(user)
    if root is None:
        raise Http404
    return root


def _chart(summary: selectors.Compliance) -> str:
    return json.dumps(
        {
            "type": "bar",
            "unit": "number",
            "labels": [label for label, _count in summary.distribution],
            "series": [
                {
                    "label": _("Jumlah ASN"),
                    "kind": "bar",
                    "values": [count for _label, count in summary.distribution],
                }
            ],
        }
    )


@require_access(policy.DASHBOARD_ACCESS)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = year_from(request)
    root = _root(request, user)
    can_nominate = policy.VERIFY_ACCESS.allows(user)

    def body() -> str:
        """The page without the layout. Without ?unit= the root is the viewer's own scope,
        and the list shows what the viewer may see: cached under the viewer's scope (role
        and subtree), never under the URL alone."""
        summary = selectors.compliance_summary_cached(user=user, year=year, root=root)
        below = selectors.below_target(user=user, year=year, root=root)
        page: Page[Employee] = KnownCountPaginator(
            below, PAGE_SIZE, known_count=summary.below
        ).get_page(request.GET.get("page"))
        children = selectors.dashboard_roots(user=user)
        children = (
            children.filter(parent=root)
            if root is not None
            else children.filter(parent__isnull=True)
        )
        child_units = list(children[:100])
        context = {
            "year": year,
            "root": root,
            "trail": _trail(user, root),
            "top_visible": sees_everything(user),
            "summary": summary,
            "chart": _chart(summary),
            "page": page,
            "children": selectors.compliance_by_child(
                user=user, year=year, root=root, children=child_units
            ),
            "can_nominate": can_nominate,
            "query": f"tahun={year}" + (f"&unit={root.pk}" if root else ""),
            # Row links built from prefixes reversed once: a reverse per row was a third of
            # the page's time.
            "employee_base": _prefix("ledger:employee_jp"),
            "nomination_base": _prefix("ledger:nomination_options"),
            "next": quote(request.get_full_path(), safe=""),
            "find_batch": _("Cari angkatan"),
        }
        return render_to_string("ledger/_dashboard_body.html", context)

    html = cached(
        viewer_scope(user),
        ["jp-dashboard", request.get_full_path()],
        body,
        timeout=stamp.CACHE_SECONDS,
        versions=(stamp.NAME,),
    )
    return render(
        request,
        "ledger/dashboard.html",
        {"body": mark_safe(html), "root": root},  # noqa: S308  # rendered by our template, escaped there
    )


def _trail(user: User, root: Unit | None) -> list[Unit]:
    """The units above `root` the viewer may open, top first: the way back up."""
    if root is None:
        return []
    above = [int(part) for part in root.path.strip("/").split("/")[:-1] if part.isdigit()]
    visible = {u.pk: u for u in selectors.dashboard_roots(user=user).filter(pk__in=above)}
    return [visible[pk] for pk in above if pk in visible]


@require_access(policy.DASHBOARD_ACCESS)
def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every ASN of the unit shown with the year's JP, target and compliance (the rows of
    `garda jp_report`), as CSV or xlsx."""
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    user = signed_in_user(request)
    year = year_from(request)
    root = _root(request, user)
    header = list(HEADER)
    rows = table_rows(report_rows(actor=user, year=year, root=root), yes=_("Ya"), no=_("Tidak"))
    name = f"kepatuhan-jp-{year}-{root.code if root else 'provinsi'}"
    if fmt == "xlsx":
        content = xlsx_bytes([Sheet(f"JP {year}", header, rows, text_columns=frozenset({0}))])
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_access(policy.DASHBOARD_ACCESS)
def dashboard_data(request: HttpRequest) -> JsonResponse:
    """The dashboard's figures as JSON, for other tools (the page carries its own)."""
    user = signed_in_user(request)
    year = year_from(request)
    root = _root(request, user)
    summary = selectors.compliance_summary_cached(user=user, year=year, root=root)
    return JsonResponse(
        {
            "year": year,
            "unit": root.pk if root else None,
            "employees": summary.employees,
            "compliant": summary.compliant,
            "percent_compliant": summary.percent,
            "targets": {kind: str(value) for kind, value in summary.targets.items()},
            "distribution": dict(summary.distribution),
        }
    )


@require_access(policy.VERIFY_ACCESS)
def nomination_options(request: HttpRequest, pk: int) -> HttpResponse:
    """The batches one ASN below target could join now (an htmx fragment or a page)."""

    user = signed_in_user(request)
    employee = get_object_or_404(Employee.objects.select_related("unit"), pk=pk)
    if not policy.can_verify(user, employee):
        raise Http404
    batches = list(batches_matching(employee_id=employee.pk)[:10])
    template = (
        "ledger/_nomination_options.html"
        if request.headers.get("HX-Request")
        else "ledger/nomination.html"
    )
    return render(
        request,
        template,
        {"employee": employee, "batches": batches, "next": request.GET.get("next", "")},
    )


@require_access(policy.VERIFY_ACCESS)
@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:

    user = signed_in_user(request)
    batch_id = id_from(request.POST.get("batch"))
    if batch_id is None:
        raise Http404
    try:
        enrollment_nominate(actor=user, batch_id=batch_id, employee_id=pk)
    except GardaError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("ASN dinominasikan; permohonan menunggu persetujuan."))
    target = request.POST.get("next", "")
    local = target.startswith("/") and not target.startswith("//")
    if local and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("ledger:dashboard")
