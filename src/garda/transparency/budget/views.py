"""The public budget portal: no sign-in, every figure linked to the table behind it, every
table downloadable. Pages for anonymous visitors come whole from the cache (cache.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from garda.core.params import number_from
from garda.core.permissions import access_for, require_access
from garda.core.roles import PUBLIC
from garda.transparency.budget import exports, selectors
from garda.transparency.budget.cache import render_public

PUBLIC_ACCESS = access_for(PUBLIC)
BUDGET = "budget"


def _canonical(path: str, params: dict[str, Any]) -> str:
    query = urlencode([(k, v) for k, v in params.items() if v not in (None, "", 0, False)])
    return f"{path}?{query}" if query else path


def _chart(overview: selectors.Overview) -> dict[str, Any]:
    """Data of the cumulative chart, read by charts.js from a JSON block (CSP: no inline JS)."""
    return {
        "type": "cumulative",
        "labels": [str(MONTHS[m.month]) for m in overview.months],
        "series": [
            {
                "label": _("Realisasi kumulatif"),
                "kind": "line",
                "values": [m.cumulative for m in overview.months],
            },
            {
                "label": _("Realisasi bulan ini"),
                "kind": "bar",
                "values": [m.amount for m in overview.months],
            },
        ],
        "reference": {"label": _("Pagu"), "value": overview.figures.pagu},
    }


@require_access(PUBLIC_ACCESS)
def index(request: HttpRequest) -> HttpResponse:
    years = selectors.budget_years()
    if years:
        return redirect("transparency:budget:year", year=years[0])
    return render(request, "transparency/budget/empty.html")


def _overview_context(year: int, unit_code: str | None) -> dict[str, Any]:
    overview = selectors.budget_overview(year=year, unit_code=unit_code)
    query = {"unit": unit_code} if unit_code else {}
    return {
        "overview": overview,
        "years": selectors.budget_years(),
        "updated_on": selectors.budget_updated_on(),
        "chart": _chart(overview),
        "unit_query": urlencode(query),
        "lines_url": _canonical(reverse("transparency:budget:lines", args=[year]), query),
        "over_url": _canonical(
            reverse("transparency:budget:lines", args=[year]), {**query, "melebihi": 1}
        ),
    }


@require_access(PUBLIC_ACCESS)
def year_overview(request: HttpRequest, year: int) -> HttpResponse:
    selectors.year_checked(year)
    return render_public(
        request,
        "transparency/budget/overview.html",
        lambda: _overview_context(year, None),
        data=BUDGET,
        canonical=request.path,
    )


@require_access(PUBLIC_ACCESS)
def unit_overview(request: HttpRequest, year: int, code: str) -> HttpResponse:
    selectors.year_checked(year)
    # An unknown unit raises NotFound from the context, before anything is cached; a page
    # in the cache was valid when stored, so a hit needs no check.
    return render_public(
        request,
        "transparency/budget/overview.html",
        lambda: _overview_context(year, code),
        data=BUDGET,
        canonical=request.path,
    )


def _int_param(request: HttpRequest, name: str, default: int) -> int:
    value = number_from(request.GET.get(name), maximum=99_999)
    return default if value is None else value


@require_access(PUBLIC_ACCESS)
def line_table(request: HttpRequest, year: int) -> HttpResponse:
    selectors.year_checked(year)
    unit_code = request.GET.get("unit") or None
    program_code = request.GET.get("program") or None
    if program_code and not selectors.PROGRAM_CODE.fullmatch(program_code):
        raise Http404
    over_only = request.GET.get("melebihi") == "1"
    text = " ".join((request.GET.get("q") or "").split())[:100]
    page = _int_param(request, "page", 1)
    filters = {
        "unit": unit_code, "program": program_code, "q": text, "melebihi": 1 if over_only else 0
    }  # fmt: skip
    path = request.path

    def context() -> dict[str, Any]:
        unit = selectors.unit_info(code=unit_code) if unit_code else None
        table = selectors.budget_line_table(
            year=year,
            unit_code=unit_code,
            program_code=program_code,
            over_only=over_only,
            text=text,
            page=page,
        )
        return {
            "text": text,
            "unit_code": unit_code,
            "year": year,
            "table": table,
            "unit": unit,
            "program_code": program_code,
            "over_only": over_only,
            "download_query": urlencode(
                [(k, v) for k, v in {"unit": unit_code, "program": program_code}.items() if v]
            ),
            "previous_url": _canonical(
                path, {**filters, "page": table.number - 1 if table.number > 2 else 0}
            )
            if table.number > 1
            else None,
            "next_url": _canonical(path, {**filters, "page": table.number + 1})
            if table.number < table.pages
            else None,
        }

    return render_public(
        request,
        "transparency/budget/lines.html",
        context,
        data=BUDGET,
        canonical=_canonical(path, {**filters, "page": page if page > 1 else 0}),
    )


@require_access(PUBLIC_ACCESS)
def line_detail(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    selectors.year_checked(year)
    return render_public(
        request,
        "transparency/budget/line.html",
        lambda: {
            "year": year,
            "detail": selectors.budget_line_detail(year=year, line_id=pk),
            "line_query": urlencode({"sub_kegiatan": pk}),
        },
        data=BUDGET,
        canonical=request.path,
    )


@require_access(PUBLIC_ACCESS)
def download(request: HttpRequest, year: int, table: str, fmt: str) -> HttpResponse:
    if table not in exports.TABLES or fmt not in exports.FORMATS:
        raise Http404
    unit_code = request.GET.get("unit") or None
    program_code = request.GET.get("program") or None
    if program_code and not selectors.PROGRAM_CODE.fullmatch(program_code):
        raise Http404
    line_id = _int_param(request, "sub_kegiatan", 0) or None
    content = exports.download(
        table=table,
        fmt=fmt,
        year=year,
        unit_code=unit_code,
        program_code=program_code,
        line_id=line_id,
    )
    parts = ["anggaran", str(year), table, unit_code or "", program_code or "", str(line_id or "")]
    name = "-".join(part for part in parts if part)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    # Public figures, the same for everyone: proxies and browsers may keep them briefly.
    response["Cache-Control"] = "public, max-age=60"
    return response
