"""The ASN's own pages ("JP saya", submitting external learning) and the admins' verification
queue. Views parse, authorise, call a service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.errors import GardaError
from garda.core.formflow import add_error_from
from garda.core.pagination import CappedPaginator
from garda.core.params import year_from as parse_year
from garda.core.permissions import require_access, signed_in_user
from garda.learning.ledger import policy, selectors
from garda.learning.ledger.forms import ExternalLearningForm, RefuseForm
from garda.learning.ledger.pdf import history_pdf
from garda.learning.ledger.services.external import (
    external_approve,
    external_refuse,
    external_submit,
)
from garda.people.models import Employee


def year_from(request: HttpRequest) -> int:
    return parse_year(request.GET.get("tahun"))


def _ledger_context(employee: Employee, year: int) -> dict[str, object]:
    return {
        "employee": employee,
        "year": year,
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        "progress": selectors.progress_of(employee=employee, year=year),
        "entries": selectors.entries_of(employee_id=employee.pk, year=year),
        "submissions": selectors.submissions_of(employee_id=employee.pk)[:20],
    }


@require_access(policy.OWN_ACCESS)
def my_jp(request: HttpRequest) -> HttpResponse:
    """ "JP saya": this year's hours against the target, the entries, the submissions."""
    user = signed_in_user(request)
    employee = policy.own_employee(user)
    if employee is None:
        return render(request, "ledger/no_employee.html", status=200)
    context = _ledger_context(employee, year_from(request)) | {"own": True}
    return render(request, "ledger/my_jp.html", context)


@require_access(policy.DASHBOARD_ACCESS)
def employee_jp(request: HttpRequest, pk: int) -> HttpResponse:
    """An admin's (or atasan's) view of one ASN's ledger in its scope."""
    employee = get_object_or_404(Employee.objects.select_related("unit"), pk=pk)
    if not policy.can_see_employee(signed_in_user(request), employee):
        raise Http404
    context = _ledger_context(employee, year_from(request)) | {"own": False}
    return render(request, "ledger/my_jp.html", context)


@require_access(policy.OWN_ACCESS)
def external_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if policy.own_employee(user) is None:
        return render(request, "ledger/no_employee.html")
    form = ExternalLearningForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            external_submit(actor=user, **form.service_kwargs())
        except GardaError as error:
            add_error_from(form, error)
        else:
            messages.success(request, _("Pengajuan terkirim dan menunggu verifikasi admin."))
            return redirect("ledger:my_jp")
    return render(request, "ledger/external_form.html", {"form": form})


@require_access(policy.OWN_ACCESS)
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file, for its owner and for admins who may see the ASN."""
    submission = selectors.submission_visible(user=signed_in_user(request), pk=pk)
    if submission is None or not submission.evidence:
        raise Http404
    name = (submission.evidence.name or "bukti").rsplit("/", 1)[-1]
    response = FileResponse(submission.evidence.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_access(policy.VERIFY_ACCESS)
def verify_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    queryset = selectors.submissions_to_verify(user=user)
    page = CappedPaginator(queryset, 50).get_page(request.GET.get("page"))
    return render(request, "ledger/verify_list.html", {"page": page})


@require_access(policy.VERIFY_ACCESS)
def verify_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    submission = selectors.submission_visible(user=user, pk=pk)
    if submission is None:
        raise Http404
    context = {
        "submission": submission,
        "refuse_form": RefuseForm(),
        "can_decide": policy.can_verify(user, submission.employee)
        and submission.status == "submitted",
        "progress": selectors.progress_of(
            employee=submission.employee, year=submission.finished_on.year
        ),
    }
    return render(request, "ledger/verify_detail.html", context)


@require_access(policy.VERIFY_ACCESS)
@require_POST
def verify_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    decision = request.POST.get("decision", "")
    try:
        if decision == "approve":
            entry = external_approve(actor=user, submission_id=pk)
            messages.success(
                request,
                _("Disetujui: %(jp)s JP dicatat di buku JP.") % {"jp": entry.jp},
            )
        elif decision == "refuse":
            form = RefuseForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Tuliskan alasan penolakan."))
                return redirect("ledger:verify_detail", pk=pk)
            external_refuse(actor=user, submission_id=pk, reason=form.cleaned_data["reason"])
            messages.success(request, _("Pengajuan ditolak; ASN melihat alasannya."))
        else:
            raise PermissionDenied
    except GardaError as error:
        messages.error(request, error.message)
        return redirect("ledger:verify_detail", pk=pk)
    return redirect("ledger:verify_list")


def _pdf_response(employee: Employee) -> HttpResponse:

    response = HttpResponse(history_pdf(employee=employee), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="riwayat-diklat-{employee.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_access(policy.OWN_ACCESS)
def my_history_pdf(request: HttpRequest) -> HttpResponse:
    employee = policy.own_employee(signed_in_user(request))
    if employee is None:
        return render(request, "ledger/no_employee.html")
    return _pdf_response(employee)


@require_access(policy.DASHBOARD_ACCESS)
def employee_history_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_object_or_404(Employee.objects.select_related("unit"), pk=pk)
    if not policy.can_see_employee(signed_in_user(request), employee):
        raise Http404
    return _pdf_response(employee)
