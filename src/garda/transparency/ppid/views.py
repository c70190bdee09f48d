"""Public pages of PPID: the list of public information, the request form, tracking by code,
objections, statistics and the annual report. No personal data is shown on any of them: the
tracking page names the requester masked (B*** S***)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from garda.core.followups import FinishedService, followups_for
from garda.core.formflow import submit
from garda.core.models import Unit, UnitKind
from garda.core.params import id_from
from garda.core.permissions import access_for, require_access
from garda.core.ratelimit import RateLimit
from garda.core.roles import PUBLIC
from garda.transparency.ppid import deadlines, reports, selectors, services
from garda.transparency.ppid.forms import (
    ObjectionForm,
    PublicRequestForm,
    TrackForm,
)
from garda.transparency.ppid.intake import normalise_tracking_code
from garda.transparency.ppid.models import (
    InformationCategory,
    InformationRequest,
    ParameterKey,
    RequestStatus,
)

PUBLIC_ACCESS = access_for(PUBLIC)
# The same budget as the API's anonymous submissions: a person files a few requests at most;
# a script filing hundreds would bury the officers' inbox.
SUBMIT_LIMIT = RateLimit("ppid-submit", limit=20, window_seconds=3600)


def _int(value: str | None) -> int | None:
    return id_from(value)


def _instansi_choices() -> list[tuple[int, str]]:
    return list(
        Unit.objects.filter(kind=UnitKind.INSTANSI).order_by("path").values_list("pk", "name")
    )


@require_access(PUBLIC_ACCESS)
def home(request: HttpRequest) -> HttpResponse:
    """Daftar Informasi Publik by category, with the ways in: request, track, statistics."""
    category = request.GET.get("kategori", "")
    unit_id = _int(request.GET.get("instansi"))
    text = request.GET.get("q", "")[:100]
    items = selectors.information_items_public(category=category, unit_id=unit_id, text=text)
    context = {
        "groups": selectors.information_items_by_category(items),
        "categories": InformationCategory.choices,
        "category": category,
        "instansi": _instansi_choices(),
        "unit_id": unit_id,
        "q": text,
        "track_form": TrackForm(),
        "stats": selectors.ppid_statistics(year=timezone.localdate().year),
        "response_days": deadlines.parameter(ParameterKey.RESPONSE_DAYS),
    }
    return render(request, "transparency/ppid/home.html", context)


@require_access(PUBLIC_ACCESS)
def request_new(request: HttpRequest) -> HttpResponse:
    form = PublicRequestForm(request.POST or None, initial={"unit": _int(request.GET.get("unit"))})

    def send(data: Mapping[str, Any]) -> InformationRequest:
        SUBMIT_LIMIT.hit(request)
        return services.request_submit(
            actor=request.user, data=form.request_input(), consent=data["consent"]
        )

    done = submit(
        request, form, service=send,
        success="",  # the tracking page itself says the request arrived (?baru=1)
        then=lambda created: redirect(
            reverse("transparency:ppid:track_detail", args=[created.tracking_code]) + "?baru=1"
        ),
    )  # fmt: skip
    if done:
        return done
    context = {"form": form, "response_days": deadlines.parameter(ParameterKey.RESPONSE_DAYS)}
    return render(request, "transparency/ppid/request_form.html", context)


@require_access(PUBLIC_ACCESS)
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():
        code = normalise_tracking_code(form.cleaned_data["code"])
        if code and InformationRequest.objects.filter(tracking_code=code).exists():
            return redirect("transparency:ppid:track_detail", code=code)
        form.add_error("code", _("Kode pelacakan tidak ditemukan. Periksa kembali kodenya."))
    return render(request, "transparency/ppid/track.html", {"form": form})


def _by_code(code: str) -> InformationRequest:
    return selectors.request_by_code(code=normalise_tracking_code(code))


def _status_context(info: InformationRequest) -> dict[str, Any]:
    today = timezone.localdate()
    window = deadlines.objection_window(info, today=today)
    objection = getattr(info, "objection", None)
    return {
        "info": info,
        "today": today,
        "days_left": deadlines.working_days_left(info.due_on, today=today)
        if info.is_open
        else None,
        "window": window,
        "can_object": objection is None and window.is_open(today),
        "objection": objection,
    }


@require_access(PUBLIC_ACCESS)
def track_detail(request: HttpRequest, code: str) -> HttpResponse:
    context = _status_context(_by_code(code))
    context["just_sent"] = request.GET.get("baru") == "1"
    info = context["info"]
    if info.status == RequestStatus.DECIDED and info.decided_on is not None:
        # Apps above PPID (the satisfaction survey) offer what follows an answered request.
        finished = FinishedService("ppid", info.tracking_code, info.unit_id, info.decided_on)
        context["followups"] = followups_for(request, finished)
    return render(request, "transparency/ppid/track_detail.html", context)


@require_access(PUBLIC_ACCESS)
def item_document(request: HttpRequest, pk: int) -> FileResponse:
    """A published document of the list of public information, for anyone to download."""
    item = selectors.information_item_document(item_id=pk)
    name = (item.document.name or "dokumen").rsplit("/", 1)[-1]
    response = FileResponse(item.document.open("rb"), as_attachment=False, filename=name)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_access(PUBLIC_ACCESS)
def track_attachment(request: HttpRequest, code: str) -> FileResponse:
    info = _by_code(code)
    if not info.answer_file:
        raise Http404
    name = (info.answer_file.name or "lampiran").rsplit("/", 1)[-1]
    response = FileResponse(info.answer_file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_access(PUBLIC_ACCESS)
def objection_new(request: HttpRequest, code: str) -> HttpResponse:
    info = _by_code(code)
    form = ObjectionForm(request.POST or None)

    def file(data: Mapping[str, Any]) -> object:
        SUBMIT_LIMIT.hit(request)
        return services.objection_file(
            actor=request.user, request=info, reason=data["reason"], statement=data["statement"]
        )

    done = submit(
        request, form, service=file,
        success=_("Keberatan Anda sudah diterima."),
        then=reverse("transparency:ppid:track_detail", kwargs={"code": info.tracking_code}),
    )  # fmt: skip
    if done:
        return done
    context = _status_context(info) | {"form": form}
    return render(request, "transparency/ppid/objection_form.html", context)


def _year(raw: str | None) -> int:
    years = selectors.statistics_years()
    year = _int(raw)
    return year if year in years else years[0]


@require_access(PUBLIC_ACCESS)
def statistics(request: HttpRequest) -> HttpResponse:
    year = _year(request.GET.get("tahun"))
    unit_id = _int(request.GET.get("instansi"))
    unit = Unit.objects.filter(pk=unit_id, kind=UnitKind.INSTANSI).first() if unit_id else None
    context = {
        "stats": selectors.ppid_statistics(year=year, unit=unit, per_unit=unit is None),
        "years": selectors.statistics_years(),
        "year": year,
        "instansi": _instansi_choices(),
        "unit": unit,
    }
    return render(request, "transparency/ppid/statistics.html", context)


@require_access(PUBLIC_ACCESS)
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    if year not in selectors.statistics_years():
        raise Http404
    response = HttpResponse(reports.annual_report_pdf(year=year), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-ppid-{year}.pdf"'
    return response
