"""Reads of the queue: day status per poli (and per doctor), a person's active ticket, a
ticket's position and estimated call time. Public reads carry no personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from garda.core.identity import canonical_digits
from garda.core.models import Unit
from garda.queueing import policy
from garda.queueing.analytics import DUE_STATUSES, WAITED, no_show_value, wait_minutes
from garda.queueing.eta import estimate_call_time, estimates_by_number
from garda.queueing.models import (
    ACTIVE_STATUSES,
    WAITING_STATUSES,
    Counter,
    Doctor,
    Facility,
    Poli,
    Ticket,
    TicketStatus,
)
from garda.queueing.schedule import hours_on


@dataclass(frozen=True)
class DoctorDayStatus:
    """A doctor practising in the poli. No counts of its own: the poli has one line, called
    in one order whoever the doctor (and most tickets name none), so the poli's counts are
    what a patient of any of its doctors waits behind."""

    doctor_id: int
    bpjs_code: int
    name: str
    practice_hours: str


@dataclass(frozen=True)
class PoliDayStatus:
    poli_id: int
    poli_name: str
    service_date: dt.date
    total: int  # tickets given that day, cancelled ones included (the sequence's length)
    remaining: int  # not yet called
    now_calling: str  # display number of the last called ticket, or ""
    doctors: list[DoctorDayStatus] = field(default_factory=list)


def _last_called(tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    return tickets.filter(called_at__isnull=False).order_by("-called_at", "-number")


def now_calling(*, poli: Poli, service_date: dt.date) -> str:
    """Display number of the poli's last called ticket that day, or ""."""
    number = (
        _last_called(Ticket.objects.filter(poli=poli, service_date=service_date))
        .values_list("number", flat=True)
        .first()
    )
    return f"{poli.prefix}-{number}" if number else ""


def poli_day_status(*, poli_id: int, service_date: dt.date) -> PoliDayStatus:
    """Polled constantly (Mobile JKN): four queries whatever the number of tickets or
    doctors — the poli, the day's counts, the last call, and all doctors at once. The counts
    are the poli's, tickets with and without a doctor alike (see DoctorDayStatus)."""
    poli = Poli.objects.get(pk=poli_id)
    day = Ticket.objects.filter(poli_id=poli_id, service_date=service_date)
    counts = day.aggregate(
        total=Count("pk"),
        remaining=Count("pk", filter=Q(status__in=WAITING_STATUSES)),
    )
    doctors = [
        DoctorDayStatus(
            doctor_id=doctor.pk,
            bpjs_code=doctor.bpjs_code,
            name=doctor.name,
            practice_hours=doctor.practice_hours,
        )
        for doctor in Doctor.objects.filter(poli_id=poli_id, is_active=True).order_by("name")
    ]
    return PoliDayStatus(
        poli_id=poli_id,
        poli_name=poli.name,
        service_date=service_date,
        total=counts["total"],
        remaining=counts["remaining"],
        now_calling=now_calling(poli=poli, service_date=service_date),
        doctors=doctors,
    )


def ticket_find_active(
    *, poli_id: int, service_date: dt.date, card_number: str = "", nik: str = ""
) -> Ticket | None:
    """The person's ticket holding a place in this poli that day (not cancelled, not done)."""
    card_number, nik = canonical_digits(card_number), canonical_digits(nik)
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
    """Waiting tickets (booked or checked in) of the same poli and day before this one in
    the calling order (line number, then number)."""
    if ticket.status not in WAITING_STATUSES:
        return 0
    return (
        Ticket.objects.filter(
            poli_id=ticket.poli_id, service_date=ticket.service_date, status__in=WAITING_STATUSES
        )
        .filter(
            Q(line_number__lt=ticket.line_number)
            | Q(line_number=ticket.line_number, number__lt=ticket.number)
        )
        .count()
    )


def ticket_eta(ticket: Ticket) -> dt.datetime | None:
    """When the ticket is expected to be called; None once called or when closed."""
    if ticket.status not in WAITING_STATUSES:
        return None
    return estimate_call_time(
        poli=ticket.poli, service_date=ticket.service_date, people_ahead=people_ahead(ticket)
    )


