"""A ticket's life after it is issued, and the counters that call it. Each service is one
transaction with its audit entry and its lifecycle event (events.publish, inside the
transaction so an outbox row commits with it).

Lifecycle: booked -> checked_in -> called -> serving -> done; booked/checked_in -> cancelled;
called -> no_show (skip) -> checked_in again if the patient turns up (return). Calling the next
patient takes the poli's day lock (the one issuing takes), so two counters of one poli never
call the same ticket."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.errors import NotAllowed
from garda.core.models import User
from garda.queueing import events, policy
from garda.queueing.errors import (
    DuplicateTicket,
    NobodyWaiting,
    PoliNotFound,
    TicketAlreadyServed,
    TicketNotFound,
    WrongStatus,
)
from garda.queueing.eta import estimate_call_time
from garda.queueing.models import (
    WAITING_STATUSES,
    Channel,
    Counter,
    Poli,
    Ticket,
    TicketStatus,
)
from garda.queueing.selectors import people_ahead
from garda.queueing.services import intake


def _slot_if_late(ticket: Ticket) -> None:
    """The late-arrival rule: when the poli already called a number beyond this ticket's,
    the patient joins the line `late_places` places after the latest call instead of going
    straight to the front (a no-show who comes back likewise)."""
    called = (
        Ticket.objects.filter(
            poli_id=ticket.poli_id, service_date=ticket.service_date, called_at__isnull=False
        )
        .order_by("-line_number")
        .values_list("line_number", flat=True)
        .first()
    )
    if called is not None and called > ticket.line_number:
        ticket.line_number = called + ticket.facility.late_places


def _estimate(ticket: Ticket) -> dt.datetime | None:
    return estimate_call_time(
        poli=ticket.poli, service_date=ticket.service_date, people_ahead=people_ahead(ticket)
    )


def _audit(
    actor: User | AnonymousUser | None, action: str, ticket: Ticket, **after: object
) -> None:
    audit_record(
        actor=actor,
        action=f"queue.ticket.{action}",
        target=ticket,
        after={"status": ticket.status, **after},
    )


def _locked(ticket_id: int) -> Ticket:
    ticket = (
        Ticket.objects.select_for_update()
        .select_related("poli", "facility")
        .filter(pk=ticket_id)
        .first()
    )
    if ticket is None:
        raise TicketNotFound
    return ticket


def _signed_in(actor: User | AnonymousUser | None) -> User | None:
    """The account acting, if any: the public (anonymous) acts on a booking code, as the
    system does, and is not held to the staff rule."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _staff_locked(actor: User, ticket_id: int) -> Ticket:
    ticket = _locked(ticket_id)
    if not policy.can_work(actor, ticket.facility_id):
        raise NotAllowed
    return ticket


def _require(ticket: Ticket, *statuses: str) -> None:
    if ticket.status not in statuses:
        raise WrongStatus(
            f"Antrean {ticket.display_number} berstatus {ticket.get_status_display()}; "
            "langkah ini tidak dapat dilakukan.",
            f"Ticket {ticket.display_number} is {ticket.status}; this step is not possible.",
        )


@transaction.atomic
def ticket_cancel(
    *, actor: User | AnonymousUser | None, ticket_id: int, reason: str, channel: str = ""
) -> Ticket:
    """Cancel a ticket not yet called. The booking-code holder (anonymous: the page has
    checked the code), the Mobile JKN bridge (None) and the facility's staff may cancel;
    `channel` (web, mobilejkn, staff) says in the audit entry where the cancel came from."""
    ticket = _locked(ticket_id)
    staff = _signed_in(actor)
    if staff is not None and not policy.can_work(staff, ticket.facility_id):
        raise NotAllowed
    if ticket.status == TicketStatus.CANCELLED:
        raise WrongStatus("Antrean sudah dibatalkan.", "The ticket is already cancelled.")
    if ticket.status not in WAITING_STATUSES:
        raise TicketAlreadyServed
    ticket.status = TicketStatus.CANCELLED
    ticket.cancelled_at = timezone.now()
    ticket.cancel_reason = reason.strip()[:200]
    ticket.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    via = {"channel": channel} if channel else {}
    _audit(actor, "cancel", ticket, reason=ticket.cancel_reason, **via)
    events.publish("cancelled", ticket)
    return ticket


