"""Notices before the call (email and an HTTP gateway, faked by a local server) and the
purge of personal fields after the retention period."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from garda.core.identity import make_nik
from garda.core.models import User
from garda.queueing import services
from garda.queueing.models import Counter, Facility, NotificationRule, QueueParameter, Ticket
from garda.queueing.services.retention import purge_personal_data

pytestmark = pytest.mark.django_db


class FakeGateway(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeGateway.received.append({"auth": self.headers.get("Authorization"), **json.loads(body)})
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def gateway(settings: Any) -> Iterator[list[dict[str, Any]]]:
    server = HTTPServer(("127.0.0.1", 0), FakeGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeGateway.received = []
    settings.GARDA_QUEUE_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.GARDA_QUEUE_GATEWAY_TOKEN = "rahasia-uji"
    yield FakeGateway.received
    server.shutdown()


def book(facility: Facility, i: int, **kw: Any) -> Ticket:
    return services.ticket_issue(
        actor=None,
        poli_id=facility.polis.get(bpjs_code="001").pk,
        service_date=timezone.localdate(),
        channel="web",
        nik=make_nik(i),
        **kw,
    )


def test_notice_once_when_n_ahead(
    facility: Facility,
    petugas: User,
    gateway: list[dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    NotificationRule.objects.create(facility=facility, people_ahead=1, minutes_before=0)
    tickets = [book(facility, i, phone="081234567890", email=f"p{i}@contoh.id") for i in range(4)]
    for t in tickets:
        services.ticket_check_in(actor=None, ticket_id=t.pk)
    desk = Counter.objects.get(poli__facility=facility, poli__bpjs_code="001")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.counter_call_next(actor=petugas, counter_id=desk.pk)
    # after the first call: tickets 2 (0 ahead) and 3 (1 ahead) are due
    told = set(Ticket.objects.filter(notified_at__isnull=False).values_list("number", flat=True))
    assert told == {2, 3}
    assert len(mail.outbox) == 2
    assert "A-2" in mail.outbox[0].subject
    assert [g["to"] for g in gateway] == ["081234567890", "081234567890"]
    assert gateway[0]["auth"] == "Bearer rahasia-uji"
    assert "A-2" in gateway[0]["message"]
    services.ticket_finish(actor=petugas, ticket_id=first.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.counter_call_next(actor=petugas, counter_id=desk.pk)
    # only ticket 4 is new; 2 and 3 are never told twice
    assert len(mail.outbox) == 3
    assert len(gateway) == 3


def test_no_contact_no_notice(
    facility: Facility, petugas: User, django_capture_on_commit_callbacks: Any
) -> None:
    t = book(facility, 1)
    book(facility, 2)
    services.ticket_check_in(actor=None, ticket_id=t.pk)
    desk = Counter.objects.get(poli__facility=facility, poli__bpjs_code="001")
    with django_capture_on_commit_callbacks(execute=True):
        services.counter_call_next(actor=petugas, counter_id=desk.pk)
    assert not Ticket.objects.filter(notified_at__isnull=False).exists()
    assert mail.outbox == []


def test_purge_after_retention_keeps_statistics(facility: Facility) -> None:
    ticket = book(facility, 1, name="Siti Aminah", phone="081234567890")
    old_day = timezone.localdate() - dt.timedelta(days=91)
    Ticket.objects.filter(pk=ticket.pk).update(service_date=old_day)
    recent = book(facility, 2, name="Budi")
    assert purge_personal_data() == 1
    ticket.refresh_from_db()
    assert (ticket.name, ticket.nik, ticket.phone) == ("", "", "")
    assert (ticket.number, ticket.channel) == (1, "web")
    assert ticket.purged_at is not None
    recent.refresh_from_db()
    assert recent.name == "Budi"
    assert purge_personal_data() == 0
    QueueParameter.objects.filter(key="retention_days").update(value=0)
    Ticket.objects.filter(pk=recent.pk).update(
        service_date=timezone.localdate() - dt.timedelta(days=1)
    )
    call_command("queue_purge", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recent.refresh_from_db()
    assert recent.name == ""
