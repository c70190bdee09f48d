"""Assessment pages: the IID indicators of an innovation and of a region, the KIPP package,
exports to the national systems, and the province view for the governor's office."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.errors import NotFound
from garda.core.formflow import act_with_form
from garda.core.params import id_from, year_from
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.service.innovation import exports, policy, services
from garda.service.innovation.forms import IndicatorForm, KippForm, SpdForm
from garda.service.innovation.models import IidEdition
from garda.service.innovation.selectors import iid
from garda.service.innovation.selectors import registry as selectors
from garda.service.innovation.selectors.province import province_view
from garda.service.innovation.views_registry import EDITOR_ACCESS, READER_ACCESS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGION_ACCESS = access_for(*policy.READER_ROLES)
PROVINCE_ACCESS = access_for(*policy.PROVINCE_VIEW_ROLES)


def _edition(request: HttpRequest) -> IidEdition:
    code = request.GET.get("edisi", "")
    edition = IidEdition.objects.filter(code=code).first() if code else None
    edition = edition or iid.edition_current()
    if edition is None:
        raise NotFound
    return edition


@require_access(READER_ACCESS)
def indicators(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    innovation = selectors.innovation_get(user=user, innovation_id=pk)
    edition = _edition(request)
    raw, most = iid.innovation_raw(edition, innovation)
    return render(
        request,
        "innovation/indicators.html",
        {
            "innovation": innovation,
            "edition": edition,
            "editions": IidEdition.objects.all(),
            "answers": iid.innovation_answers(innovation, edition),
            "raw": raw,
            "most": most,
            "may_edit": policy.may_edit(user, innovation),
        },
    )


@require_access(EDITOR_ACCESS)
@require_POST
def indicator_set(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act_with_form(
        request,
        IndicatorForm(request.POST),
        service=lambda data: services.indicator_score_set(
            actor=user,
            innovation_id=pk,
            indicator_id=data["indicator"],
            parameter=data["parameter"],
            evidence_note=data["evidence_note"],
            evidence_url=data["evidence_url"],
        ),
        success=_("Nilai indikator tersimpan."),
        then=reverse("innovation:indicators", args=[pk]) + "?edisi=" + request.GET.get("edisi", ""),
        invalid=_("Pilih parameter 1 sampai 3."),
    )


@require_access(READER_ACCESS)
def kipp(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    innovation = selectors.innovation_get(user=user, innovation_id=pk)
    return render(
        request,
        "innovation/kipp.html",
        {
            **exports.kipp_context(innovation),
            "may_edit": policy.may_edit(user, innovation),
        },
    )


@require_access(EDITOR_ACCESS)
@require_POST
def kipp_set(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act_with_form(
        request,
        KippForm(request.POST),
        service=lambda data: services.kipp_narrative_set(
            actor=user,
            innovation_id=pk,
            criterion_id=data["criterion"],
            narrative=data["narrative"],
            evidence_url=data["evidence_url"],
        ),
        success=_("Narasi tersimpan."),
        then=reverse("innovation:kipp", args=[pk]),
        invalid=_("Isi narasi kriteria."),
    )


@require_access(READER_ACCESS)
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    innovation = selectors.innovation_get(user=signed_in_user(request), innovation_id=pk)
    name = f"inovasi-{innovation.pk}"
    if fmt == "iid.xlsx":
        body, kind, name = (
            exports.iid_sheet(innovation, _edition(request)),
            XLSX,
            f"{name}-iid.xlsx",
        )
    elif fmt == "sinovik.csv":
        body, kind, name = exports.national_csv(innovation), "text/csv", f"{name}-sinovik.csv"
    elif fmt == "sinovik.json":
        body, kind = exports.national_json(innovation), "application/json"
        name = f"{name}-sinovik.json"
    elif fmt == "kipp.pdf":
        body, kind, name = exports.kipp_pdf(innovation), "application/pdf", f"{name}-kipp.pdf"
    else:
        raise NotFound
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_access(REGION_ACCESS)
def region(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    regions = list(policy.regions_visible(user).order_by("code"))
    chosen_id = id_from(request.GET.get("wilayah"))
    chosen = next((r for r in regions if r.pk == chosen_id), regions[0] if regions else None)
    edition = _edition(request)
    year = year_from(request.GET.get("tahun"))
    score = iid.region_score(edition=edition, region=chosen, year=year) if chosen else None
    return render(
        request,
        "innovation/region.html",
        {
            "regions": regions,
            "region": chosen,
            "edition": edition,
            "year": year,
            "score": score,
            "editions": IidEdition.objects.all(),
            "spd": iid.spd_answers(chosen, edition, year) if chosen else [],
            "may_score": bool(chosen and policy.may_score_region(user, chosen)),
        },
    )


@require_access(access_for(*policy.REGION_ROLES))
@require_POST
def spd_set(request: HttpRequest, region_id: int) -> HttpResponse:
    user = signed_in_user(request)
    year = year_from(request.GET.get("tahun"))
    edition = request.GET.get("edisi", "")
    return act_with_form(
        request,
        SpdForm(request.POST),
        service=lambda data: services.spd_score_set(
            actor=user,
            region_id=region_id,
            indicator_id=data["indicator"],
            year=year,
            parameter=data["parameter"],
            evidence_note=data["evidence_note"],
        ),
        success=_("Nilai SPD tersimpan."),
        then=f"{reverse('innovation:region')}?wilayah={region_id}&tahun={year}&edisi={edition}",
        invalid=_("Pilih parameter 1 sampai 3."),
    )


@require_access(PROVINCE_ACCESS)
def province(request: HttpRequest) -> HttpResponse:
    year = year_from(request.GET.get("tahun"))
    return render(request, "innovation/province.html", province_view(year=year))
