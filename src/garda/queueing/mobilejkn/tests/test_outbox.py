"""The outbox: written with the ticket change, delivered later with backoff; a BPJS outage
never stops the local queue."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from garda.core.audit.models import AuditEntry
from garda.queueing import services as queue_services
from garda.queueing.errors import DuplicateTicket
from garda.queueing.mobilejkn.fake_server import FakeBpjsServer
from garda.queueing.mobilejkn.models import FacilityBridge, OutboxMessage, OutboxStatus
from garda.queueing.mobilejkn.services import bridge_set_outbound
from garda.queueing.mobilejkn.services.outbox import (
    backoff_seconds,
    outbox_deliver_due,
    outbox_retry,
)
from garda.queueing.mobilejkn.tests.conftest import Ws
from garda.queueing.models import Channel, Facility, Poli, Ticket, TicketStatus

CARD = "0001234567890"


@pytest.fixture
def sending(bridge: FacilityBridge, fake_bpjs: FakeBpjsServer) -> FakeBpjsServer:
    bridge_set_outbound(
        actor=None, facility_id=bridge.facility_id, enabled=True, base_url=fake_bpjs.base_url,
        cons_id=fake_bpjs.cons_id, secret=fake_bpjs.secret, user_key=fake_bpjs.user_key,
    )  # fmt: skip
    return fake_bpjs


def issue(facility: Facility, *, card: str = CARD, channel: str = Channel.WEB) -> Ticket:
    poli = Poli.objects.get(facility=facility, bpjs_code="001")
    return queue_services.ticket_issue(
        actor=None, poli_id=poli.pk, service_date=timezone.localdate(), channel=channel,
        name="Siti", card_number=card, phone="081234567890",
    )  # fmt: skip


def later(minutes: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


def test_issued_ticket_writes_an_antrean_add_row(sending: Any, facility: Facility) -> None:
    ticket = issue(facility)
    message = OutboxMessage.objects.get()
    assert (message.kind, message.ticket_id, message.status) == (
        "antrean/add", ticket.pk, OutboxStatus.PENDING,
    )  # fmt: skip
    assert message.payload["nomorantrean"] == "A-1"
    assert message.payload["angkaantrean"] == 1
    assert message.payload["kodepoli"] == "001"
    assert message.payload["nomorkartu"] == CARD


def test_no_row_when_the_ticket_change_rolls_back(sending: Any, facility: Facility) -> None:
    issue(facility)
    with pytest.raises(DuplicateTicket):
        issue(facility)
    assert OutboxMessage.objects.count() == 1


def test_no_row_without_card_or_without_outbound(bridge: Any, facility: Facility) -> None:
    issue(facility)  # outbound not enabled for this facility
    assert not OutboxMessage.objects.exists()


def test_no_echo_of_what_mobilejkn_itself_did(sending: Any, ws: Ws, facility: Facility) -> None:
    from garda.queueing.mobilejkn.models import Patient

    Patient.objects.create(facility=facility, card_number=CARD, nik="1571010101900001",
                           family_card="1571010101900002", name="Siti", sex="P",
                           birth_date=dt.date(1990, 1, 1))  # fmt: skip
    day = timezone.localdate().isoformat()
    body = {"nomorkartu": CARD, "nik": "1571010101900001", "kodepoli": "001",
            "tanggalperiksa": day, "keluhan": ""}  # fmt: skip
    assert ws.send("POST", "antrean", body)["metadata"]["code"] == 200
    assert ws.send("PUT", "antrean/batal", {**body, "keterangan": "x"})["metadata"]["code"] == 200
    assert not OutboxMessage.objects.exists()


def test_cancel_serving_and_no_show_map_to_batal_and_panggil(
    sending: Any, facility: Facility
) -> None:
    first = issue(facility)
    queue_services.ticket_cancel(actor=None, ticket_id=first.pk, reason="berhalangan")
    batal = OutboxMessage.objects.get(kind="antrean/batal")
    assert batal.payload["alasan"] == "berhalangan"
    from garda.queueing.events import publish

    second = issue(facility, card="0001234567891")
    second.status = TicketStatus.SERVING
    publish("serving", second)
    publish("no_show", second)
    statuses = [m.payload["status"] for m in OutboxMessage.objects.filter(kind="antrean/panggil")]
    assert statuses == [1, 2]
    waktu = OutboxMessage.objects.filter(kind="antrean/panggil").first()
    assert waktu is not None
    assert waktu.payload["waktu"] > 1_600_000_000_000


def test_delivered_to_bpjs(sending: FakeBpjsServer, facility: Facility) -> None:
    issue(facility)
    report = outbox_deliver_due()
    assert report.sent == 1
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.SENT
    assert message.sent_at is not None
    assert sending.calls("antrean/add")[0]["nomorantrean"] == "A-1"


def test_outage_never_blocks_tickets_and_the_outbox_catches_up(
    sending: FakeBpjsServer, facility: Facility
) -> None:
    sending.down()
    tickets = [issue(facility, card=f"000123456789{i}") for i in range(3)]
    assert [t.number for t in tickets] == [1, 2, 3]  # the queue went on

    report = outbox_deliver_due()
    assert (report.sent, report.retry) == (0, 3)
    message = OutboxMessage.objects.first()
    assert message is not None
    assert message.attempts == 1
    assert "tidak dapat dihubungi" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert outbox_deliver_due().retry == 0  # not due yet: nothing tried

    report = outbox_deliver_due(now=later(5))  # second try, still down: backs off further
    assert report.retry == 3
    message.refresh_from_db()
    assert message.attempts == 2

    sending.up()
    report = outbox_deliver_due(now=later(60))
    assert report.sent == 3
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert [c["angkaantrean"] for c in sending.calls("antrean/add")] == [1, 2, 3]


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff_seconds(30) == 3600


def test_refusal_fails_without_retry_and_an_admin_can_resend(
    sending: FakeBpjsServer, bridge: FacilityBridge, facility: Facility
) -> None:
    FacilityBridge.objects.filter(pk=bridge.pk).update(cons_secret="salah")
    issue(facility)
    report = outbox_deliver_due()
    assert report.failed == 1
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.FAILED
    assert "201" in message.last_error
    FacilityBridge.objects.filter(pk=bridge.pk).update(cons_secret=sending.secret)
    outbox_retry(actor=None, message_id=message.pk)
    assert AuditEntry.objects.filter(action="mobilejkn.outbox_retry").exists()
    assert outbox_deliver_due().sent == 1


def test_delivery_is_kicked_after_commit(
    sending: FakeBpjsServer, facility: Facility, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        issue(facility)
    # The immediate task backend of the tests ran the delivery task after commit.
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_command_delivers(sending: FakeBpjsServer, facility: Facility) -> None:
    issue(facility)
    out = StringIO()
    call_command("mobilejkn_outbox", stdout=out)
    assert "terkirim 1" in out.getvalue()
