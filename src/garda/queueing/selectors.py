"""Reads of the queue: day status per poli (and per doctor), a person's active ticket, a
ticket's position and estimated call time. Public reads carry no personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from garda.queueing import services
from garda.queueing.eta import estimate_call_time
from garda.queueing.models import ACTIVE_STATUSES, WAITING_STATUSES, Doctor, Ticket, TicketStatus


@dataclass(frozen=True)
class DoctorDayStatus:
    doctor_id: int
    bpjs_code: int
    name: str
    practice_hours: str
    total: int
    remaining: int
    now_calling: str


@dataclass(frozen=True)
class PoliDayStatus:
    poli_id: int
    poli_name: str
    service_date: dt.date
    total: int  # tickets given that day, cancelled ones included (the sequence's length)
    remaining: int  # not yet called
    now_calling: str  # display number of the last called ticket, or ""
    doctors: list[DoctorDayStatus] = field(default_factory=list)


def _now_calling(tickets: list[Ticket]) -> str:
    called = [(t.called_at, t.number, t) for t in tickets if t.called_at is not None]
    if not called:
        return ""
    return max(called, key=lambda item: (item[0], item[1]))[2].display_number


def poli_day_status(*, poli_id: int, service_date: dt.date) -> PoliDayStatus:
    from garda.queueing.models import Poli

    poli = Poli.objects.get(pk=poli_id)
    counts = Ticket.objects.filter(poli_id=poli_id, service_date=service_date).aggregate(
        total=Count("pk"),
        remaining=Count("pk", filter=Q(status__in=WAITING_STATUSES)),
    )
    last = (
        Ticket.objects.filter(poli_id=poli_id, service_date=service_date, called_at__isnull=False)
        .order_by("-called_at")
        .values_list("number", flat=True)
        .first()
    )
    doctors: list[DoctorDayStatus] = []
    for doctor in Doctor.objects.filter(poli_id=poli_id, is_active=True):
        tickets = list(
            Ticket.objects.filter(poli_id=poli_id, service_date=service_date, doctor=doctor).only(
                "number", "status", "called_at", "poli_id"
            )
        )
        for t in tickets:
            t.poli = poli
        doctors.append(
            DoctorDayStatus(
                doctor_id=doctor.pk,
                bpjs_code=doctor.bpjs_code,
                name=doctor.name,
                practice_hours=doctor.practice_hours,
                total=len(tickets),
                remaining=sum(1 for t in tickets if t.status in WAITING_STATUSES),
                now_calling=_now_calling(tickets),
            )
        )
    return PoliDayStatus(
        poli_id=poli_id,
        poli_name=poli.name,
        service_date=service_date,
        total=counts["total"],
        remaining=counts["remaining"],
        now_calling=f"{poli.prefix}-{last}" if last else "",
        doctors=doctors,
    )


def ticket_find_active(
    *, poli_id: int, service_date: dt.date, card_number: str = "", nik: str = ""
) -> Ticket | None:
    """The person's ticket holding a place in this poli that day (not cancelled, not done)."""
    if not (card_number or nik):
        return None
    condition = Q()
    if card_number:
        condition |= Q(card_number=card_number)
    if nik:
        condition |= Q(nik=nik)
    return (
        Ticket.objects.select_related("poli", "facility")
        .filter(condition, poli_id=poli_id, service_date=service_date, status__in=ACTIVE_STATUSES)
        .first()
    )


def ticket_by_code(code: str) -> Ticket | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    return (
        Ticket.objects.select_related("poli", "facility", "doctor", "counter")
        .filter(booking_code=code)
        .first()
    )


def people_ahead(ticket: Ticket) -> int:
    return services.people_ahead_of(ticket)


def ticket_eta(ticket: Ticket) -> dt.datetime | None:
    """When the ticket is expected to be called; None once called or when closed."""
    if ticket.status not in WAITING_STATUSES:
        return None
    return estimate_call_time(
        poli=ticket.poli, service_date=ticket.service_date, people_ahead=people_ahead(ticket)
    )


__all__ = [
    "DoctorDayStatus",
    "PoliDayStatus",
    "TicketStatus",
    "people_ahead",
    "poli_day_status",
    "ticket_by_code",
    "ticket_eta",
    "ticket_find_active",
]