@transaction.atomic
def ticket_check_in(*, actor: User | AnonymousUser | None, ticket_id: int) -> Ticket:
    """The patient has arrived (kiosk scan or code: anonymous, or staff). Only on the
    service date."""
    ticket = _locked(ticket_id)
    staff = _signed_in(actor)
    if staff is not None and not policy.can_work(staff, ticket.facility_id):
        raise NotAllowed
    if ticket.status == TicketStatus.CHECKED_IN:
        return ticket  # a second scan of the same code changes nothing
    _require(ticket, TicketStatus.BOOKED)
    if ticket.service_date != timezone.localdate():
        raise WrongStatus(
            f"Antrean ini untuk tanggal {ticket.service_date:%d-%m-%Y}; lapor hadir pada "
            "hari tersebut.",
            "This ticket is for another day.",
        )
    ticket.status = TicketStatus.CHECKED_IN
    ticket.checked_in_at = timezone.now()
    _slot_if_late(ticket)
    ticket.eta_at_checkin = _estimate(ticket)
    ticket.save(
        update_fields=["status", "checked_in_at", "line_number", "eta_at_checkin", "updated_at"]
    )
    _audit(actor, "check_in", ticket)
    events.publish("checked_in", ticket)
    return ticket


def _pick_next(poli: Poli, service_date: dt.date) -> Ticket | None:
    """The priority rule (docs/queueing.md): checked-in patients are called in line order; a
    waiting priority patient (lansia, disabilitas, ibu hamil, anak) goes first unless one of
    the poli's last `priority_every` calls today already was a priority patient."""
    waiting = Ticket.objects.filter(
        poli=poli, service_date=service_date, status=TicketStatus.CHECKED_IN
    ).order_by("line_number", "number")
    first_priority = waiting.exclude(priority="").first()
    first_regular = waiting.filter(priority="").first()
    if first_priority is None or first_regular is None:
        return first_priority or first_regular
    every = max(1, poli.facility.priority_every)
    recent = list(
        Ticket.objects.filter(poli=poli, service_date=service_date, called_at__isnull=False)
        .order_by("-called_at")
        .values_list("priority", flat=True)[:every]
    )
    if any(recent):
        return first_regular
    return first_priority


@transaction.atomic
def counter_call_next(*, actor: User, counter_id: int) -> Ticket:
    counter = Counter.objects.select_related("poli__facility").filter(pk=counter_id).first()
    if counter is None:
        raise TicketNotFound("Loket tidak ditemukan.", "Counter not found.")
    poli = counter.poli
    if not policy.can_work(actor, poli.facility_id):
        raise NotAllowed
    today = timezone.localdate()
    intake.lock_day(poli.pk, today)  # one caller per poli at a time
    busy = Ticket.objects.filter(
        counter=counter,
        service_date=today,
        status__in=[TicketStatus.CALLED, TicketStatus.SERVING],
    ).first()
    if busy is not None:
        raise WrongStatus(
            f"Selesaikan atau lewati dulu antrean {busy.display_number} di loket ini.",
            f"Finish or skip {busy.display_number} at this counter first.",
        )
    ticket = _pick_next(poli, today)
    if ticket is None:
        raise NobodyWaiting
    ticket.poli = poli
    ticket.status = TicketStatus.CALLED
    ticket.called_at = timezone.now()
    ticket.counter = counter
    ticket.save(update_fields=["status", "called_at", "counter", "updated_at"])
    if not counter.is_open:
        counter.is_open = True
        counter.save(update_fields=["is_open", "updated_at"])
    _audit(actor, "call", ticket, counter=counter.name)
    events.publish("called", ticket)
    from garda.queueing import notify  # notify imports services

    notify.schedule_check(poli_id=poli.pk, service_date=today)
    return ticket


def _advance_called(
    actor: User, ticket_id: int, *, to: TicketStatus, stamp: str, action: str
) -> Ticket:
    """One step out of "called" (to no-show or serving): status, its timestamp, audit entry
    and event, the shape both steps share."""
    ticket = _staff_locked(actor, ticket_id)
    _require(ticket, TicketStatus.CALLED)
    ticket.status = to
    setattr(ticket, stamp, timezone.now())
    ticket.save(update_fields=["status", stamp, "updated_at"])
    _audit(actor, action, ticket)
    events.publish(str(to), ticket)
    return ticket


@transaction.atomic
def ticket_recall(*, actor: User, ticket_id: int) -> Ticket:
    ticket = _staff_locked(actor, ticket_id)
    _require(ticket, TicketStatus.CALLED)
    ticket.recalled_at = timezone.now()
    ticket.recall_count += 1
    ticket.save(update_fields=["recalled_at", "recall_count", "updated_at"])
    _audit(actor, "recall", ticket, recall_count=ticket.recall_count)
    events.publish("recalled", ticket)
    return ticket


@transaction.atomic
def ticket_skip(*, actor: User, ticket_id: int) -> Ticket:
    """Called but not there: no-show. `ticket_return` puts them back if they turn up."""
    return _advance_called(
        actor, ticket_id, to=TicketStatus.NO_SHOW, stamp="no_show_at", action="no_show"
    )


