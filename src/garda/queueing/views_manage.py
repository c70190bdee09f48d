"""Set-up pages: facilities with their polis, hours, closed dates, counters, doctors and
notification rule (admin_provinsi everywhere, admin_instansi in their kabupaten/kota), and
the province-wide queue parameters (admin_provinsi)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from garda.core.formflow import act, act_with_form, submit
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
    done = submit(
        request, form,
        service=lambda _data: configure.facility_save(
            actor=user, facility_id=None, values=form.values()
        ),
        success=_("Puskesmas disimpan."),
        then=lambda facility: redirect("queueing:manage_facility", facility.code),
    )  # fmt: skip
    return done or render(
        request, "queueing/manage_form.html", {"form": form, "title": _("Puskesmas baru")}
    )


@require_access(MANAGER_ACCESS)
def manage_facility(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in_user(request)
    facility = _facility(request, code)
    rule = notify.rule_for(facility)
    form = FacilityForm(request.POST or None, instance=facility, user=user)
    done = submit(
        request, form,
        service=lambda _data: configure.facility_save(
            actor=user, facility_id=facility.pk, values=form.values()
        ),
        success=_("Puskesmas disimpan."),
        then=lambda _saved: redirect("queueing:manage_facility", form.cleaned_data["code"].upper()),
    )  # fmt: skip
    if done:
        return done
    # A bound ModelForm writes what was typed onto the instance; the page's links and the
    # other forms use the facility as stored.
    facility.refresh_from_db()
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
    return act_with_form(
        request, form,
        service=lambda _data: configure.hours_set(
            actor=signed_in_user(request), facility=facility, hours=form.hours()
        ),
        success=_("Jam pendaftaran disimpan."),
        then=reverse("queueing:manage_facility", args=[facility.code]),
        invalid=_("Periksa isian jam."),
    )  # fmt: skip


@require_access(MANAGER_ACCESS)
@require_POST
def manage_rule(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(request, code)
    return act_with_form(
        request, RuleForm(request.POST),
        service=lambda data: configure.notification_rule_set(
            actor=signed_in_user(request), facility=facility, **data
        ),
        success=_("Aturan pemberitahuan disimpan."),
        then=reverse("queueing:manage_facility", args=[facility.code]),
        invalid=_("Periksa isian aturan pemberitahuan."),
    )  # fmt: skip


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
    done = submit(
        request, form,
        service=lambda _data: configure.part_save(
            actor=signed_in_user(request), facility=facility, kind=kind, pk=pk,
            values=form.values(),
        ),
        success=_("Tersimpan."),
        then=reverse("queueing:manage_facility", args=[facility.code]),
    )  # fmt: skip
    if done:
        return done
    title = f"{PART_TITLES[kind]} · {facility.name}"
    context = {"form": form, "title": title, "facility": facility, "kind": kind, "pk": pk}
    return render(request, "queueing/manage_form.html", context)


@require_access(MANAGER_ACCESS)
@require_POST
def manage_part_delete(request: HttpRequest, code: str, kind: str, pk: int) -> HttpResponse:
    facility = _facility(request, code)
    return act(
        request,
        service=lambda: configure.part_delete(
            actor=signed_in_user(request), facility=facility, kind=kind, pk=pk
        ),
        success=_("Dihapus."),
        then=reverse("queueing:manage_facility", args=[facility.code]),
    )


@require_access(PROVINCE_ACCESS)
def manage_parameter(request: HttpRequest, key: str) -> HttpResponse:
    row = QueueParameter.objects.filter(key=key).first()
    if row is None:
        raise Http404
    form = ParameterForm(request.POST or None, initial={"value": row.value})
    done = submit(
        request, form,
        service=lambda data: configure.parameter_set(
            actor=signed_in_user(request), key=key, value=data["value"]
        ),
        success=_("Parameter disimpan."),
        then="queueing:manage_list",
    )  # fmt: skip
    if done:
        return done
    context = {"form": form, "title": f"{row.key}", "help": row.description}
    return render(request, "queueing/manage_form.html", context)
