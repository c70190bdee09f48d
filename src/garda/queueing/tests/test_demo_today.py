"""The demo shows a queue at work on the day it is started (issue 16: today began empty)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models import Max
from django.utils import timezone

from garda.core.models import Unit
from garda.queueing.demo import seed_demo_facility, seed_history
from garda.queueing.models import Facility, Ticket, TicketStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility() -> Facility:
    Unit.objects.get_or_create(code="15.71", defaults={"name": "Kota Jambi", "kind": "instansi"})
    return seed_demo_facility()


def test_a_morning_in_progress_has_people_served_waiting_and_booked(facility: Facility) -> None:
    monday = dt.date(2026, 12, 7)
    ten_past_nine = timezone.make_aware(dt.datetime.combine(monday, dt.time(9, 10)))
    rng = random.Random(7)  # noqa: S311  # demo data
    seed_history(facility, days=1, rng=rng, dates=[monday], now=ten_past_nine)
    statuses = set(Ticket.objects.filter(service_date=monday).values_list("status", flat=True))
    assert {TicketStatus.DONE, TicketStatus.CHECKED_IN, TicketStatus.BOOKED} <= statuses
    # Nothing happened after ten past nine.
    # (Max, not a descending sort: PostgreSQL sorts the empty stamps first.)
    for field in ("checked_in_at", "called_at", "serving_at", "done_at"):
        latest = Ticket.objects.filter(service_date=monday).aggregate(m=Max(field))["m"]
        assert latest is not None, field
        assert latest <= ten_past_nine, field
    waiting = Ticket.objects.filter(service_date=monday, status=TicketStatus.CHECKED_IN)
    assert waiting.filter(checked_in_at__isnull=False, called_at__isnull=True).count() == (
        waiting.count()
    )
