"""Catalog administration: programs, batches, sessions, quotas, participants and nomination.
admin_provinsi works everywhere; admin_instansi/admin_opd within their subtree (the
selectors scope the lists, the services refuse the rest); auditors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from garda.core.access import units_visible_to
from garda.core.errors import GardaError
from garda.core.formflow import act, submit
from garda.core.params import id_from, number_from
from garda.core.permissions import require_access, signed_in_user
from garda.learning import policy, selectors, services
from garda.learning.access import ADMIN_READ, ADMIN_WRITE
from garda.learning.forms import (
    BatchForm,
    NominateForm,
    ProgramForm,
    QuotaForm,
    SessionForm,
)
from garda.learning.models import Batch, EvaluationDefault
from garda.learning.services import catalog as catalog_services
from garda.people.selectors import employee_by_nip


@require_access(ADMIN_READ)
def manage(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "programs": selectors.program_list(user=user)[:200],
        "batches": selectors.batch_list(user=user)[:200],
        "can_edit": policy.is_catalog_admin(user),
    }
    return render(request, "learning/manage.html", context)


@require_access(ADMIN_WRITE)
def program_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = signed_in_user(request)
    program = selectors.program_get(user=user, program_id=pk) if pk else None
    form = ProgramForm(request.POST or None, instance=program, units=units_visible_to(user))

    def save(_data: Any) -> object:
        if program is None:
            return catalog_services.program_create(actor=user, fields=form.fields_for_service())
        return catalog_services.program_update(
            actor=user, program_id=program.pk, fields=form.fields_for_service()
        )

    done = submit(request, form, service=save, success=_("Program tersimpan."),
                  then="learning:manage")  # fmt: skip
    return done or render(request, "learning/form.html", {
        "form": form, "title": program.title if program else _("Program baru"),
        "back": "learning:manage",
    })  # fmt: skip


@require_access(ADMIN_WRITE)
def batch_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = signed_in_user(request)
    batch = selectors.batch_get(user=user, batch_id=pk) if pk else None
    initial: dict[str, Any] = {}
    program_id = id_from(request.GET.get("program"))
    if batch is None and program_id is not None:
        initial["program"] = program_id
    form = BatchForm(
        request.POST or None, instance=batch, initial=initial, units=units_visible_to(user)
    )

    def save(_data: Any) -> Batch:
        if batch is None:
            return catalog_services.batch_create(actor=user, fields=form.fields_for_service())
        return catalog_services.batch_update(
            actor=user, batch_id=batch.pk, fields=form.fields_for_service()
        )

    done = submit(request, form, service=save, success=_("Angkatan tersimpan."),
                  then=lambda saved: redirect("learning:batch_manage", pk=saved.pk))  # fmt: skip
    return done or render(request, "learning/form.html", {
        "form": form, "title": str(batch) if batch else _("Angkatan baru"),
        "back": "learning:manage",
    })  # fmt: skip


@require_access(ADMIN_READ)
def batch_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch for its organisers: sessions, participants with their approvals and
    documents, quotas, nomination, completion and certificates."""
    user = signed_in_user(request)
    batch = selectors.batch_get(user=user, batch_id=pk)
    quotas = "\n".join(f"{q.unit.code}={q.seats}" for q in batch.unit_quotas.select_related("unit"))
    context = {
        "batch": batch,
        "sessions": batch.sessions.all(),
        "participants": selectors.participants(batch=batch),
        "can_edit": policy.can_manage_batch(user, batch),
        "nominate_form": NominateForm(),
        "quota_form": QuotaForm(initial={"quotas": quotas}),
        "job": selectors.certificate_job(batch=batch),
    }
    return render(request, "learning/batch_manage.html", context)


@require_access(ADMIN_WRITE)
def batch_quotas(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    batch = selectors.batch_get(user=user, batch_id=pk)
    form = QuotaForm(request.POST or None)
    back = reverse("learning:batch_manage", args=[batch.pk])
    if request.method != "POST":
        return redirect(back)
    if not form.is_valid():
        # The form's own messages say which line is wrong: more than one fixed text could.
        messages.error(request, " ".join(str(e) for e in form.errors.get("quotas", [])))
        return redirect(back)
    return act(
        request,
        service=lambda: catalog_services.batch_set_quotas(
            actor=user, batch_id=batch.pk, quotas=form.cleaned_data["quotas"]
        ),
        success=_("Kuota per OPD tersimpan."),
        then=back,
    )


@require_access(ADMIN_WRITE)
def batch_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    batch = selectors.batch_get(user=user, batch_id=pk)
    form = NominateForm(request.POST or None)
    back = reverse("learning:batch_manage", args=[batch.pk])
    if request.method != "POST" or not form.is_valid():
        return redirect(back)
    # Only the employees this admin may see: another agency's NIP reads as not found.
    employee = employee_by_nip(user=user, nip=form.cleaned_data["nip"])
    if employee is None:
        messages.error(request, _("Pegawai dengan NIP itu tidak ditemukan."))
        return redirect(back)
    return act(
        request,
        service=lambda: services.enrollment_nominate(
            actor=user, batch_id=batch.pk, employee_id=employee.pk
        ),
        success=lambda enrollment: (
            _("%(name)s diusulkan: %(status)s.")
            % {"name": employee.full_name, "status": enrollment.get_status_display()}
        ),
        then=back,
    )


@require_access(ADMIN_WRITE)
def session_edit(request: HttpRequest, batch_pk: int, pk: int | None = None) -> HttpResponse:
    user = signed_in_user(request)
    batch = selectors.batch_get(user=user, batch_id=batch_pk)
    session = batch.sessions.filter(pk=pk).first() if pk else None
    form = SessionForm(request.POST or None, instance=session)
    done = submit(
        request, form,
        service=lambda _data: catalog_services.session_save(
            actor=user, batch_id=batch.pk, fields=form.fields_for_service(),
            session_id=session.pk if session else None,
        ),
        success=_("Sesi tersimpan."),
        then=reverse("learning:batch_manage", args=[batch.pk]),
    )  # fmt: skip
    return done or render(request, "learning/form.html", {
        "form": form, "title": session.title if session else _("Sesi baru"),
        "back_url": batch.pk,
    })  # fmt: skip


@require_access(ADMIN_READ)
def parameters(request: HttpRequest) -> HttpResponse:
    """The follow-up delays new programs start from (4 months technical, 12 managerial)."""
    user = signed_in_user(request)
    if request.method == "POST":
        for row in EvaluationDefault.objects.all():
            months = number_from(request.POST.get(row.key), maximum=999)
            if months is not None and months != row.months:
                try:
                    catalog_services.evaluation_default_set(actor=user, key=row.key, months=months)
                    messages.success(request, _("Jeda evaluasi tersimpan."))
                except GardaError as error:
                    messages.error(request, error.message)
        return redirect("learning:parameters")
    context = {
        "rows": EvaluationDefault.objects.all(),
        "can_edit": user.is_superuser or user.role == "admin_provinsi",
    }
    return render(request, "learning/parameters.html", context)
