"""Analytics pages and Excel exports: per puskesmas (with poli filter) and the province view
across every puskesmas the user may see (admin_provinsi and auditors: all; admin_instansi:
their kabupaten/kota; petugas: their own)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from garda.core.params import id_from
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.queueing import analytics, exports, policy
from garda.queueing.models import Facility

READER_ACCESS = access_for(*policy.READER_ROLES)
DEFAULT_DAYS = 14
MAX_DAYS = 92
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Dates outside these are ignored: the period is computed by subtracting days, which
# overflows near year 1 (a typed "0001-01-01" was a 500).
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(9000, 1, 1)


def _date(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return day if day is not None and EARLIEST <= day <= LATEST else None


def period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    end = _date(request.GET.get("sampai")) or today
    start = _date(request.GET.get("dari")) or end - dt.timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        start, end = end, start
    if (end - start).days >= MAX_DAYS:
        start = end - dt.timedelta(days=MAX_DAYS - 1)
    return start, end


def _facility(request: HttpRequest, code: str) -> Facility:
    facility = policy.facilities_visible_to(signed_in_user(request)).filter(code=code).first()
    if facility is None:
        raise Http404
    return facility


def _poli(request: HttpRequest, facility: Facility) -> int | None:
    poli_id = id_from(request.GET.get("poli"))
    if poli_id is not None and facility.polis.filter(pk=poli_id).exists():
        return poli_id
    return None


@require_access(READER_ACCESS)
def province(request: HttpRequest) -> HttpResponse:
    start, end = period(request)
    facilities = policy.facilities_visible_to(signed_in_user(request))
    rows, total, kabupatens = analytics.province_report(facilities, start=start, end=end)
    standard = analytics.waiting_standard()
    context = {
        "start": start, "end": end, "rows": [r for r in rows if r.summary.arrivals],
        "quiet": sum(1 for r in rows if not r.summary.arrivals), "total": total,
        "total_within": total.within(standard), "standard": standard,
        "kabupatens": [(name, s, s.within(standard)) for name, s in kabupatens.items()],
    }  # fmt: skip
    return render(request, "queueing/analytics_province.html", context)


@require_access(READER_ACCESS)
def province_excel(request: HttpRequest) -> HttpResponse:
    start, end = period(request)
    facilities = policy.facilities_visible_to(signed_in_user(request))
    rows, _total, _kab = analytics.province_report(facilities, start=start, end=end)
    response = HttpResponse(
        exports.province_workbook(rows, analytics.waiting_standard()), content_type=XLSX
    )
    name = f"antrean-provinsi-{start.isoformat()}-{end.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_access(READER_ACCESS)
def facility(request: HttpRequest, code: str) -> HttpResponse:
    place = _facility(request, code)
    start, end = period(request)
    poli_id = _poli(request, place)
    report = analytics.facility_report(place, start=start, end=end, poli_id=poli_id)
    context = {
        "report": report, "facility": place, "start": start, "end": end, "poli_id": poli_id,
        "polis": place.polis.order_by("bpjs_code"),
        "chart_arrivals": report.chart_arrivals(), "chart_waiting": report.chart_waiting(),
        "chart_hours": report.chart_hours(),
        "within": report.total.within(report.standard),
    }  # fmt: skip
    return render(request, "queueing/analytics_facility.html", context)


@require_access(READER_ACCESS)
def facility_excel(request: HttpRequest, code: str) -> HttpResponse:
    place = _facility(request, code)
    start, end = period(request)
    report = analytics.facility_report(place, start=start, end=end, poli_id=_poli(request, place))
    response = HttpResponse(exports.facility_workbook(report), content_type=XLSX)
    name = f"antrean-{place.code}-{start.isoformat()}-{end.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
