"""Pages for the public, no account needed: the list of puskesmas, each puskesmas' live page,
booking, the ticket page (QR, live position and estimated call time, cancel), the kiosk
(walk-in ticket on a 58 mm receipt, check-in by QR or code) and the display board.

Personal data never appears in full on these pages: a ticket shows its holder's name, NIK,
card and phone masked, even to the holder (the booking code alone is what proves holding)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from garda.core.cache import PUBLIC as PUBLIC_SCOPE
from garda.core.cache import cached
from garda.core.errors import GardaError
from garda.core.followups import FinishedService, ShownFollowUp, followups_for
from garda.core.formflow import add_error_from
from garda.core.identity import mask_identifier
from garda.core.masking import mask_phone
from garda.core.models import Unit
from garda.core.params import id_from
from garda.core.permissions import access_for, require_access
from garda.core.qr import qr_svg
from garda.core.roles import PUBLIC
from garda.queueing import policy, ratelimit, selectors, services
from garda.queueing.forms import BookingForm, CancelForm, CodeForm, WalkInForm
from garda.queueing.models import Channel, Facility, Ticket, TicketStatus

PUBLIC_ACCESS = access_for(PUBLIC)
FEED_CACHE_SECONDS = 1
BOARD_CACHE_SECONDS = 5


def _facility(code: str) -> Facility:
    facility = selectors.facility_by_code(code)
    if facility is None:
        raise Http404
    return facility


def _ticket(code: str) -> Ticket:
    ticket = selectors.ticket_by_code(code)
    if ticket is None:
        raise Http404
    return ticket


def ticket_context(ticket: Ticket) -> dict[str, Any]:
    """What every page showing a ticket shows: position, estimate, masked identity."""
    return {
        "ticket": ticket,
        "ahead": selectors.people_ahead(ticket),
        "eta": selectors.ticket_eta(ticket),
        "now_calling": selectors.now_calling(poli=ticket.poli, service_date=ticket.service_date),
        "masked_name": selectors.mask_name(ticket.name),
        "masked_nik": mask_identifier(ticket.nik) if ticket.nik else "",
        "masked_card": mask_identifier(ticket.card_number) if ticket.card_number else "",
        "masked_phone": mask_phone(ticket.phone) if ticket.phone else "",
        "waiting": ticket.status in (TicketStatus.BOOKED, TicketStatus.CHECKED_IN),
    }


def _qr_svg(request: HttpRequest, ticket: Ticket) -> str:
    url = request.build_absolute_uri(reverse("queueing:ticket", args=[ticket.booking_code]))
    return qr_svg(url)


@require_access(PUBLIC_ACCESS)
def index(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:100]
    kabupaten_id = id_from(request.GET.get("kabupaten"))
    facilities = selectors.facilities_public(text=text, kabupaten_id=kabupaten_id)
    kabupatens = Unit.objects.filter(
        pk__in=Facility.objects.filter(is_active=True).values("kabupaten_id")
    ).order_by("name")
    context = {
        "facilities": facilities[:300],
        "kabupatens": kabupatens,
        "kabupaten_id": kabupaten_id,
        "q": text,
        "code_form": CodeForm(),
    }
    return render(request, "queueing/index.html", context)


@require_access(PUBLIC_ACCESS)
def find_ticket(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.GET or None)
    if form.is_valid():
        ticket = selectors.ticket_by_code(form.cleaned_data["code"])
        if ticket is not None:
            return redirect("queueing:ticket", ticket.booking_code)
        messages.error(request, _("Kode booking tidak ditemukan."))
    return redirect("queueing:index")


def _board_context(facility: Facility) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "facility": facility,
        "today": today,
        "rows": selectors.facility_board(facility, today),
        "updated": timezone.now(),
    }


@require_access(PUBLIC_ACCESS)
def facility_page(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(code)
    context = {**_board_context(facility), "hours": facility.hours.order_by("weekday")}
    return render(request, "queueing/facility.html", context)


@never_cache
@require_access(PUBLIC_ACCESS)
def facility_board_fragment(request: HttpRequest, code: str) -> HttpResponse:
    """Polled every 10 s by everyone watching the puskesmas page: rendered at most once per
    BOARD_CACHE_SECONDS per process (the figures move by minutes, not seconds)."""
    html = cached(
        PUBLIC_SCOPE,
        ["queue-board", code.upper()],
        lambda: render_to_string("queueing/_board.html", _board_context(_facility(code))),
        timeout=BOARD_CACHE_SECONDS,
    )
    return HttpResponse(html)


@require_access(PUBLIC_ACCESS)
def book(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(code)
    form = BookingForm(request.POST or None, facility=facility)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.booking_allowed(request):
            form.add_error(
                None, _("Terlalu banyak pendaftaran dari perangkat ini. Coba lagi nanti.")
            )
        else:
            try:
                ticket = services.ticket_issue(
                    actor=policy.public_actor(request.user),
                    channel=Channel.WEB,
                    **form.service_kwargs(),
                )
            except GardaError as error:
                add_error_from(form, error)
            else:
                return redirect(reverse("queueing:ticket", args=[ticket.booking_code]) + "?baru=1")
    return render(request, "queueing/book.html", {"facility": facility, "form": form})


@never_cache
@require_access(PUBLIC_ACCESS)
def ticket_page(request: HttpRequest, booking_code: str) -> HttpResponse:
    ticket = _ticket(booking_code)
    context = {
        **ticket_context(ticket),
        "qr_svg": _qr_svg(request, ticket),
        "just_booked": request.GET.get("baru") == "1",
        "cancel_form": CancelForm(),
        "followups": _followups(request, ticket),
    }
    return render(request, "queueing/ticket.html", context)


def _followups(request: HttpRequest, ticket: Ticket) -> list[ShownFollowUp]:
    """What a finished visit offers (the satisfaction survey), from apps above the queue."""
    if ticket.status != TicketStatus.DONE:
        return []
    finished = FinishedService("queue", ticket.booking_code, ticket.facility.unit_id,
                               ticket.service_date)  # fmt: skip
    return followups_for(request, finished)


@never_cache
@require_access(PUBLIC_ACCESS)
def ticket_status_fragment(request: HttpRequest, booking_code: str) -> HttpResponse:
    return render(request, "queueing/_ticket_status.html", ticket_context(_ticket(booking_code)))


@require_access(PUBLIC_ACCESS)
@require_POST
def ticket_cancel(request: HttpRequest, booking_code: str) -> HttpResponse:
    ticket = _ticket(booking_code)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.ticket_cancel(
            actor=policy.public_actor(request.user),
            ticket_id=ticket.pk,
            reason=reason or "Dibatalkan pasien",
            channel=Channel.WEB,
        )
    except GardaError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Antrean dibatalkan."))
    return redirect("queueing:ticket", ticket.booking_code)


# --- Kiosk ------------------------------------------------------------------------------------


@require_access(PUBLIC_ACCESS)
def kiosk(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(code)
    context = {
        "facility": facility,
        "code_form": CodeForm(),
        "walk_in_form": WalkInForm(facility=facility),
        "polis": facility.polis.filter(is_active=True, bookable=True).order_by("bpjs_code"),
        "priorities": WalkInForm.base_fields["priority"].choices,  # type: ignore[attr-defined]
        "checked_in": None,
    }
    return render(request, "queueing/kiosk.html", context)


@require_access(PUBLIC_ACCESS)
@require_POST
def kiosk_check_in(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(code)
    form = CodeForm(request.POST)
    ticket = selectors.ticket_by_code(form.cleaned_data["code"]) if form.is_valid() else None
    if ticket is None or ticket.facility_id != facility.pk:
        messages.error(request, _("Kode booking tidak ditemukan di puskesmas ini."))
        return redirect("queueing:kiosk", facility.code)
    try:
        ticket = services.ticket_check_in(
            actor=policy.public_actor(request.user), ticket_id=ticket.pk
        )
    except GardaError as error:
        messages.error(request, error.message)
        return redirect("queueing:kiosk", facility.code)
    return redirect("queueing:kiosk_receipt", facility.code, ticket.booking_code)


@require_access(PUBLIC_ACCESS)
@require_POST
def kiosk_walk_in(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(code)
    form = WalkInForm(request.POST, facility=facility)
    if not form.is_valid():
        messages.error(request, _("Pilih poli."))
        return redirect("queueing:kiosk", facility.code)
    try:
        ticket = services.ticket_issue(
            actor=policy.public_actor(request.user),
            poli_id=form.cleaned_data["poli"],
            service_date=timezone.localdate(),
            channel=Channel.KIOSK,
            priority=form.cleaned_data["priority"] or "",
        )
    except GardaError as error:
        messages.error(request, error.message)
        return redirect("queueing:kiosk", facility.code)
    return redirect("queueing:kiosk_receipt", facility.code, ticket.booking_code)


@require_access(PUBLIC_ACCESS)
def kiosk_receipt(request: HttpRequest, code: str, booking_code: str) -> HttpResponse:
    facility = _facility(code)
    ticket = _ticket(booking_code)
    if ticket.facility_id != facility.pk:
        raise Http404
    context = {**ticket_context(ticket), "facility": facility, "qr_svg": _qr_svg(request, ticket)}
    return render(request, "queueing/kiosk_receipt.html", context)


# --- Display board ----------------------------------------------------------------------------


@require_access(PUBLIC_ACCESS)
def display(request: HttpRequest, code: str) -> HttpResponse:
    facility = _facility(code)
    return render(request, "queueing/display.html", _board_context(facility))


@never_cache
@require_access(PUBLIC_ACCESS)
def display_feed(request: HttpRequest, code: str) -> JsonResponse:
    """Polled every second by every TV: current calls per poli and the recent announcements.
    The answer is kept FEED_CACHE_SECONDS in the process's cache, so a waiting room full of
    screens costs one computation a second; a call still shows within two seconds."""
    data = cached(
        PUBLIC_SCOPE,
        ["queue-feed", code.upper()],
        lambda: _feed(_facility(code)),
        timeout=FEED_CACHE_SECONDS,
    )
    return JsonResponse(data)


def _feed(facility: Facility) -> dict[str, Any]:
    rows = selectors.facility_board(facility, timezone.localdate(), estimates=False)
    return {
        "facility": facility.name,
        "time": timezone.localtime().strftime("%H.%M"),
        "polis": [
            {
                "name": row.poli.name,
                "prefix": row.poli.prefix,
                "now_calling": row.now_calling,
                "counter": row.counter,
                "waiting": row.waiting,
                "next_up": row.next_up,
            }
            for row in rows
        ],
        "announcements": selectors.announcements(facility),
    }
