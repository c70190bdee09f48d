"""Set-up pages: facilities with their polis, hours, closed dates, counters, doctors and
notification rule (admin_provinsi everywhere, admin_instansi in their kabupaten/kota), and
the province-wide queue parameters (admin_provinsi)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from garda.core.errors import GardaError
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.core.roles import Role
from garda.queueing import notify, policy
from garda.queueing.forms_manage import (
    ClosedDateForm,
    CounterForm,
    DoctorForm,
    FacilityForm,
    HoursForm,
    ParameterForm,
    PoliForm,
    RuleForm,
)
from garda.queueing.models import Facility, QueueParameter
from garda.queueing.services import configure

MANAGER_ACCESS = access_for(*policy.MANAGER_ROLES)
PROVINCE_ACCESS = access_for(Role.ADMIN_PROVINSI)

PART_FORMS: dict[str, Any] = {
    "poli": PoliForm,
    "loket": CounterForm,
    "dokter": DoctorForm,
    "tutup": ClosedDateForm,
}
PART_TITLES = {
    "poli": gettext_lazy("Poli"),
    "loket": gettext_lazy("Loket/ruang"),
    "dokter": gettext_lazy("Dokter"),
    "tutup": gettext_lazy("Tanggal tutup"),
}


def _facility(request: HttpRequest, code: str) -> Facility:
    user = signed_in_user(request)
    facility = policy.facilities_visible_to(user).filter(code=code.upper()).first()
    if facility is None or not policy.can_manage(user, facility.pk):
        raise Http404
    return facility


@require_access(MANAGER_ACCESS)
def manage_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    text = request.GET.get("q", "").strip()[:100]
    facilities = policy.facilities_visible_to(user).select_related("kabupaten")
    if text:
        facilities = facilities.filter(name__icontains=text) | facilities.filter(code__iexact=text)
    context = {
        "facilities": facilities.order_by("kabupaten__code", "name")[:300],
        "q": text,
        "parameters": QueueParameter.objects.all() if user.role == Role.ADMIN_PROVINSI else [],
    }
    return render(request, "queueing/manage_list.html", context)


@require_access(MANAGER_ACCESS)
def facility_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = FacilityForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            facility = configure.facility_save(actor=user, facility_id=None, values=form.values())
        except GardaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Puskesmas disimpan."))
            return redirect("queueing:manage_facility", facility.code)
    return render(
        request, "queueing/manage_form.html", {"form": form, "title": _("Puskesmas baru")}
    )


@require_access(MANAGER_ACCESS)
def manage_facility(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in_user(request)
    facility = _facility(request, code)
    rule = notify.rule_for(facility)
    form = FacilityForm(request.POST or None, instance=facility, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            configure.facility_save(actor=user, facility_id=facility.pk, values=form.values())
        except GardaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Puskesmas disimpan."))
            return redirect("queueing:manage_facility", form.cleaned_data["code"].upper())
    context = {
        "facility": facility,
        "form": form,
        "hours_form": HoursForm(facility=facility),
        "rule_form": RuleForm(
            initial={
                "people_ahead": rule.people_ahead,
                "minutes_before": rule.minutes_before,
                "enabled": rule.enabled,
            }
        ),
        "polis": facility.polis.order_by("bpjs_code"),
        "counter_list": [c for p in facility.polis.order_by("bpjs_code") for c in p.counters.all()],
        "doctors": [d for p in facility.polis.order_by("bpjs_code") for d in p.doctors.all()],
        "closures": facility.closures.order_by("-date")[:30],
    }
    return render(request, "queueing/manage_facility.html", context)


@require_access(MANAGER_ACCESS)
@require_POST
def manage_hours(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(request, code)
    form = HoursForm(request.POST, facility=facility)
    if form.is_valid():
        try:
            configure.hours_set(
                actor=signed_in_user(request), facility=facility, hours=form.hours()
            )
        except GardaError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Jam pendaftaran disimpan."))
    else:
        messages.error(request, _("Periksa isian jam."))
    return redirect("queueing:manage_facility", facility.code)


@require_access(MANAGER_ACCESS)
@require_POST
def manage_rule(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(request, code)
    form = RuleForm(request.POST)
    if form.is_valid():
        configure.notification_rule_set(
            actor=signed_in_user(request), facility=facility, **form.cleaned_data
        )
        messages.success(request, _("Aturan pemberitahuan disimpan."))
    else:
        messages.error(request, _("Periksa isian aturan pemberitahuan."))
    return redirect("queueing:manage_facility", facility.code)


@require_access(MANAGER_ACCESS)
def manage_part(request: HttpRequest, code: str, kind: str, pk: int | None = None) -> HttpResponse:
    facility = _facility(request, code)
    form_class = PART_FORMS.get(kind)
    if form_class is None:
        raise Http404
    model, lookup = configure.PARTS[kind]
    instance = None
    if pk is not None:
        instance = model._default_manager.filter(pk=pk, **{lookup: facility}).first()
        if instance is None:
            raise Http404
    extra = {} if kind == "poli" else {"facility": facility}
    form = form_class(request.POST or None, instance=instance, **extra)
    if kind in {"poli", "tutup"}:
        form.instance.facility = facility  # so the unique checks see the facility
    if request.method == "POST" and form.is_valid():
        try:
            configure.part_save(
                actor=signed_in_user(request), facility=facility, kind=kind, pk=pk,
                values=form.values(),
            )  # fmt: skip
        except GardaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect("queueing:manage_facility", facility.code)
    title = f"{PART_TITLES[kind]} · {facility.name}"
    context = {"form": form, "title": title, "facility": facility, "kind": kind, "pk": pk}
    return render(request, "queueing/manage_form.html", context)


@require_access(MANAGER_ACCESS)
@require_POST
def manage_part_delete(request: HttpRequest, code: str, kind: str, pk: int) -> HttpResponse:
    facility = _facility(request, code)
    try:
        configure.part_delete(actor=signed_in_user(request), facility=facility, kind=kind, pk=pk)
    except GardaError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Dihapus."))
    return redirect("queueing:manage_facility", facility.code)


@require_access(PROVINCE_ACCESS)
def manage_parameter(request: HttpRequest, key: str) -> HttpResponse:
    row = QueueParameter.objects.filter(key=key).first()
    if row is None:
        raise Http404
    form = ParameterForm(request.POST or None, initial={"value": row.value})
    if request.method == "POST" and form.is_valid():
        try:
            configure.parameter_set(
                actor=signed_in_user(request), key=key, value=form.cleaned_data["value"]
            )
        except GardaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Parameter disimpan."))
            return redirect("queueing:manage_list")
    context = {"form": form, "title": f"{row.key}", "help": row.description}
    return render(request, "queueing/manage_form.html", context)
