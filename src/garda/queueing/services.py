"""Every write of the queue. Each service is one transaction with its audit entry and its
lifecycle event (events.publish, inside the transaction so an outbox row commits with it).

Numbers: issuing locks the poli's `DayCounter` row for the day, then checks quota and the
one-ticket-per-person rule and increments the row, all in one transaction. Everything that
competes for the same poli and day therefore queues on that row: no gaps (a failed issue
rolls back its increment) and no duplicates (also a unique constraint), on SQLite and
PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotAllowed
from garda.core.models import User
from garda.queueing import events, policy
from garda.queueing.errors import (
    DateOutsideHorizon,
    DuplicateTicket,
    InvalidIdentity,
    PoliClosed,
    PoliNotFound,
    QuotaFull,
    TicketAlreadyServed,
    TicketNotFound,
    WrongStatus,
)
from garda.queueing.eta import estimate_call_time
from garda.queueing.models import (
    ACTIVE_STATUSES,
    ONLINE_CHANNELS,
    WAITING_STATUSES,
    Channel,
    DayCounter,
    Doctor,
    Poli,
    Priority,
    Ticket,
    TicketStatus,
)
from garda.queueing.schedule import hours_on

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed
CODE_LENGTH = 8
_NIK = re.compile(r"^\d{16}$")
_CARD = re.compile(r"^\d{13}$")
_PHONE = re.compile(r"^\+?\d{8,15}$")


def new_booking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _digits(value: str) -> str:
    return re.sub(r"[\s.-]", "", value or "")


def _check_identity(*, channel: str, nik: str, card_number: str, phone: str) -> None:
    if nik and not _NIK.match(nik):
        raise InvalidIdentity("NIK harus 16 digit angka.", "The NIK must be 16 digits.")
    if card_number and not _CARD.match(card_number):
        raise InvalidIdentity(
            "Nomor kartu BPJS harus 13 digit angka.", "The BPJS card number must be 13 digits."
        )
    if phone and not _PHONE.match(phone):
        raise InvalidIdentity("Nomor HP tidak valid.", "The phone number is not valid.")
    if channel in ONLINE_CHANNELS and not (nik or card_number):
        raise InvalidIdentity("Isi NIK atau nomor kartu BPJS.", "Give a NIK or a BPJS card number.")


def _check_date(*, poli: Poli, service_date: dt.date, channel: str) -> None:
    today = timezone.localdate()
    if service_date < today:
        raise DateOutsideHorizon(
            "Tanggal periksa tidak boleh tanggal yang sudah lewat.",
            "The service date is in the past.",
        )
    if channel in ONLINE_CHANNELS:
        horizon = poli.facility.booking_horizon_days
        if service_date > today + dt.timedelta(days=horizon):
            raise DateOutsideHorizon(
                f"Pendaftaran hanya dapat dilakukan paling lama {horizon} hari ke depan.",
                f"Bookings are open at most {horizon} days ahead.",
            )
    elif service_date != today:
        raise DateOutsideHorizon(
            "Antrean di tempat hanya untuk hari ini.", "On-site tickets are for today only."
        )
    hours = hours_on(poli.facility_id, service_date)
    if hours is None or not poli.is_active:
        raise PoliClosed(
            f"{poli.name} tidak buka pada tanggal tersebut.", "The poli is closed that day."
        )
    if service_date == today and channel != Channel.STAFF:
        now = timezone.localtime().time()
        if now >= hours.closes:
            raise PoliClosed(
                f"Pendaftaran {poli.name} hari ini sudah ditutup.",
                "Registration for today has closed.",
            )


def _lock_day(poli_id: int, service_date: dt.date) -> DayCounter:
    # Create the row if this is the day's first ticket; a concurrent creator makes ours a
    # no-op. Then lock it: everything else issuing in this poli and day waits here.
    DayCounter.objects.bulk_create(
        [DayCounter(poli_id=poli_id, service_date=service_date)], ignore_conflicts=True
    )
    return DayCounter.objects.select_for_update().get(poli_id=poli_id, service_date=service_date)


def _holders(poli_id: int, service_date: dt.date, *, nik: str, card_number: str) -> bool:
    tickets = Ticket.objects.filter(
        poli_id=poli_id, service_date=service_date, status__in=ACTIVE_STATUSES
    )
    if card_number and tickets.filter(card_number=card_number).exists():
        return True
    return bool(nik and tickets.filter(nik=nik).exists())


def _check_quota(poli: Poli, service_date: dt.date, channel: str) -> None:
    online = channel in ONLINE_CHANNELS
    quota = poli.quota_online if online else poli.quota_onsite
    taken = (
        Ticket.objects.filter(poli=poli, service_date=service_date)
        .exclude(status=TicketStatus.CANCELLED)
        .filter(channel__in=ONLINE_CHANNELS if online else [Channel.KIOSK, Channel.STAFF])
        .count()
    )
    if taken >= quota:
        raise QuotaFull(
            f"Kuota {'daring' if online else 'di tempat'} {poli.name} sudah penuh.",
            "The poli's quota for that date is full.",
        )


def people_ahead_of(ticket: Ticket) -> int:
    """Waiting tickets (booked or checked in) of the same poli and day before this one."""
    if ticket.status not in WAITING_STATUSES:
        return 0
    return Ticket.objects.filter(
        poli_id=ticket.poli_id,
        service_date=ticket.service_date,
        status__in=WAITING_STATUSES,
        number__lt=ticket.number,
    ).count()


def _estimate(ticket: Ticket) -> dt.datetime | None:
    return estimate_call_time(
        poli=ticket.poli, service_date=ticket.service_date, people_ahead=people_ahead_of(ticket)
    )


@transaction.atomic
def ticket_issue(
    *,
    actor: User | None,
    poli_id: int,
    service_date: dt.date,
    channel: str,
    name: str = "",
    nik: str = "",
    card_number: str = "",
    phone: str = "",
    email: str = "",
    complaint: str = "",
    doctor_id: int | None = None,
    priority: str = "",
    norm: str = "",
) -> Ticket:
    """A new ticket in the poli's sequence of the day. Web, Mobile JKN and kiosk tickets
    need no account (`actor` None); staff tickets need a petugas of the facility."""
    if channel not in Channel.values:
        raise InvalidIdentity("Saluran tidak dikenal.", "Unknown channel.")
    poli = Poli.objects.select_related("facility").filter(pk=poli_id).first()
    if poli is None or not poli.facility.is_active:
        raise PoliNotFound
    if channel == Channel.STAFF and not policy.can_work(actor, poli.facility_id):
        raise NotAllowed
    nik, card_number, phone = _digits(nik), _digits(card_number), _digits(phone)
    _check_identity(channel=channel, nik=nik, card_number=card_number, phone=phone)
    if priority not in Priority.values:
        raise InvalidIdentity("Kelompok prioritas tidak dikenal.", "Unknown priority group.")
    if doctor_id is not None and not Doctor.objects.filter(pk=doctor_id, poli=poli).exists():
        raise InvalidIdentity("Dokter tidak praktik di poli ini.", "No such doctor in this poli.")
    _check_date(poli=poli, service_date=service_date, channel=channel)

    day = _lock_day(poli.pk, service_date)
    if _holders(poli.pk, service_date, nik=nik, card_number=card_number):
        raise DuplicateTicket
    _check_quota(poli, service_date, channel)
    day.last_number += 1
    day.save(update_fields=["last_number"])

    ticket = Ticket(
        facility_id=poli.facility_id,
        poli=poli,
        doctor_id=doctor_id,
        service_date=service_date,
        number=day.last_number,
        channel=channel,
        status=TicketStatus.CHECKED_IN if channel == Channel.KIOSK else TicketStatus.BOOKED,
        priority=priority,
        name=name.strip()[:200],
        nik=nik,
        card_number=card_number,
        phone=phone,
        email=email.strip(),
        complaint=complaint.strip(),
        norm=norm.strip()[:30],
    )
    if ticket.status == TicketStatus.CHECKED_IN:
        ticket.checked_in_at = timezone.now()
    # Random codes (32^8); the unique constraint is the guarantee, the check avoids its error.
    for _attempt in range(5):
        ticket.booking_code = new_booking_code()
        if not Ticket.objects.filter(booking_code=ticket.booking_code).exists():
            break
    ticket.save(force_insert=True)
    ticket.eta_at_issue = _estimate(ticket)
    if ticket.status == TicketStatus.CHECKED_IN:
        ticket.eta_at_checkin = ticket.eta_at_issue
    Ticket.objects.filter(pk=ticket.pk).update(
        visit=ticket.pk, eta_at_issue=ticket.eta_at_issue, eta_at_checkin=ticket.eta_at_checkin
    )
    ticket.visit_id = ticket.pk
    audit_record(actor=actor, action="queue.ticket.issue", target=ticket, after=snapshot(ticket))
    events.publish("issued", ticket)
    return ticket


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


@transaction.atomic
def ticket_cancel(*, actor: User | None, ticket_id: int, reason: str) -> Ticket:
    """Cancel a ticket not yet called. The booking-code holder (actor None, the page has
    checked the code), the Mobile JKN bridge and the facility's staff may cancel."""
    ticket = _locked(ticket_id)
    if actor is not None and not policy.can_work(actor, ticket.facility_id):
        raise NotAllowed
    if ticket.status == TicketStatus.CANCELLED:
        raise WrongStatus("Antrean sudah dibatalkan.", "The ticket is already cancelled.")
    if ticket.status not in WAITING_STATUSES:
        raise TicketAlreadyServed
    ticket.status = TicketStatus.CANCELLED
    ticket.cancelled_at = timezone.now()
    ticket.cancel_reason = reason.strip()[:200]
    ticket.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="queue.ticket.cancel",
        target=ticket,
        after={"status": ticket.status, "reason": ticket.cancel_reason},
    )
    events.publish("cancelled", ticket)
    return ticket
