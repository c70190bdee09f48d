"""The ASN's "Kompetensi saya", one ASN's competency page for its atasan and admins, and the
gap heat map with its export. Views parse, authorise, call a selector, and render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from garda.competency import access, selectors
from garda.competency.exports import HEATMAP_HEADER, heatmap_rows
from garda.competency.selectors.heatmap import CACHE_SECONDS, heatmap, heatmap_root
from garda.competency.services.gaps import DATA_VERSION
from garda.core.cache import cached, viewer_scope
from garda.core.params import id_from
from garda.core.permissions import require_access, signed_in_user
from garda.core.spreadsheets.export import Sheet, csv_bytes, xlsx_bytes
from garda.people.models import Employee

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _profile(employee: Employee) -> dict[str, object]:
    return {
        "employee": employee,
        "gaps": selectors.gaps_for(employee.pk),
        "jpm": selectors.jpm_for(employee.pk),
        "history": selectors.history_for(employee.pk),
    }


@require_access(access.SIGNED_IN_ACCESS)
def mine(request: HttpRequest) -> HttpResponse:
    """ "Kompetensi saya": gaps, JPM with its bands, the history of assessments."""
    user = signed_in_user(request)
    employee = Employee.objects.select_related("unit", "jabatan_kind").filter(user=user).first()
    if employee is None:
        return render(request, "competency/no_employee.html")
    return render(request, "competency/profile.html", _profile(employee) | {"own": True})


@require_access(access.EMPLOYEE_READ)
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employee = selectors.employee_visible(user=signed_in_user(request), employee_id=pk)
    return render(request, "competency/profile.html", _profile(employee) | {"own": False})


@require_access(access.ADMIN_READ)
def heatmap_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    unit_id = id_from(request.GET.get("unit"))
    root = heatmap_root(user=user, unit_id=unit_id)  # refuses a unit outside the scope

    def body() -> tuple[str, str]:
        heat = heatmap(user=user, unit_id=unit_id)
        return heat.root_name, render_to_string("competency/_heatmap_table.html", {"heat": heat})

    # The table is the page's bulk: rendered once per viewer scope, language and data version
    # (the figures' key parts), and a warm page reads only this string, not the figures.
    root_name, table = cached(
        viewer_scope(user),
        ["competency-heatmap-body", root.pk if root is not None else "all"],
        body,
        timeout=CACHE_SECONDS,
        versions=[DATA_VERSION],
    )
    context = {"root_name": root_name, "unit_id": unit_id, "table": mark_safe(table)}  # noqa: S308  # our own template's output
    return render(request, "competency/heatmap.html", context)


@require_access(access.ADMIN_READ)
def heatmap_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    heat = heatmap(user=signed_in_user(request), unit_id=id_from(request.GET.get("unit")))
    rows = heatmap_rows(heat)
    if fmt == "csv":
        body, kind = csv_bytes(HEATMAP_HEADER, rows), "text/csv; charset=utf-8"
    else:
        body, kind = xlsx_bytes([Sheet("Kesenjangan", HEATMAP_HEADER, rows)]), XLSX
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="peta-kesenjangan.{fmt}"'
    return response