@transaction.atomic
def ticket_return(*, actor: User, ticket_id: int) -> Ticket:
    """A skipped patient turned up after all: back to the waiting list with their number."""
    ticket = _staff_locked(actor, ticket_id)
    _require(ticket, TicketStatus.NO_SHOW)
    if ticket.service_date != timezone.localdate():
        raise WrongStatus("Antrean ini bukan untuk hari ini.", "This ticket is not for today.")
    ticket.status = TicketStatus.CHECKED_IN
    ticket.checked_in_at = timezone.now()
    ticket.no_show_at = None
    ticket.counter = None
    _slot_if_late(ticket)
    ticket.save(
        update_fields=[
            "status", "checked_in_at", "no_show_at", "counter", "line_number", "updated_at"
        ]
    )  # fmt: skip
    _audit(actor, "return", ticket)
    events.publish("checked_in", ticket)
    return ticket


@transaction.atomic
def ticket_start(*, actor: User, ticket_id: int) -> Ticket:
    return _advance_called(
        actor, ticket_id, to=TicketStatus.SERVING, stamp="serving_at", action="start"
    )


def _finish(ticket: Ticket) -> None:
    now = timezone.now()
    if ticket.serving_at is None:  # finished straight from the call
        ticket.serving_at = now
    ticket.status = TicketStatus.DONE
    ticket.done_at = now
    ticket.save(update_fields=["status", "serving_at", "done_at", "updated_at"])


@transaction.atomic
def ticket_finish(*, actor: User, ticket_id: int) -> Ticket:
    ticket = _staff_locked(actor, ticket_id)
    _require(ticket, TicketStatus.CALLED, TicketStatus.SERVING)
    _finish(ticket)
    _audit(actor, "finish", ticket)
    events.publish("done", ticket)
    return ticket


def _new_ticket(*, poli: Poli, service_date: dt.date, number: int, **fields: object) -> Ticket:
    ticket = Ticket(
        facility_id=poli.facility_id, poli=poli, service_date=service_date, number=number, **fields
    )
    # Random codes (32^8); the unique constraint is the guarantee, the check avoids its error.
    for _attempt in range(5):
        ticket.booking_code = intake.new_booking_code()
        if not Ticket.objects.filter(booking_code=ticket.booking_code).exists():
            break
    ticket.save(force_insert=True)
    return ticket


@transaction.atomic
def ticket_transfer(*, actor: User, ticket_id: int, to_poli_id: int) -> Ticket:
    """Finish here and queue the patient at the next poli (e.g. apotek) of the same facility,
    in the same visit; returns the new ticket. Events: "done" for this ticket, then
    "transferred" for the new one (its `transferred_from` is this ticket)."""
    ticket = _staff_locked(actor, ticket_id)
    _require(ticket, TicketStatus.CALLED, TicketStatus.SERVING)
    target = Poli.objects.filter(
        pk=to_poli_id, facility_id=ticket.facility_id, is_active=True
    ).first()
    if target is None or target.pk == ticket.poli_id:
        raise PoliNotFound("Poli tujuan tidak ditemukan.", "Target poli not found.")
    _finish(ticket)
    day = intake.lock_day(target.pk, ticket.service_date)
    if intake.holds_a_place(
        target.pk, ticket.service_date, nik=ticket.nik, card_number=ticket.card_number
    ):
        raise DuplicateTicket("Pasien sudah punya antrean di poli tujuan.", "Already queued.")
    day.last_number += 1
    day.save(update_fields=["last_number"])
    now = timezone.now()
    new = _new_ticket(
        poli=target,
        service_date=ticket.service_date,
        number=day.last_number,
        line_number=day.last_number,
        channel=Channel.STAFF,
        status=TicketStatus.CHECKED_IN,
        checked_in_at=now,
        priority=ticket.priority,
        name=ticket.name,
        nik=ticket.nik,
        card_number=ticket.card_number,
        phone=ticket.phone,
        email=ticket.email,
        norm=ticket.norm,
        visit_id=ticket.visit_key,
        transferred_from=ticket,
    )
    new.eta_at_issue = new.eta_at_checkin = _estimate(new)
    new.save(update_fields=["eta_at_issue", "eta_at_checkin"])
    _audit(actor, "finish", ticket)
    _audit(actor, "transfer", new, from_ticket=ticket.display_number)
    events.publish("done", ticket)
    events.publish("transferred", new)
    return new


@transaction.atomic
def counter_set_open(*, actor: User, counter_id: int, is_open: bool) -> Counter:
    counter = Counter.objects.select_related("poli").filter(pk=counter_id).first()
    if counter is None:
        raise TicketNotFound("Loket tidak ditemukan.", "Counter not found.")
    if not policy.can_work(actor, counter.poli.facility_id):
        raise NotAllowed
    counter.is_open = is_open
    counter.save(update_fields=["is_open", "updated_at"])
    audit_record(
        actor=actor, action="queue.counter.open" if is_open else "queue.counter.close",
        target=counter, after={"is_open": is_open},
    )  # fmt: skip
    return counter
