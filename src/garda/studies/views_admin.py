"""Offers and their shortlist, short-training permits, dashboards, the export and the public
page of aggregates."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.errors import NotFound
from garda.core.formflow import act, act_with_form, submit
from garda.core.permissions import require_access, signed_in_user
from garda.studies import forms, policy
from garda.studies.access import (
    ADMIN_READ,
    ADMIN_WRITE,
    APPROVERS,
    PUBLIC_ACCESS,
    SIGNED_IN_ACCESS,
)
from garda.studies.models import StudyOffer
from garda.studies.selectors import studies as selectors
from garda.studies.selectors.dashboard import dashboard_figures
from garda.studies.services import exports, offers, permits
from garda.studies.views import employee_for


@require_access(SIGNED_IN_ACCESS)
def offer_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = forms.OfferForm(request.POST or None)
    can_create = ADMIN_WRITE.allows(user) and user.unit_id is not None

    def service(data: Any) -> StudyOffer:
        return offers.offer_create(
            actor=user,
            owner_unit_id=user.unit_id or 0,
            title=data["title"],
            year=data["year"],
            kind=data["kind"],
            level=data["level"],
            funding_source_id=data["funding_source"].pk,
            field=data["field"],
            quota=data["quota"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            budget_per_person=data["budget_per_person"],
            target_programs=data["target_programs"],
            exception_3t=data["exception_3t"],
        )

    if can_create:
        done = submit(
            request,
            form,
            service=service,
            success=_("Penawaran dibuat (draf)."),
            then=lambda o: redirect("studies:offer", pk=o.pk),
        )
        if done is not None:
            return done
    context = {
        "offers": selectors.offer_list(user=user)[:200],
        "form": form,
        "can_create": can_create,
    }
    return render(request, "studies/offers.html", context)


@require_access(SIGNED_IN_ACCESS)
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    offer = selectors.offer_get(user=user, offer_id=pk)
    today = timezone.localdate()
    context = {
        "offer": offer,
        "shortlist": selectors.shortlist(user=user, offer=offer),
        "candidate_form": forms.CandidateForm(),
        "is_open": offer.status == "published" and offer.opens_on <= today <= offer.closes_on,
        "can_manage": ADMIN_WRITE.allows(user) and policy.is_study_admin(user),
    }
    return render(request, "studies/offer.html", context)


@require_access(ADMIN_WRITE)
@require_POST
def offer_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act(
        request,
        service=lambda: offers.offer_publish(actor=user, offer_id=pk),
        success=_("Penawaran diumumkan."),
        then=lambda _r: redirect("studies:offer", pk=pk),
    )


@require_access(ADMIN_WRITE)
@require_POST
def offer_rank(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act(
        request,
        service=lambda: offers.candidates_rank(actor=user, offer_id=pk),
        success=_("Calon diperingkat ulang."),
        then=lambda _r: redirect("studies:offer", pk=pk),
    )


@require_access(SIGNED_IN_ACCESS)
@require_POST
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)

    def service(data: Any) -> Any:
        employee = employee_for(user, data["nip"])
        return offers.candidate_add(actor=user, offer_id=pk, employee_id=employee.pk)

    return act_with_form(
        request,
        forms.CandidateForm(request.POST),
        service=service,
        success=_("Calon didaftarkan."),
        invalid=_("Periksa NIP."),
        then=lambda _r: redirect("studies:offer", pk=pk),
    )


@require_access(SIGNED_IN_ACCESS)
def permit_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = forms.PermitForm(request.POST or None)

    def service(data: Any) -> Any:
        employee = employee_for(user, "")
        return permits.permit_request(
            actor=user,
            employee_id=employee.pk,
            title=data["title"],
            provider=data["provider"],
            form_id=data["form"].pk,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            stated_jp=data["stated_jp"],
            abroad=data["abroad"],
            country=data["country"],
        )

    done = submit(
        request,
        form,
        service=service,
        success=_("Permohonan izin terkirim."),
        then="studies:permits",
    )
    if done is not None:
        return done
    context = {
        "permits": selectors.permit_list(user=user)[:200],
        "form": form,
        "report_form": forms.PermitReportForm(),
        "can_decide": APPROVERS.allows(user),
    }
    return render(request, "studies/permits.html", context)


@require_access(APPROVERS)
@require_POST
def permit_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    if not selectors.permit_list(user=user).filter(pk=pk).exists():
        raise NotFound("Izin tidak ditemukan.", "Permit not found.")
    approved = request.POST.get("approved") == "1"
    return act(
        request,
        service=lambda: permits.permit_decide(actor=user, permit_id=pk, approved=approved),
        success=_("Keputusan dicatat."),
        then="studies:permits",
    )


@require_access(SIGNED_IN_ACCESS)
@require_POST
def permit_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    if not selectors.permit_list(user=user).filter(pk=pk).exists():
        raise NotFound("Izin tidak ditemukan.", "Permit not found.")
    return act_with_form(
        request,
        forms.PermitReportForm(request.POST, request.FILES),
        service=lambda d: permits.permit_report(
            actor=user, permit_id=pk, report=d["report"], certificate=d["certificate"]
        ),
        success=_("Laporan dikirim; JP dicatat."),
        invalid=_("Tulis laporan kegiatan."),
        then="studies:permits",
    )


@require_access(ADMIN_READ)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "figures": dashboard_figures(user=user),
        "bonds": selectors.bond_list(user=user).order_by("ends_on")[:100],
        "vacancies": selectors.assignment_list(user=user).filter(
            released_from_post=True, returned_on__isnull=True
        )[:100],
    }
    return render(request, "studies/dashboard.html", context)


@require_access(ADMIN_READ)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise NotFound
    data = exports.studies_export(actor=signed_in_user(request), fmt=fmt)
    kind = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="studi-asn.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_access(PUBLIC_ACCESS)
def public(request: HttpRequest) -> HttpResponse:
    """Aggregates only: how many ASN of Jambi study, at what level, funded by whom."""
    return render(request, "studies/public.html", {"figures": selectors.public_figures()})
