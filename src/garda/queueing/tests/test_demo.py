"""The demo: Puskesmas Demo with history for the analytics, and the province's 208."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from garda.core.demo import seed_demo_base
from garda.core.models import User
from garda.queueing import demo, policy
from garda.queueing.models import DayCounter, Facility, Ticket, TicketStatus
from garda.queueing.schedule import local_datetime

pytestmark = pytest.mark.django_db


def test_demo_facility_history_and_console_access() -> None:
    seed_demo_base()
    demo.seed_demo(size="small")
    facility = Facility.objects.get(code="DEMO01")
    assert facility.name == "Puskesmas Demo"
    assert sorted(facility.polis.values_list("bpjs_code", "prefix")) == [
        ("001", "A"), ("002", "B"), ("003", "C"), ("APT", "F"),
    ]  # fmt: skip
    hours = facility.hours.order_by("weekday")
    assert [h.weekday for h in hours] == [0, 1, 2, 3, 4, 5]
    assert (hours[0].opens.isoformat(), hours[0].closes.isoformat()) == ("07:30:00", "14:00:00")
    petugas = User.objects.get(username="petugas.demo")
    assert policy.can_work(petugas, facility.pk)
    done = Ticket.objects.filter(facility=facility, status=TicketStatus.DONE)
    assert done.count() > 200
    for t in done[:50]:
        assert t.checked_in_at <= t.called_at <= t.serving_at <= t.done_at
    assert Ticket.objects.filter(status=TicketStatus.NO_SHOW).exists()
    # numbers of each poli and day run 1..n, and the day counter agrees
    for counter in DayCounter.objects.all():
        numbers = sorted(
            Ticket.objects.filter(
                poli_id=counter.poli_id, service_date=counter.service_date
            ).values_list("number", flat=True)
        )
        assert numbers == list(range(1, counter.last_number + 1))
    before = Ticket.objects.count()
    demo.seed_demo(size="small")
    assert Ticket.objects.count() == before


@pytest.mark.parametrize("clock", [dt.time(1, 30), dt.time(10, 0), dt.time(20, 0)])
def test_a_day_seeded_as_it_stands_numbers_its_tickets_without_gaps(clock: dt.time) -> None:
    """Today's traffic as of any hour (a demo started before opening, mid-morning, in the
    evening): each poli's numbers run 1..n in the order they were taken, and its day counter
    agrees. Before opening only the online bookings exist."""
    seed_demo_base()
    facility = demo.seed_demo_facility()
    day = dt.date(2026, 12, 8)  # a Tuesday
    now = local_datetime(day, clock)
    demo.seed_history(facility, days=1, rng=random.Random(7), dates=[day], now=now)  # noqa: S311
    counters = DayCounter.objects.filter(poli__facility=facility, service_date=day).select_related(
        "poli"
    )
    assert counters.exists()
    for counter in counters:
        tickets = list(
            Ticket.objects.filter(poli_id=counter.poli_id, service_date=day).order_by("number")
        )
        assert [t.number for t in tickets] == list(range(1, counter.last_number + 1))
        if counter.poli.bpjs_code != "APT":  # the apotek numbers whoever the polis send on
            taken = [t.created_at for t in tickets]
            assert taken == sorted(taken)
        if clock < dt.time(7, 30):
            assert {t.status for t in tickets} <= {TicketStatus.BOOKED, TicketStatus.CANCELLED}


def test_jambi_size_adds_the_provinces_puskesmas() -> None:
    seed_demo_base()
    demo.seed_demo(size="jambi")
    assert Facility.objects.filter(code__startswith="PKM").count() == 208
    assert Facility.objects.filter(name="Puskesmas Teluk Leban").exists()
    assert Facility.objects.filter(name="Puskesmas Simpang Kawat").exists()
    assert Facility.objects.values("name").distinct().count() == Facility.objects.count()
    demo.seed_demo(size="jambi")
    assert Facility.objects.filter(code__startswith="PKM").count() == 208