# --- Pages: the public board, the display, the console ------------------------------------


def mask_name(name: str) -> str:
    """`Siti Aminah` -> `S*** A***`: enough for the holder to recognise, too little for others."""
    return " ".join(f"{word[:1]}***" for word in name.split()) or "—"


def facility_by_code(code: str) -> Facility | None:
    return Facility.objects.filter(code=code.upper(), is_active=True).first()


def facilities_public(*, text: str = "", kabupaten_id: int | None = None) -> QuerySet[Facility]:
    queryset = Facility.objects.filter(is_active=True).select_related("kabupaten")
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(code__iexact=text))
    if kabupaten_id:
        queryset = queryset.filter(kabupaten_id=kabupaten_id)
    return queryset.order_by("kabupaten__name", "name")


@dataclass(frozen=True)
class PoliBoard:
    poli: Poli
    now_calling: str
    counter: str
    waiting: int  # checked in, not yet called
    booked: int  # booked online, not arrived yet
    wait_minutes: int | None  # estimated wait of someone who takes a ticket now
    next_up: list[str] = field(default_factory=list)  # checked in, in line order


NEXT_UP_SHOWN = 3


def facility_board(
    facility: Facility, service_date: dt.date, *, estimates: bool = True
) -> list[PoliBoard]:
    """One row per active poli: who is being called, who waits, how long a newcomer waits
    (`estimates=False` leaves the wait out: the display board polls every second)."""
    polis = list(facility.polis.filter(is_active=True).order_by("bpjs_code"))
    counts = {
        row["poli_id"]: row
        for row in Ticket.objects.filter(facility=facility, service_date=service_date)
        .values("poli_id")
        .annotate(
            waiting=Count("pk", filter=Q(status=TicketStatus.CHECKED_IN)),
            booked=Count("pk", filter=Q(status=TicketStatus.BOOKED)),
        )
    }
    # The last call of each poli: one subquery per poli row, then those tickets in one query
    # (not every called ticket of the day, which grows all day on a polled page).
    last_ids = [
        pk
        for pk in Poli.objects.filter(pk__in=[p.pk for p in polis])
        .annotate(
            last_id=Subquery(
                _last_called(
                    Ticket.objects.filter(poli=OuterRef("pk"), service_date=service_date)
                ).values("pk")[:1]
            )
        )
        .values_list("last_id", flat=True)
        if pk
    ]
    last_calls = {
        t.poli_id: t for t in Ticket.objects.filter(pk__in=last_ids).select_related("counter")
    }
    # The next few in line per poli, for the waiting room's TV: one query over the day's
    # checked-in tickets (tens per poli), cut per poli here.
    next_up: dict[int, list[str]] = {}
    waiting_tickets = (
        Ticket.objects.filter(
            facility=facility, service_date=service_date, status=TicketStatus.CHECKED_IN
        )
        .select_related("poli")
        .order_by("poli_id", "line_number", "number")
    )
    for ticket in waiting_tickets:
        numbers = next_up.setdefault(ticket.poli_id, [])
        if len(numbers) < NEXT_UP_SHOWN:
            numbers.append(ticket.display_number)
    now = timezone.now()
    hours = hours_on(facility, service_date) if estimates else None
    rows = []
    for poli in polis:
        c = counts.get(poli.pk, {"waiting": 0, "booked": 0})
        eta = (
            estimate_call_time(
                poli=poli, service_date=service_date, people_ahead=c["waiting"] + c["booked"],
                now=now, hours=hours,
            )
            if hours is not None
            else None
        )  # fmt: skip
        last = last_calls.get(poli.pk)
        if last is not None:
            last.poli = poli
        rows.append(
            PoliBoard(
                poli=poli,
                now_calling=last.display_number if last else "",
                counter=last.counter.name if last and last.counter else "",
                waiting=c["waiting"],
                booked=c["booked"],
                wait_minutes=max(0, int((eta - now).total_seconds() // 60)) if eta else None,
                next_up=next_up.get(poli.pk, []),
            )
        )
    return rows


def announcements(facility: Facility, *, minutes: int = 30) -> list[dict[str, str]]:
    """Calls and recalls of the last `minutes`, newest first, for the display board. `key`
    changes with every recall, so the board announces a recall again."""
    since = timezone.now() - dt.timedelta(minutes=minutes)
    tickets = (
        Ticket.objects.filter(facility=facility, service_date=timezone.localdate())
        .filter(Q(called_at__gte=since) | Q(recalled_at__gte=since))
        .select_related("poli", "counter")
    )
    items = []
    for t in tickets:
        at = max(x for x in (t.called_at, t.recalled_at) if x is not None)
        items.append(
            {
                "key": f"{t.pk}:{t.recall_count}",
                "number": t.display_number,
                "poli": t.poli.name,
                "counter": t.counter.name if t.counter else "",
                "at": at.isoformat(),
                "status": t.status,
            }
        )
    items.sort(key=lambda item: item["at"], reverse=True)
    return items


@dataclass
class CounterView:
    counter: Counter
    current: Ticket | None
    waiting: list[tuple[Ticket, dt.datetime | None]]
    booked: int
    skipped: list[Ticket]
    transfer_targets: list[Poli]


def counter_view(counter: Counter) -> CounterView:
    today = timezone.localdate()
    poli = counter.poli
    day = Ticket.objects.filter(poli=poli, service_date=today).select_related("poli")
    etas = estimates_by_number(poli=poli, service_date=today)
    waiting = list(day.filter(status=TicketStatus.CHECKED_IN).order_by("line_number", "number"))
    return CounterView(
        counter=counter,
        current=day.filter(
            counter=counter, status__in=[TicketStatus.CALLED, TicketStatus.SERVING]
        ).first(),
        waiting=[(t, etas.get(t.number)) for t in waiting],
        booked=day.filter(status=TicketStatus.BOOKED).count(),
        skipped=list(day.filter(status=TicketStatus.NO_SHOW).order_by("-no_show_at")[:20]),
        transfer_targets=list(
            poli.facility.polis.filter(is_active=True).exclude(pk=poli.pk).order_by("bpjs_code")
        ),
    )


def patients_checked_in_today(user: Any) -> int:
    """Patients who have checked in today at the facilities `user` works for and wait to be
    called: the number a puskesmas officer's home page leads with."""
    return Ticket.objects.filter(
        poli__facility__in=policy.facilities_visible_to(user),
        service_date=timezone.localdate(),
        status=TicketStatus.CHECKED_IN,
    ).count()


# --- History per unit, read by other apps (innovation impact) ---------------------------------


def _tickets_of_units(unit_id: int, start: dt.date, end: dt.date) -> QuerySet[Ticket]:
    """Tickets of the puskesmas whose unit is `unit_id` or below it, on days start..end."""
    subtree = Unit.objects.filter(pk=unit_id).values_list("path", flat=True).first()
    if subtree is None:
        return Ticket.objects.none()
    facilities = Facility.objects.filter(unit__path__startswith=subtree).values("pk")
    return Ticket.objects.filter(
        facility__in=facilities, service_date__gte=start, service_date__lte=end
    )


def waits_of_units(*, unit_id: int, start: dt.date, end: dt.date) -> list[tuple[dt.date, float]]:
    """(day, waiting minutes) of every patient called, by `analytics.wait_minutes`, the
    definition the queue's reports use."""
    rows = (
        _tickets_of_units(unit_id, start, end)
        .filter(checked_in_at__isnull=False, called_at__isnull=False)  # the only ones with a wait
        .annotate(waited=WAITED)
        .values_list("service_date", "status", "waited")
        .order_by()
    )
    found = []
    for day, status, waited in rows:
        wait = wait_minutes(status, waited)
        if wait is not None:
            found.append((day, wait))
    return found


def no_shows_of_units(*, unit_id: int, start: dt.date, end: dt.date) -> list[tuple[dt.date, float]]:
    """(day, `analytics.no_show_value`) of the tickets due to come: their mean is the report's
    no-show rate."""
    rows = (
        _tickets_of_units(unit_id, start, end)
        .filter(status__in=DUE_STATUSES)
        .values_list("service_date", "status")
        .order_by()
    )
    return [(day, value) for day, status in rows if (value := no_show_value(status)) is not None]
