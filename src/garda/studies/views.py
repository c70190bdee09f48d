"""Pages of the ASN and its approvers: my studies, the eligibility check, applying, one study
(documents, approvals, semester reports, completion, bond) and its actions, the decree PDF
and its public verification page."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms as django_forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.errors import GardaError, NotFound
from garda.core.formflow import act_with_form, add_error_from, submit
from garda.core.identity import mask_identifier
from garda.core.models import User
from garda.core.params import id_from
from garda.core.permissions import require_access, signed_in_user
from garda.people.models import Employee
from garda.people.selectors import employee_by_nip
from garda.studies import forms, policy
from garda.studies.access import (
    ADMIN_WRITE,
    APPROVERS,
    PUBLIC_ACCESS,
    SIGNED_IN_ACCESS,
)
from garda.studies.models import StudyAssignment
from garda.studies.selectors import studies as selectors
from garda.studies.selectors.completion import pangkat_adjustment
from garda.studies.selectors.eligibility import study_check
from garda.studies.services import applications, completion, progress


def employee_for(user: User, nip: str) -> Employee:
    """The ASN named by `nip` among those the user may see; the user's own record if blank."""
    if not nip.strip():
        employee = Employee.objects.filter(user=user).first()
    else:
        employee = employee_by_nip(user=user, nip=nip)
    if employee is None:
        raise NotFound("NIP tidak ditemukan (atau di luar kewenangan Anda).", "NIP not found.")
    return employee


@require_access(SIGNED_IN_ACCESS)
def home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "assignments": selectors.assignment_list(user=user)[:100],
        "offers": selectors.offer_list(user=user).filter(status="published")[:20],
        "waiting": selectors.awaiting_decision(user=user)[:50] if APPROVERS.allows(user) else [],
        "reports": selectors.reports_to_check(user=user)[:50] if ADMIN_WRITE.allows(user) else [],
        "is_admin": policy.is_study_admin(user),
    }
    return render(request, "studies/home.html", context)


@require_access(SIGNED_IN_ACCESS)
def check(request: HttpRequest) -> HttpResponse:
    """The eligibility decision on a page: the same selector as the API and the command."""
    user = signed_in_user(request)
    # POST, so that a NIP never sits in a URL (and so in access logs or the browser history).
    form = forms.CheckForm(request.POST or None)
    decision, employee = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            employee = employee_for(user, data["nip"])
            decision = study_check(
                employee=employee,
                kind=data["kind"],
                level=data["level"],
                on=data["on"],
                program=data["program"],
                exception_3t=data["exception_3t"],
            )
        except GardaError as error:
            add_error_from(form, error)
    context = {
        "form": form,
        "decision": decision,
        "employee": employee,
        "masked_nip": mask_identifier(employee.nip) if employee else "",
    }
    return render(request, "studies/check.html", context)


