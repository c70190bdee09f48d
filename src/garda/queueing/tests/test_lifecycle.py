"""The rest of a ticket's life: check-in, calls per counter with the priority rule, recall,
skip and return, start, finish, transfer to the next poli in the same visit."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from garda.core.errors import NotAllowed
from garda.core.identity import make_nik
from garda.core.models import User
from garda.core.testing import make_user
from garda.queueing import events, selectors, services
from garda.queueing.errors import NobodyWaiting, TicketAlreadyServed, WrongStatus
from garda.queueing.models import Counter, Facility, Ticket, TicketStatus

pytestmark = pytest.mark.django_db


def walk_in(facility: Facility, i: int, *, priority: str = "", poli: str = "001") -> Ticket:
    return services.ticket_issue(
        actor=None,
        poli_id=facility.polis.get(bpjs_code=poli).pk,
        service_date=timezone.localdate(),
        channel="kiosk",
        name=f"Pasien {i}",
        nik=make_nik(i),
        priority=priority,
    )


def counter(facility: Facility, poli: str = "001") -> Counter:
    return Counter.objects.get(poli__facility=facility, poli__bpjs_code=poli)


def test_full_lifecycle_keeps_a_timestamp_per_step(facility: Facility, petugas: User) -> None:
    booked = services.ticket_issue(
        actor=None, poli_id=facility.polis.get(bpjs_code="001").pk,
        service_date=timezone.localdate(), channel="web", nik=make_nik(1),
    )  # fmt: skip
    assert booked.status == TicketStatus.BOOKED
    with pytest.raises(NobodyWaiting):  # booked but not here yet: not callable
        services.counter_call_next(actor=petugas, counter_id=counter(facility).pk)
    services.ticket_check_in(actor=None, ticket_id=booked.pk)
    called = services.counter_call_next(actor=petugas, counter_id=counter(facility).pk)
    assert called.pk == booked.pk
    services.ticket_recall(actor=petugas, ticket_id=called.pk)
    services.ticket_start(actor=petugas, ticket_id=called.pk)
    with pytest.raises(TicketAlreadyServed):
        services.ticket_cancel(actor=None, ticket_id=called.pk, reason="x")
    services.ticket_finish(actor=petugas, ticket_id=called.pk)
    t = Ticket.objects.get(pk=booked.pk)
    assert t.status == TicketStatus.DONE
    stamps = [t.created_at, t.checked_in_at, t.called_at, t.serving_at, t.done_at]
    assert all(stamps)
    assert stamps == sorted(stamps)  # type: ignore[type-var]
    assert t.recall_count == 1
    assert t.eta_at_checkin is not None


def test_a_counter_finishes_before_calling_again(facility: Facility, petugas: User) -> None:
    walk_in(facility, 1)
    walk_in(facility, 2)
    desk = counter(facility)
    first = services.counter_call_next(actor=petugas, counter_id=desk.pk)
    with pytest.raises(WrongStatus):
        services.counter_call_next(actor=petugas, counter_id=desk.pk)
    services.ticket_finish(actor=petugas, ticket_id=first.pk)
    assert services.counter_call_next(actor=petugas, counter_id=desk.pk).number == 2


def test_priority_rule_one_priority_after_every_n_calls(facility: Facility, petugas: User) -> None:
    facility.priority_every = 2
    facility.save()
    # numbers 1..4 regular, 5 and 6 priority (lansia, ibu hamil)
    for i in range(1, 5):
        walk_in(facility, i)
    walk_in(facility, 5, priority="lansia")
    walk_in(facility, 6, priority="ibu_hamil")
    desk = counter(facility)
    order = []
    for _ in range(6):
        ticket = services.counter_call_next(actor=petugas, counter_id=desk.pk)
        order.append(ticket.number)
        services.ticket_finish(actor=petugas, ticket_id=ticket.pk)
    # nobody called yet: priority first; then wait for 2 regular calls before the next one
    assert order == [5, 1, 2, 6, 3, 4]


def test_skip_then_return(facility: Facility, petugas: User) -> None:
    walk_in(facility, 1)
    walk_in(facility, 2)
    desk = counter(facility)
    first = services.counter_call_next(actor=petugas, counter_id=desk.pk)
    services.ticket_skip(actor=petugas, ticket_id=first.pk)
    assert Ticket.objects.get(pk=first.pk).status == TicketStatus.NO_SHOW
    with pytest.raises(WrongStatus):
        services.ticket_start(actor=petugas, ticket_id=first.pk)
    services.ticket_return(actor=petugas, ticket_id=first.pk)
    again = services.counter_call_next(actor=petugas, counter_id=desk.pk)
    assert again.pk == first.pk  # back in line with their own number


def test_transfer_to_apotek_keeps_one_visit(facility: Facility, petugas: User) -> None:
    apotek = facility.polis.create(bpjs_code="APT", name="Apotek", prefix="F", bookable=False)
    apotek.counters.create(name="Loket Obat")
    first = walk_in(facility, 1, priority="anak")
    called = services.counter_call_next(actor=petugas, counter_id=counter(facility).pk)
    seen: list[tuple[str, str]] = []

    def listener(kind: str, ticket: Ticket) -> None:
        seen.append((kind, ticket.display_number))

    events.subscribe(listener)
    try:
        new = services.ticket_transfer(actor=petugas, ticket_id=called.pk, to_poli_id=apotek.pk)
    finally:
        events.unsubscribe(listener)
    assert seen == [("done", "A-1"), ("transferred", "F-1")]
    assert new.status == TicketStatus.CHECKED_IN
    assert new.visit_key == first.pk == Ticket.objects.get(pk=first.pk).visit_key
    assert new.transferred_from_id == first.pk
    assert new.priority == "anak"
    assert Ticket.objects.get(pk=first.pk).status == TicketStatus.DONE
    at_apotek = services.counter_call_next(actor=petugas, counter_id=apotek.counters.get().pk)
    assert at_apotek.pk == new.pk


def test_only_the_facilitys_staff_run_it(facility: Facility, petugas: User) -> None:
    walk_in(facility, 1)
    other = make_user(role="petugas_faskes")
    with pytest.raises(NotAllowed):
        services.counter_call_next(actor=other, counter_id=counter(facility).pk)
    asn = make_user(role="asn", unit=facility.unit)
    with pytest.raises(NotAllowed):
        services.counter_call_next(actor=asn, counter_id=counter(facility).pk)
    admin = make_user(role="admin_provinsi")
    assert services.counter_call_next(actor=admin, counter_id=counter(facility).pk).number == 1


def test_counter_open_close(facility: Facility, petugas: User) -> None:
    desk = counter(facility)
    services.counter_set_open(actor=petugas, counter_id=desk.pk, is_open=False)
    desk.refresh_from_db()
    assert not desk.is_open


def test_every_lifecycle_event_is_published(facility: Facility, petugas: User) -> None:
    kinds: list[str] = []

    def listener(kind: str, ticket: Any) -> None:
        kinds.append(kind)

    events.subscribe(listener)
    try:
        t = walk_in(facility, 1)
        services.counter_call_next(actor=petugas, counter_id=counter(facility).pk)
        services.ticket_recall(actor=petugas, ticket_id=t.pk)
        services.ticket_skip(actor=petugas, ticket_id=t.pk)
        services.ticket_return(actor=petugas, ticket_id=t.pk)
        services.counter_call_next(actor=petugas, counter_id=counter(facility).pk)
        services.ticket_start(actor=petugas, ticket_id=t.pk)
        services.ticket_finish(actor=petugas, ticket_id=t.pk)
    finally:
        events.unsubscribe(listener)
    assert kinds == [
        "issued", "called", "recalled", "no_show", "checked_in", "called", "serving", "done",
    ]  # fmt: skip


def test_a_late_arrival_joins_near_the_current_call(facility: Facility, petugas: User) -> None:
    """Booked A-1 arrives after A-2 and A-3 were called: with late_places 2 the line is
    A-4, then A-1, then A-5 (not A-1 straight away)."""
    poli = facility.polis.get(bpjs_code="001")
    booked = services.ticket_issue(
        actor=None, poli_id=poli.pk, service_date=timezone.localdate(), channel="web",
        nik=make_nik(9999),
    )  # fmt: skip
    for i in range(2, 6):
        walk_in(facility, i)
    desk = counter(facility)
    for _ in range(2):
        t = services.counter_call_next(actor=petugas, counter_id=desk.pk)
        services.ticket_finish(actor=petugas, ticket_id=t.pk)
    late = services.ticket_check_in(actor=None, ticket_id=booked.pk)
    assert late.line_number == 5
    assert selectors.people_ahead(late) == 1
    order = []
    for _ in range(3):
        t = services.counter_call_next(actor=petugas, counter_id=desk.pk)
        order.append(t.display_number)
        services.ticket_finish(actor=petugas, ticket_id=t.pk)
    assert order == ["A-4", "A-1", "A-5"]


def test_a_new_ticket_counts_only_who_is_ahead_in_line(facility: Facility, petugas: User) -> None:
    """People ahead given at issue follow the line: a late arrival slotted beyond the new
    number is behind it."""
    poli = facility.polis.get(bpjs_code="001")
    booked = services.ticket_issue(
        actor=None, poli_id=poli.pk, service_date=timezone.localdate(), channel="web",
        nik=make_nik(9998),
    )  # fmt: skip
    walk_in(facility, 2)
    desk = counter(facility)
    called = services.counter_call_next(actor=petugas, counter_id=desk.pk)
    services.ticket_finish(actor=petugas, ticket_id=called.pk)
    late = services.ticket_check_in(actor=None, ticket_id=booked.pk)
    assert late.line_number == 4  # A-2 called, 2 places later
    issued = services.ticket_take(
        actor=None, poli_id=poli.pk, service_date=timezone.localdate(), channel="kiosk"
    )
    assert issued.ticket.number == 3
    assert issued.people_ahead == selectors.people_ahead(issued.ticket) == 0
    assert issued.now_calling == "A-2"
