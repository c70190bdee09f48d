"""Issuing and cancelling tickets: numbering, identity, dates, quotas, events, audit."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from garda.core.audit.models import AuditEntry
from garda.core.errors import NotAllowed
from garda.core.identity import make_nik
from garda.queueing import events, selectors, services
from garda.queueing.errors import (
    DateOutsideHorizon,
    DuplicateTicket,
    InvalidIdentity,
    PoliClosed,
    QuotaFull,
    TicketAlreadyServed,
)
from garda.queueing.models import ClosedDate, Poli, Ticket, TicketStatus
from garda.queueing.testing import make_facility

pytestmark = pytest.mark.django_db


def nik(i: int) -> str:
    return make_nik(i)


def card(i: int) -> str:
    return f"00012{i:08d}"


@pytest.fixture
def poli() -> Poli:
    return make_facility().polis.get(bpjs_code="001")


def issue(poli: Poli, i: int, **kw: Any) -> Ticket:
    kw.setdefault("service_date", timezone.localdate())
    kw.setdefault("channel", "web")
    return services.ticket_issue(actor=None, poli_id=poli.pk, name=f"Pasien {i}", nik=nik(i), **kw)


def test_numbers_follow_each_other_per_poli_and_day(poli: Poli) -> None:
    tickets = [issue(poli, i) for i in range(3)]
    assert [t.number for t in tickets] == [1, 2, 3]
    assert tickets[2].display_number == "A-3"
    other = poli.facility.polis.get(bpjs_code="002")
    assert issue(other, 9).display_number == "B-1"
    tomorrow = issue(poli, 10, service_date=timezone.localdate() + dt.timedelta(days=1))
    assert tomorrow.number == 1
    assert len({t.booking_code for t in tickets}) == 3
    assert tickets[0].eta_at_issue is not None


def test_one_active_ticket_per_person_poli_and_day(poli: Poli) -> None:
    first = issue(poli, 1, card_number=card(1))
    with pytest.raises(DuplicateTicket) as caught:
        services.ticket_issue(
            actor=None, poli_id=poli.pk, service_date=first.service_date, channel="mobilejkn",
            card_number=card(1),
        )  # fmt: skip
    assert "1 kali" in caught.value.message_id
    with pytest.raises(DuplicateTicket):
        issue(poli, 1)  # same NIK
    services.ticket_cancel(actor=None, ticket_id=first.pk, reason="batal")
    again = issue(poli, 1, card_number=card(1))
    assert again.number == 2  # the cancelled number is kept, never reused


def test_a_failed_issue_leaves_no_gap(poli: Poli) -> None:
    issue(poli, 1)
    with pytest.raises(DuplicateTicket):
        issue(poli, 1)
    assert issue(poli, 2).number == 2


@pytest.mark.parametrize(
    ("kw", "error"),
    [
        ({"nik": "123"}, InvalidIdentity),
        ({"nik": "", "card_number": "12345"}, InvalidIdentity),
        ({"nik": ""}, InvalidIdentity),  # web bookings need an identity
        ({"phone": "abc"}, InvalidIdentity),
        ({"priority": "vip"}, InvalidIdentity),
    ],
)
def test_identity_is_checked(poli: Poli, kw: dict[str, str], error: type[Exception]) -> None:
    args = {"nik": nik(1), **kw}
    with pytest.raises(error):
        services.ticket_issue(
            actor=None, poli_id=poli.pk, service_date=timezone.localdate(), channel="web", **args
        )


def test_dates_outside_the_horizon_or_closed_are_refused(poli: Poli) -> None:
    today = timezone.localdate()
    with pytest.raises(DateOutsideHorizon):
        issue(poli, 1, service_date=today - dt.timedelta(days=1))
    with pytest.raises(DateOutsideHorizon):
        issue(poli, 1, service_date=today + dt.timedelta(days=8))
    with pytest.raises(DateOutsideHorizon):  # a kiosk ticket is for today only
        issue(poli, 1, service_date=today + dt.timedelta(days=1), channel="kiosk")
    closed = today + dt.timedelta(days=2)
    ClosedDate.objects.create(facility=poli.facility, date=closed, reason="Akreditasi")
    with pytest.raises(PoliClosed):
        issue(poli, 1, service_date=closed)
    poli.facility.hours.filter(weekday=(today + dt.timedelta(days=3)).weekday()).delete()
    with pytest.raises(PoliClosed):
        issue(poli, 1, service_date=today + dt.timedelta(days=3))


def test_quota_per_channel_group(poli: Poli) -> None:
    poli.quota_online = 2
    poli.quota_onsite = 1
    poli.save()
    issue(poli, 1)
    issue(poli, 2, channel="mobilejkn")
    with pytest.raises(QuotaFull):
        issue(poli, 3)
    kiosk = issue(poli, 4, channel="kiosk")
    assert kiosk.status == TicketStatus.CHECKED_IN
    assert kiosk.checked_in_at is not None
    with pytest.raises(QuotaFull):
        issue(poli, 5, channel="kiosk")


def test_staff_tickets_need_the_facilitys_staff(poli: Poli, user_factory: Any) -> None:
    stranger = user_factory(role="petugas_faskes")
    with pytest.raises(NotAllowed):
        services.ticket_issue(
            actor=stranger, poli_id=poli.pk, service_date=timezone.localdate(), channel="staff"
        )
    petugas = user_factory(role="petugas_faskes", unit=poli.facility.unit)
    ticket = services.ticket_issue(
        actor=petugas, poli_id=poli.pk, service_date=timezone.localdate(), channel="staff"
    )
    assert ticket.number == 1


def test_cancel_refuses_once_served_and_audits(poli: Poli) -> None:
    ticket = issue(poli, 1)
    Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.SERVING)
    with pytest.raises(TicketAlreadyServed) as caught:
        services.ticket_cancel(actor=None, ticket_id=ticket.pk, reason="x")
    assert caught.value.message_id.startswith("Pasien sudah dilayani")
    other = issue(poli, 2)
    services.ticket_cancel(actor=None, ticket_id=other.pk, reason="tidak jadi")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"queue.ticket.issue", "queue.ticket.cancel"} <= actions
    # the audit trail never holds the NIK in full
    assert not AuditEntry.objects.filter(after__icontains=nik(1)).exists()


def test_events_are_published_inside_the_transaction(poli: Poli) -> None:
    seen: list[tuple[str, str, bool]] = []

    def listener(kind: str, ticket: Ticket) -> None:
        seen.append((kind, ticket.display_number, connection.in_atomic_block))

    events.subscribe(listener)
    try:
        ticket = issue(poli, 1)
        services.ticket_cancel(actor=None, ticket_id=ticket.pk, reason="x")
    finally:
        events.unsubscribe(listener)
    assert seen == [("issued", "A-1", True), ("cancelled", "A-1", True)]


def test_a_failing_listener_rolls_the_ticket_back(poli: Poli) -> None:
    def broken(kind: str, ticket: Ticket) -> None:
        raise RuntimeError("outbox down")

    events.subscribe(broken)
    try:
        with pytest.raises(RuntimeError):
            issue(poli, 1)
    finally:
        events.unsubscribe(broken)
    assert not Ticket.objects.exists()
    assert issue(poli, 1).number == 1


def test_selectors_report_the_day(poli: Poli) -> None:
    tickets = [issue(poli, i, card_number=card(i)) for i in range(4)]
    Ticket.objects.filter(pk=tickets[0].pk).update(
        status=TicketStatus.CALLED, called_at=timezone.now()
    )
    status = selectors.poli_day_status(poli_id=poli.pk, service_date=timezone.localdate())
    assert (status.total, status.remaining, status.now_calling) == (4, 3, "A-1")
    found = selectors.ticket_find_active(
        poli_id=poli.pk, service_date=timezone.localdate(), card_number=card(2)
    )
    assert found is not None
    assert found.number == 3
    assert selectors.people_ahead(found) == 1
    eta = selectors.ticket_eta(found)
    assert eta is not None
    assert eta > timezone.now()


# --- Concurrency ------------------------------------------------------------------------------


def _run_threads(count: int, work: Any) -> list[Any]:
    results: list[Any] = [None] * count
    barrier = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # the test inspects what each thread got
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_every_number_once() -> None:
    poli = make_facility().polis.get(bpjs_code="001")
    count = 16
    results = _run_threads(count, lambda i: issue(poli, i).number)
    assert sorted(results) == list(range(1, count + 1)), results
    numbers = sorted(Ticket.objects.filter(poli=poli).values_list("number", flat=True))
    assert numbers == list(range(1, count + 1))


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_get_one_ticket() -> None:
    poli = make_facility().polis.get(bpjs_code="001")
    results = _run_threads(8, lambda i: issue(poli, 1, card_number=card(1)).number)
    assert results.count(1) == 1
    assert all(isinstance(r, DuplicateTicket) for r in results if r != 1), results
    assert Ticket.objects.filter(poli=poli).count() == 1


def test_day_status_lists_doctors_and_counts_the_poli(poli: Poli) -> None:
    """One line per poli: tickets with a doctor and without one are counted together."""
    andi = poli.doctors.create(bpjs_code=101, name="dr. Andi")
    maya = poli.doctors.create(bpjs_code=102, name="dr. Maya")
    first = issue(poli, 1, doctor_id=andi.pk)
    issue(poli, 2, doctor_id=andi.pk)
    issue(poli, 3, doctor_id=maya.pk)
    issue(poli, 4)
    Ticket.objects.filter(pk=first.pk).update(status=TicketStatus.CALLED, called_at=timezone.now())
    status = selectors.poli_day_status(poli_id=poli.pk, service_date=timezone.localdate())
    assert [(d.bpjs_code, d.practice_hours) for d in status.doctors] == [
        (101, "08:00-12:00"), (102, "08:00-12:00"),
    ]  # fmt: skip
    assert (status.total, status.remaining, status.now_calling) == (4, 3, "A-1")


def test_national_holidays_close_and_cuti_bersama_do_not(poli: Poli) -> None:
    from garda.core.calendar import NonWorkingDay

    holiday = timezone.localdate() + dt.timedelta(days=4)
    joint = timezone.localdate() + dt.timedelta(days=5)
    NonWorkingDay.objects.update_or_create(
        date=holiday, defaults={"kind": "libur_nasional", "name": "Libur uji"}
    )
    NonWorkingDay.objects.update_or_create(
        date=joint, defaults={"kind": "cuti_bersama", "name": "Cuti uji"}
    )
    with pytest.raises(PoliClosed):
        issue(poli, 1, service_date=holiday)
    assert issue(poli, 2, service_date=joint).number == 1


def test_quota_counts_only_once_the_numbers_reach_it(poli: Poli) -> None:
    poli.quota_online = 2
    poli.save()
    first = issue(poli, 1)
    issue(poli, 2)
    services.ticket_cancel(actor=None, ticket_id=first.pk, reason="batal")
    assert issue(poli, 3).number == 3  # numbers past the quota, but one was cancelled
    with pytest.raises(QuotaFull):
        issue(poli, 4)
    assert issue(poli, 5, channel="kiosk").number == 4  # the refusal left no gap


def test_a_booking_code_collision_takes_another_code(
    poli: Poli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from garda.queueing.services import intake

    first = issue(poli, 1)
    codes = iter([first.booking_code, "ZZZZ2345"])
    monkeypatch.setattr(intake, "new_booking_code", lambda: next(codes))
    second = issue(poli, 2)
    assert (second.booking_code, second.number) == ("ZZZZ2345", 2)


def test_issue_reads_once_and_locks_briefly(poli: Poli) -> None:
    """One query before the lock; inside it only the number, the insert and the audit entry
    (whose own queries are core's) — no count, no look-up of the poli or the calendar."""
    from django.test.utils import CaptureQueriesContext

    issue(poli, 1)
    with CaptureQueriesContext(connection) as ctx:
        issued = services.ticket_take(
            actor=None, poli_id=poli.pk, service_date=timezone.localdate(), channel="web",
            name="Pasien 2", nik=nik(2),
        )  # fmt: skip
    sqls = [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]
    counter = next(i for i, sql in enumerate(sqls) if "ON CONFLICT" in sql)
    assert counter == 1, sqls[:counter]  # the facts query only
    assert "INSERT INTO" in sqls[counter + 1]
    assert "queueing_ticket" in sqls[counter + 1]
    assert not any("queueing_" in sql for sql in sqls[counter + 2 :]), sqls[counter + 2 :]
    assert issued.people_ahead == 1
    assert issued.ticket.eta_at_issue is not None