@require_access(SIGNED_IN_ACCESS)
def apply(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    initial: dict[str, Any] = {}
    offer = None
    if request.GET.get("penawaran"):
        offer = selectors.offer_get(user=user, offer_id=_id(request.GET["penawaran"]))
        initial = {"kind": offer.kind, "level": offer.level, "funding_source": offer.funding_source}
    form = forms.ApplyForm(request.POST or None, initial=initial)

    def service(data: Any) -> StudyAssignment:
        employee = employee_for(user, data["nip"])
        return applications.application_submit(
            actor=user,
            employee_id=employee.pk,
            kind=data["kind"],
            level=data["level"],
            program_id=data["program"].pk,
            funding_source_id=data["funding_source"].pk,
            starts_on=data["starts_on"],
            offer_id=offer.pk if offer else None,
            cost_per_semester=data["cost_per_semester"] or Decimal("0"),
            budget_line=data["budget_line"],
            relevance=data["relevance"],
            exception_3t=data["exception_3t"],
        )

    done = submit(
        request,
        form,
        service=service,
        success=_("Pengajuan studi terkirim."),
        then=lambda a: redirect("studies:assignment", pk=a.pk),
    )
    if done is not None:
        return done
    return render(
        request, "studies/form.html", {"form": form, "title": _("Ajukan studi"), "offer": offer}
    )


def _id(raw: str) -> int:
    value = id_from(raw)
    if value is None:
        raise NotFound
    return value


@require_access(SIGNED_IN_ACCESS)
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    study = selectors.assignment_get(user=user, assignment_id=pk)
    reports = list(study.reports.order_by("semester"))
    context = {
        "study": study,
        "employee": study.employee,
        "masked_nip": mask_identifier(study.employee.nip),
        "documents": study.documents.order_by("created_at"),
        "approvals": study.approvals.select_related("decided_by"),
        "reports": reports,
        "jp": sum(selectors.study_jp(study)),
        "bond": getattr(study, "bond", None),
        "can_decide": study.next_step and policy.can_decide_step(user, study.next_step, study),
        "can_act": policy.can_act_for(user, study.employee),
        "can_admin": ADMIN_WRITE.allows(user) and policy.can_administer(user, study.employee),
        "document_form": forms.DocumentForm(),
        "decide_form": forms.DecideForm(),
        "report_form": forms.ReportForm(initial={"semester": len(reports) + 1}),
        "graduate_form": forms.GraduateForm(),
        "return_form": forms.ReturnForm(),
        "extend_form": forms.ExtendForm(),
        "cancel_form": forms.ReasonForm(),
        "breach_form": forms.BreachForm(),
        "semesters": progress.semesters_planned(study),
        "pangkat": pangkat_adjustment(employee=study.employee, level=study.level),
    }
    return render(request, "studies/assignment.html", context)


def _back(pk: int) -> Any:
    return lambda _result: redirect("studies:assignment", pk=pk)


def _on_assignment(
    request: HttpRequest,
    pk: int,
    form: django_forms.Form,
    service: Callable[..., Any],
    *,
    invalid: str,
    success: str,
) -> HttpResponse:
    """One step on a study from its page: the form's fields are the service's arguments (these
    forms exist for these services), then back to the study."""
    user = signed_in_user(request)
    return act_with_form(
        request,
        form,
        then=_back(pk),
        invalid=invalid,
        success=success,
        service=lambda d: service(actor=user, assignment_id=pk, **d),
    )


@require_access(SIGNED_IN_ACCESS)
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_assignment(
        request, pk, forms.DocumentForm(request.POST, request.FILES),
        applications.document_upload,
        invalid=_("Pilih jenis dokumen dan berkasnya."), success=_("Dokumen diunggah."),
    )  # fmt: skip


@require_access(APPROVERS)
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_assignment(
        request, pk, forms.DecideForm(request.POST), applications.application_decide,
        invalid=_("Pilih keputusan."), success=_("Keputusan dicatat."),
    )  # fmt: skip


@require_access(SIGNED_IN_ACCESS)
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_assignment(
        request, pk, forms.ReportForm(request.POST, request.FILES), progress.report_submit,
        invalid=_("Lengkapi semester, IPK, SKS dan transkrip."),
        success=_("Laporan semester terkirim."),
    )  # fmt: skip


@require_access(ADMIN_WRITE)
@require_POST
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    report = selectors.reports_to_check(user=user).filter(pk=pk).first()
    if report is None:
        raise NotFound("Laporan tidak ditemukan.", "Report not found.")
    return act_with_form(
        request,
        forms.DecideForm(request.POST),
        then=_back(report.assignment_id),
        invalid=_("Pilih keputusan."),
        success=_("Laporan semester diperiksa."),
        service=lambda d: progress.report_decide(
            actor=user, report_id=pk, accepted=d["approved"], note=d["note"]
        ),
    )


@require_access(ADMIN_WRITE)
@require_POST
def graduate(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_assignment(
        request, pk, forms.GraduateForm(request.POST), completion.study_graduate,
        invalid=_("Isi tanggal lulus dan gelar."),
        success=_("Kelulusan dan gelar dicatat; ikatan dinas dimulai."),
    )  # fmt: skip


@require_access(ADMIN_WRITE)
@require_POST
def study_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_assignment(
        request, pk, forms.ReturnForm(request.POST), completion.study_return,
        invalid=_("Isi tanggal dan jabatan."), success=_("Pegawai kembali bertugas."),
    )  # fmt: skip


@require_access(ADMIN_WRITE)
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_assignment(
        request, pk, forms.ExtendForm(request.POST), progress.study_extend,
        invalid=_("Isi lama perpanjangan dan alasannya."), success=_("Masa studi diperpanjang."),
    )  # fmt: skip


@require_access(ADMIN_WRITE)
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_assignment(
        request, pk, forms.ReasonForm(request.POST), progress.study_cancel,
        invalid=_("Tulis alasan pembatalan."), success=_("Studi dibatalkan."),
    )  # fmt: skip


@require_access(ADMIN_WRITE)
@require_POST
def bond_breach(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    bond = selectors.bond_list(user=user).filter(pk=pk).first()
    if bond is None:
        raise NotFound("Ikatan dinas tidak ditemukan.", "Bond not found.")
    return act_with_form(
        request,
        forms.BreachForm(request.POST),
        then=_back(bond.assignment_id),
        invalid=_("Isi tanggal pelanggaran."),
        success=_("Pelanggaran ikatan dinas dicatat."),
        service=lambda d: completion.bond_breach(
            actor=user, bond_id=pk, breached_on=d["breached_on"]
        ),
    )


@require_access(SIGNED_IN_ACCESS)
def decree_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    study = selectors.assignment_get(user=signed_in_user(request), assignment_id=pk)
    data = applications.decree_download(actor=signed_in_user(request), assignment=study)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sk-{study.decree_code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_access(PUBLIC_ACCESS)
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public, by the decree's secret code: name and masked NIP, as the printed SK shows."""
    study = (
        StudyAssignment.objects.select_related("employee", "program")
        .filter(decree_code=code.strip().upper()[:32])
        .first()
    )
    context: dict[str, Any] = {"study": study, "code": code[:32]}
    if study is not None:
        context["masked_nip"] = mask_identifier(study.employee.nip)
    response = render(request, "studies/verify.html", context, status=200 if study else 404)
    response["X-Robots-Tag"] = "noindex"
    return response
