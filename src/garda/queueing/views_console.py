"""The staff console: per counter/room call next, recall, skip (no-show), return, start,
finish, transfer; the waiting list with priorities; keyboard shortcuts (console.js, listed
on the page). petugas_faskes see only their own facility; admins those in their scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from garda.core.formflow import act, act_with_form
from garda.core.models import User
from garda.core.params import id_from
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.queueing import policy, selectors, services
from garda.queueing.forms import CodeForm, StaffTicketForm
from garda.queueing.models import Channel, Counter, Facility, Ticket

STAFF_ACCESS = access_for(*policy.STAFF_ROLES)


def _facility_for(user: User, code: str) -> Facility:
    facility = policy.facilities_visible_to(user).filter(code=code.upper()).first()
    if facility is None or not policy.can_work(user, facility.pk):
        raise Http404
    return facility


def _counter_for(user: User, code: str, counter_id: int) -> tuple[Facility, Counter]:
    facility = _facility_for(user, code)
    counter = (
        Counter.objects.select_related("poli__facility")
        .filter(pk=counter_id, poli__facility=facility)
        .first()
    )
    if counter is None:
        raise Http404
    return facility, counter


@require_access(STAFF_ACCESS)
def console_home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    facilities = list(policy.facilities_visible_to(user).order_by("name")[:300])
    if len(facilities) == 1:
        return redirect("queueing:console_facility", facilities[0].code)
    context = {"facilities": facilities, "can_manage": policy.can_manage(user)}
    return render(request, "queueing/console_home.html", context)


@require_access(STAFF_ACCESS)
def console_facility(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in_user(request)
    facility = _facility_for(user, code)
    context = {
        "facility": facility,
        "rows": selectors.facility_board(facility, timezone.localdate()),
        "counters": Counter.objects.filter(poli__facility=facility, poli__is_active=True)
        .select_related("poli")
        .order_by("poli__bpjs_code", "name"),
        "code_form": CodeForm(),
        "ticket_form": StaffTicketForm(facility=facility),
        "can_manage": policy.can_manage(user, facility.pk),
    }
    return render(request, "queueing/console_facility.html", context)


def _counter_context(counter: Counter) -> dict[str, Any]:
    view = selectors.counter_view(counter)
    return {"view": view, "counter": counter, "facility": counter.poli.facility}


@require_access(STAFF_ACCESS)
def console_counter(request: HttpRequest, code: str, counter_id: int) -> HttpResponse:
    _facility, counter = _counter_for(signed_in_user(request), code, counter_id)
    return render(request, "queueing/console_counter.html", _counter_context(counter))


@never_cache
@require_access(STAFF_ACCESS)
def console_counter_fragment(request: HttpRequest, code: str, counter_id: int) -> HttpResponse:
    _facility, counter = _counter_for(signed_in_user(request), code, counter_id)
    return render(request, "queueing/_console_lists.html", _counter_context(counter))


def _ticket_id(request: HttpRequest, counter: Counter) -> int:
    raw = id_from(request.POST.get("ticket"))
    ticket = (
        Ticket.objects.filter(pk=raw, poli=counter.poli).values_list("pk", flat=True).first()
        if raw is not None
        else None
    )
    if ticket is None:
        raise Http404
    return ticket


def _do(action: str, user: User, counter: Counter, request: HttpRequest) -> Ticket:
    steps: dict[str, Callable[[], Ticket]] = {
        "panggil": lambda: services.counter_call_next(actor=user, counter_id=counter.pk),
        "ulang": lambda: services.ticket_recall(actor=user, ticket_id=_ticket_id(request, counter)),
        "lewati": lambda: services.ticket_skip(actor=user, ticket_id=_ticket_id(request, counter)),
        "kembalikan": lambda: services.ticket_return(
            actor=user, ticket_id=_ticket_id(request, counter)
        ),
        "mulai": lambda: services.ticket_start(actor=user, ticket_id=_ticket_id(request, counter)),
        "selesai": lambda: services.ticket_finish(
            actor=user, ticket_id=_ticket_id(request, counter)
        ),
        "rujuk": lambda: services.ticket_transfer(
            actor=user,
            ticket_id=_ticket_id(request, counter),
            to_poli_id=id_from(request.POST.get("to_poli")) or 0,
        ),
    }
    step = steps.get(action)
    if step is None:
        raise Http404
    return step()


DONE_MESSAGES = {
    "panggil": gettext_lazy("Memanggil %(number)s."),
    "ulang": gettext_lazy("%(number)s dipanggil ulang."),
    "lewati": gettext_lazy("%(number)s ditandai tidak hadir."),
    "kembalikan": gettext_lazy("%(number)s kembali ke daftar tunggu."),
    "mulai": gettext_lazy("%(number)s sedang dilayani."),
    "selesai": gettext_lazy("%(number)s selesai."),
    "rujuk": gettext_lazy("Pasien dirujuk, nomor baru %(number)s."),
}


@require_access(STAFF_ACCESS)
@require_POST
def console_action(request: HttpRequest, code: str, counter_id: int, action: str) -> HttpResponse:
    user = signed_in_user(request)
    facility, counter = _counter_for(user, code, counter_id)
    if action in {"buka", "tutup"}:
        services.counter_set_open(actor=user, counter_id=counter.pk, is_open=action == "buka")
        return redirect("queueing:console_counter", facility.code, counter.pk)
    return act(
        request,
        service=lambda: _do(action, user, counter, request),
        success=lambda ticket: str(DONE_MESSAGES[action]) % {"number": ticket.display_number},
        then=reverse("queueing:console_counter", args=[facility.code, counter.pk]),
    )


@require_access(STAFF_ACCESS)
@require_POST
def console_check_in(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in_user(request)
    facility = _facility_for(user, code)
    form = CodeForm(request.POST)
    ticket = selectors.ticket_by_code(form.cleaned_data["code"]) if form.is_valid() else None
    back = reverse("queueing:console_facility", args=[facility.code])
    if ticket is None or ticket.facility_id != facility.pk:
        messages.error(request, _("Kode booking tidak ditemukan di puskesmas ini."))
        return redirect(back)
    return act(
        request,
        service=lambda: services.ticket_check_in(actor=user, ticket_id=ticket.pk),
        success=_("%(number)s sudah hadir.") % {"number": ticket.display_number},
        then=back,
    )


@require_access(STAFF_ACCESS)
@require_POST
def console_issue(request: HttpRequest, code: str) -> HttpResponse:
    """A ticket issued at the loket by staff (channel "staff"), checked in at once."""
    user = signed_in_user(request)
    facility = _facility_for(user, code)
    return act_with_form(
        request,
        StaffTicketForm(request.POST, facility=facility),
        service=lambda data: services.ticket_issue(
            actor=user,
            poli_id=data["poli"],
            service_date=timezone.localdate(),
            channel=Channel.STAFF,
            name=data["name"],
            card_number=data["card_number"],
            nik=data["nik"],
            priority=data["priority"] or "",
        ),
        success=lambda ticket: (
            _("Nomor %(number)s diberikan (kode %(code)s).")
            % {"number": ticket.display_number, "code": ticket.booking_code}
        ),
        then=reverse("queueing:console_facility", args=[facility.code]),
        invalid=_("Periksa isian pendaftaran."),
    )
