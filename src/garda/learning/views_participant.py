"""Pages of participants and approvers: my trainings, registering, one registration (its
approvals, documents, tests, survey, certificate), and the approval queue."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.errors import GardaError
from garda.core.formflow import act, act_with_form
from garda.core.permissions import require_access, signed_in_user
from garda.learning import policy, selectors, services
from garda.learning.access import ADMIN_WRITE, APPROVERS, SIGNED_IN_ACCESS
from garda.learning.forms import DocumentForm, RefuseForm
from garda.learning.models import EnrollmentDocument, EnrollmentStatus
from garda.learning.services import results as results_services


@require_access(SIGNED_IN_ACCESS)
def my_trainings(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    employee = selectors.employee_of(user)
    context = {
        "enrollments": selectors.my_enrollments(user=user),
        "matching": selectors.batches_matching(employee_id=employee.pk)[:20] if employee else [],
        "employee": employee,
        "followups": results_services.followups_for(user=user),
        "is_approver": APPROVERS.allows(user),
        "waiting": selectors.approvals_waiting(user=user).count(),
    }
    return render(request, "learning/my_trainings.html", context)


@require_access(SIGNED_IN_ACCESS)
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: confirm; POST: register (or join the waitlist)."""
    user = signed_in_user(request)
    batch = selectors.batch_get_public(batch_id=pk)
    if request.method == "POST":
        try:
            enrollment = services.enrollment_register(actor=user, batch_id=batch.pk)
        except GardaError as error:
            messages.error(request, error.message)
            return redirect("learning:batch_detail", pk=batch.pk)
        if enrollment.status == EnrollmentStatus.WAITLISTED:
            messages.warning(request, _("Kuota penuh: Anda masuk daftar tunggu."))
        else:
            messages.success(request, _("Pendaftaran terkirim."))
        return redirect("learning:enrollment", pk=enrollment.pk)
    return render(request, "learning/register_confirm.html", {"batch": batch})


@require_access(SIGNED_IN_ACCESS)
def enrollment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    enrollment = selectors.enrollment_get(user=user, enrollment_id=pk)
    own = enrollment.employee.user_id == user.pk
    next_step = enrollment.approvals.filter(decision="pending").order_by("order").first()
    context = {
        "enrollment": enrollment,
        "batch": enrollment.batch,
        "program": enrollment.batch.program,
        "own": own,
        "can_decide": enrollment.status == EnrollmentStatus.PENDING
        and next_step is not None
        and policy.can_decide_step(user, next_step.step, enrollment),
        "can_check_documents": policy.can_nominate(user, enrollment.employee.unit_id),
        "document_form": DocumentForm(),
        "refuse_form": RefuseForm(),
        "progress": results_services.progress(enrollment=enrollment),
        "certificate": getattr(enrollment, "certificate", None),
    }
    return render(request, "learning/enrollment_detail.html", context)


@require_access(SIGNED_IN_ACCESS)
@require_POST
def enrollment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    enrollment = selectors.enrollment_get(user=user, enrollment_id=pk)
    return act(
        request,
        service=lambda: services.enrollment_cancel(actor=user, enrollment_id=enrollment.pk),
        success=_("Pendaftaran dibatalkan."),
        then=reverse("learning:enrollment", args=[enrollment.pk]),
    )


@require_access(SIGNED_IN_ACCESS)
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    enrollment = selectors.enrollment_get(user=user, enrollment_id=pk)
    return act_with_form(
        request,
        DocumentForm(request.POST, request.FILES),
        service=lambda data: services.document_upload(
            actor=user, enrollment_id=enrollment.pk, file=data["file"]
        ),
        success=_("Dokumen terunggah; menunggu pemeriksaan admin."),
        then=reverse("learning:enrollment", args=[enrollment.pk]),
        invalid=_("Pilih berkas yang akan diunggah."),
    )


@require_access(ADMIN_WRITE)
@require_POST
def document_check(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    document = EnrollmentDocument.objects.filter(
        pk=pk, enrollment__in=selectors.enrollment_list(user=user)
    ).first()
    if document is None:
        return redirect("learning:approvals")
    return act(
        request,
        service=lambda: services.document_check(
            actor=user, document_id=document.pk, accepted=request.POST.get("accepted") == "1",
            note=request.POST.get("note", "")[:500],
        ),
        success=_("Pemeriksaan dokumen tersimpan."),
        then=reverse("learning:enrollment", args=[document.enrollment_id]),
    )  # fmt: skip


@require_access(APPROVERS)
def approvals(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    waiting = selectors.approvals_waiting(user=user)[:200]
    return render(
        request, "learning/approvals.html", {"waiting": waiting, "refuse_form": RefuseForm()}
    )


@require_access(APPROVERS)
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act(
        request,
        service=lambda: services.enrollment_approve(actor=user, enrollment_id=pk),
        success=lambda enrollment: (
            _("Disetujui: %(name)s.") % {"name": enrollment.employee.full_name}
        ),
        then=(request.POST.get("next") == "detail" and f"/pelatihan/pendaftaran/{pk}/")
        or "learning:approvals",
    )


@require_access(APPROVERS)
@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act_with_form(
        request,
        RefuseForm(request.POST),
        service=lambda data: services.enrollment_refuse(
            actor=user, enrollment_id=pk, reason=data["reason"]
        ),
        success=_("Pendaftaran ditolak."),
        then="learning:approvals",
        invalid=_("Alasan penolakan wajib diisi."),
    )
