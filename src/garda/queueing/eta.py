"""The estimated call time: one function, used for every ticket shown anywhere.

estimate = max(now, opening time) + people ahead x minutes per patient / open counters,
where minutes per patient is the mean call-to-finish time of the poli's last
`RECENT_SAMPLE` finished tickets in the last `RECENT_DAYS` days, or the poli's configured
default when it has too few of its own."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F
from django.utils import timezone

from garda.queueing.models import (
    WAITING_STATUSES,
    Counter,
    OpeningHours,
    Poli,
    Ticket,
    TicketStatus,
)
from garda.queueing.schedule import hours_on, local_datetime

RECENT_SAMPLE = 30  # enough finished patients to smooth one slow case
RECENT_DAYS = 14
MIN_SAMPLE = 5


def minutes_per_patient(poli: Poli) -> float:
    since = timezone.localdate() - dt.timedelta(days=RECENT_DAYS)
    recent = (
        Ticket.objects.filter(
            poli=poli, status=TicketStatus.DONE, service_date__gte=since, called_at__isnull=False
        )
        .order_by("-done_at")
        .values("pk")[:RECENT_SAMPLE]
    )
    # One query: the sample is a subquery (LIMIT inside IN works on SQLite and PostgreSQL).
    figures = Ticket.objects.filter(pk__in=recent).aggregate(
        n=Count("pk"),
        mean=Avg(ExpressionWrapper(F("done_at") - F("called_at"), output_field=DurationField())),
    )
    mean = figures["mean"]
    return per_patient(
        sample_size=figures["n"],
        mean_seconds=float(mean.total_seconds()) if mean else None,
        default_minutes=poli.default_service_minutes,
    )


def per_patient(*, sample_size: int, mean_seconds: float | None, default_minutes: int) -> float:
    """Minutes per patient from the sample's size and mean (the poli's default while the
    sample is too small)."""
    if sample_size < MIN_SAMPLE or not mean_seconds:
        return float(default_minutes)
    return max(1.0, mean_seconds / 60)


def projected(
    *,
    service_date: dt.date,
    opens: dt.time,
    people_ahead: int,
    minutes_per_person: float,
    now: dt.datetime | None = None,
) -> dt.datetime:
    """The formula itself: max(now, opening) + people ahead x minutes per person, where
    minutes per person = minutes per patient / open counters."""
    base = max(now or timezone.now(), local_datetime(service_date, opens))
    return base + dt.timedelta(minutes=people_ahead * minutes_per_person)


def open_counters(poli: Poli) -> int:
    return max(1, Counter.objects.filter(poli=poli, is_open=True).count())


def estimate_call_time(
    *,
    poli: Poli,
    service_date: dt.date,
    people_ahead: int,
    now: dt.datetime | None = None,
    hours: OpeningHours | None = None,
) -> dt.datetime | None:
    """When the next person after `people_ahead` waiting ones will be called; None if the
    facility is closed that day. `hours`: the day's hours when the caller has them."""
    hours = hours or hours_on(poli.facility_id, service_date)
    if hours is None:
        return None
    return projected(
        service_date=service_date,
        opens=hours.opens,
        people_ahead=people_ahead,
        minutes_per_person=minutes_per_patient(poli) / open_counters(poli),
        now=now,
    )


def estimates_by_number(
    *, poli: Poli, service_date: dt.date, now: dt.datetime | None = None
) -> dict[int, dt.datetime]:
    """The estimate of every waiting ticket of the poli and day at once (staff lists), by
    number: the same formula, counting each ticket's waiting predecessors."""

    hours = hours_on(poli.facility_id, service_date)
    if hours is None:
        return {}
    now = now or timezone.now()
    base = max(now, local_datetime(service_date, hours.opens))
    per_person = minutes_per_patient(poli) / open_counters(poli)
    numbers = (
        Ticket.objects.filter(poli=poli, service_date=service_date, status__in=WAITING_STATUSES)
        .order_by("line_number", "number")
        .values_list("number", flat=True)
    )
    return {
        number: base + dt.timedelta(minutes=ahead * per_person)
        for ahead, number in enumerate(numbers)
    }
