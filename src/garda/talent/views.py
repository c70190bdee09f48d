"""The ASN's own page (box, reasons, moves; IP ASN and what would raise it, with open batches
one click away) and the 9-box grid per instansi/OPD with its drill-down to people."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from garda.core.access import scope_root, sees_everything, units_visible_to
from garda.core.models import Unit, User
from garda.core.params import number_from
from garda.core.params import year_from as parse_year
from garda.core.permissions import require_access, signed_in_user
from garda.learning.selectors import batches_matching
from garda.people.selectors import employee_of_user
from garda.talent import policy
from garda.talent.models_ninebox import Kinerja
from garda.talent.params import unit_param
from garda.talent.selectors.ipasn import ip_asn_of
from garda.talent.selectors.ninebox import (
    box_explained,
    cell_of_box,
    grid_summary_cached,
    people_in_box,
)
from garda.talent.vocabulary import Potensial, category_label

# Rows of the grid top to bottom (kinerja high to low), columns left to right (potential).
GRID_ROWS = [Kinerja.DI_ATAS, Kinerja.SESUAI, Kinerja.DI_BAWAH]
GRID_COLUMNS = [Potensial.RENDAH, Potensial.MENENGAH, Potensial.TINGGI]
BATCHES_PER_OPTION = 3


def year_from(request: HttpRequest) -> int:
    return parse_year(request.GET.get("tahun"))


def root_from(request: HttpRequest, user: User | AnonymousUser) -> Unit | None:
    """?unit= when the user may see it, else the top of the user's scope (None: everything)."""
    root = unit_param(user, request.GET.get("unit"))
    if root is not None:
        return root
    if sees_everything(user):
        return None
    root = scope_root(user) if isinstance(user, User) else None
    if root is None:
        raise Http404
    return root


@require_access(policy.OWN)
def my_talent(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = year_from(request)
    employee = employee_of_user(user=user)
    if employee is None:
        return render(request, "talent/no_employee.html")
    personal = ip_asn_of(employee=employee, year=year)
    options: list[tuple[Any, list[Any]]] = []
    if personal is not None:
        open_batches = list(
            batches_matching(employee_id=employee.pk).select_related("program__form")[:50]
        )
        for option in personal.options:
            matching = [b for b in open_batches if b.program.form.code in option.form_codes]
            options.append((option, matching[:BATCHES_PER_OPTION]))
    return render(
        request,
        "talent/my_talent.html",
        {
            "employee": employee,
            "year": year,
            "years": range(year + 1, year - 5, -1),
            "box": box_explained(employee_id=employee.pk, year=year),
            "ip": personal,
            "category": category_label(personal.category) if personal else "",
            "options": options,
        },
    )


@require_access(policy.DASHBOARD)
def grid(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = year_from(request)
    root = root_from(request, user)
    summary = grid_summary_cached(user=user, year=year, root=root)
    by_box = cell_of_box()
    rows = [
        (
            Kinerja(kinerja).label,
            [(by_box.get(b), summary["boxes"].get(b, 0)) for b in _row_boxes(by_box, kinerja)],
        )
        for kinerja in GRID_ROWS
    ]
    box = number_from(request.GET.get("kotak"), maximum=9)
    people = people_in_box(user=user, year=year, root=root, box=box) if box else []
    children = units_visible_to(user).filter(parent=root).order_by("name")
    chart = json.dumps(
        {
            "type": "bar",
            "unit": "number",
            "labels": [_("Kotak %(n)s") % {"n": b} for b in range(1, 10)],
            "series": [
                {"label": _("Jumlah ASN"), "kind": "bar",
                 "values": [summary["boxes"].get(b, 0) for b in range(1, 10)]}
            ],
        }
    )  # fmt: skip
    return render(
        request,
        "talent/grid.html",
        {
            "year": year,
            "root": root,
            "summary": summary,
            "rows": rows,
            "column_labels": [Potensial(p).label for p in GRID_COLUMNS],
            "box": box,
            "people": people[:500],
            "more": max(0, len(people) - 500),
            "children": list(children[:100]),
            "chart": chart,
            "query": f"tahun={year}" + (f"&unit={root.pk}" if root else ""),
        },
    )


def _row_boxes(by_box: dict[int, Any], kinerja: str) -> list[int]:
    placed = {cell.potensial: number for number, cell in by_box.items() if cell.kinerja == kinerja}
    return [placed[p] for p in GRID_COLUMNS if p in placed]
