"""Issuing a ticket: the one write every channel (web, Mobile JKN, kiosk, staff) calls.

Numbers: issuing increments and so locks the poli's `DayCounter` row for the day, then
checks quota and inserts the ticket (the one-ticket-per-person rule is the database's unique
constraint), all in one transaction; every read-only check runs before, unlocked. Everything
that competes for the same poli and day therefore queues on that row: no gaps (a failed issue
rolls back its increment) and no duplicates (also a unique constraint), on SQLite and
PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotAllowed
from garda.core.hotsql import insert_returning_pk
from garda.core.models import User
from garda.queueing import events, policy
from garda.queueing.errors import DuplicateTicket, InvalidIdentity, PoliNotFound
from garda.queueing.eta import per_patient, projected
from garda.queueing.models import Channel, Poli, Priority, Ticket, TicketStatus
from garda.queueing.services import intake


@dataclass(frozen=True)
class Issued:
    """A ticket just issued, with what its answer shows, known without reading again: people
    ahead of it when it was issued and the number the poli called last."""

    ticket: Ticket
    people_ahead: int
    now_calling: str
    facility_code: str
    facility_name: str


class _CodeTaken(Exception):
    """The random booking code collided with an existing one: issue again with a new code."""


def _violation(error: IntegrityError) -> str:
    """Which unique rule a failed ticket insert broke: "person", "code" or ""."""
    diag = getattr(error.__cause__, "diag", None)
    name = str(getattr(diag, "constraint_name", "") or "")  # PostgreSQL names the constraint
    text = name or str(error)  # SQLite names the columns
    if name in PERSON_CONSTRAINTS or (
        not name and ("card_number" in text or text.endswith(".nik"))
    ):
        return "person"
    if "booking_code" in text:
        return "code"
    return ""


PERSON_CONSTRAINTS = frozenset({"ticket_one_active_per_card", "ticket_one_active_per_nik"})


def ticket_issue(
    *,
    actor: User | AnonymousUser | None,
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
    """A new ticket in the poli's sequence of the day. Web and kiosk tickets need no account
    (`actor` the public's AnonymousUser, recorded "anonim"; None, "sistem", from the Mobile
    JKN bridge and jobs); staff tickets need a petugas of the facility."""
    return ticket_take(
        actor=actor, poli_id=poli_id, service_date=service_date, channel=channel, name=name,
        nik=nik, card_number=card_number, phone=phone, email=email, complaint=complaint,
        doctor_id=doctor_id, priority=priority, norm=norm,
    ).ticket  # fmt: skip


def ticket_take(
    *,
    actor: User | AnonymousUser | None,
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
) -> Issued:
    """`ticket_issue`, answering also what the caller shows with the ticket.

    Every read-only rule (identity, poli, facility, date, opening hours, closed dates,
    holidays, horizon, doctor) is checked from one query before the poli's day is locked.
    The locked part is one transaction: take the number (one statement that also locks the
    day), the quota (counted only once the numbers reach it), the insert (the database's
    unique constraints refuse a second active ticket of the person), the event (outbox rows
    commit with the ticket) and, last, the audit entry, whose counter every service of
    Garda shares. A refusal inside rolls the number back: no gaps."""
    if channel not in Channel.values:
        raise InvalidIdentity("Saluran tidak dikenal.", "Unknown channel.")
    facts = intake.issue_facts(poli_id=poli_id, service_date=service_date, doctor_id=doctor_id)
    if facts is None or not facts.facility_active:
        raise PoliNotFound
    if channel == Channel.STAFF and not policy.can_work(actor, facts.facility_id):
        raise NotAllowed
    intake.check_bookable(bookable=facts.poli_bookable, channel=channel)
    nik, card_number, phone = intake.check_identity(
        channel=channel, nik=nik, card_number=card_number, phone=phone
    )
    if priority not in Priority.values:
        raise InvalidIdentity("Kelompok prioritas tidak dikenal.", "Unknown priority group.")
    if not facts.doctor_ok:
        raise InvalidIdentity("Dokter tidak praktik di poli ini.", "No such doctor in this poli.")
    intake.check_day(facts, channel=channel)

    walk_in = channel in {Channel.KIOSK, Channel.STAFF}
    poli = Poli(
        id=facts.poli_id, facility_id=facts.facility_id, name=facts.poli_name,
        prefix=facts.prefix, bpjs_code=facts.bpjs_code, quota_online=facts.quota_online,
        quota_onsite=facts.quota_onsite, default_service_minutes=facts.default_service_minutes,
        is_active=facts.poli_active,
    )  # fmt: skip
    per_person = per_patient(
        sample_size=facts.sample_size,
        mean_seconds=facts.sample_mean_seconds,
        default_minutes=facts.default_service_minutes,
    ) / max(1, facts.open_counters)
    fields: dict[str, object] = {
        "doctor_id": doctor_id,
        "channel": channel,
        "status": TicketStatus.CHECKED_IN if walk_in else TicketStatus.BOOKED,
        "priority": priority,
        "name": name.strip()[:200],
        "nik": nik,
        "card_number": card_number,
        "phone": phone,
        "email": email.strip(),
        "complaint": complaint.strip(),
        "norm": norm.strip()[:30],
    }
    for _attempt in range(3):
        try:
            with transaction.atomic():
                ticket, ahead = _issue_locked(actor, facts, poli, per_person, walk_in, fields)
        except _CodeTaken:
            continue
        now_calling = f"{facts.prefix}-{facts.last_called}" if facts.last_called else ""
        return Issued(
            ticket=ticket, people_ahead=ahead, now_calling=now_calling,
            facility_code=facts.facility_code, facility_name=facts.facility_name,
        )  # fmt: skip
    raise _CodeTaken  # three random 40-bit codes all taken: not in this universe


def _insert(ticket: Ticket) -> None:
    """`ticket.save(force_insert=True)` as one prepared statement (core.hotsql): the same
    per-field values, without the ORM's per-call query building, which cost a tenth of an
    issue inside the day lock. Ticket has no save signal receivers."""
    insert_returning_pk(ticket)


def _issue_locked(
    actor: User | AnonymousUser | None,
    facts: intake.IssueFacts,
    poli: Poli,
    per_person: float,
    walk_in: bool,
    fields: dict[str, object],
) -> tuple[Ticket, int]:
    number = intake.next_number(facts.poli_id, facts.day)  # the day is locked from here
    intake.check_quota_for(facts, number, str(fields["channel"]))
    # People ahead: those waiting when the facts were read, plus the numbers given since
    # (all still waiting a moment later) — no count while the day is locked.
    ahead = facts.waiting + max(0, number - 1 - facts.last_number)
    eta = (
        projected(
            service_date=facts.day, opens=facts.opens, people_ahead=ahead,
            minutes_per_person=per_person,
        )
        if facts.opens is not None
        else None
    )  # fmt: skip
    now = timezone.now()
    ticket = Ticket(
        facility_id=facts.facility_id,
        poli=poli,
        service_date=facts.day,
        number=number,
        line_number=number,
        booking_code=intake.new_booking_code(),
        checked_in_at=now if walk_in else None,
        eta_at_issue=eta,
        eta_at_checkin=eta if walk_in else None,
        **fields,
    )
    try:
        _insert(ticket)
    except IntegrityError as error:
        rule = _violation(error)
        if rule == "person":
            raise DuplicateTicket from error
        if rule == "code":
            raise _CodeTaken from error
        raise
    events.publish("issued", ticket)
    audit_record(actor=actor, action="queue.ticket.issue", target=ticket, after=snapshot(ticket))
    return ticket, ahead
