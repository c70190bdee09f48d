"""The outbox: what the puskesmas owes BPJS, written with the ticket change, sent later.

`record_ticket_event` is subscribed to the queue core's events (apps.py). It runs inside the
core's transaction, so an outbox row exists exactly when the ticket change does, and it never
talks to BPJS itself: a BPJS outage cannot slow or block taking a number. `outbox_deliver_due`
sends what is due, one message at a time, and reschedules failures with exponential backoff.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.queueing.mobilejkn.client import (
    BpjsAntreanClient,
    BpjsCallFailed,
    BpjsCredentials,
    HttpBpjsClient,
    send,
)
from garda.queueing.mobilejkn.models import FacilityBridge, OutboxMessage, OutboxStatus
from garda.queueing.models import Ticket

logger = logging.getLogger(__name__)

FIRST_RETRY_S = 30
MAX_RETRY_S = 3600
MAX_ATTEMPTS = 20  # ~ a day of retries at the cap: longer than any BPJS outage seen

# Set while the bridge serves Mobile JKN: BPJS already knows what Mobile JKN itself did, so
# those changes are not echoed back through the outbox.
_from_mobilejkn: ContextVar[bool] = ContextVar("from_mobilejkn", default=False)


@contextmanager
def serving_mobilejkn() -> Any:
    token = _from_mobilejkn.set(True)
    try:
        yield
    finally:
        _from_mobilejkn.reset(token)


def backoff_seconds(attempts: int) -> int:
    """30 s, 60 s, 120 s … capped at an hour."""
    return int(min(MAX_RETRY_S, FIRST_RETRY_S * 2 ** max(0, attempts - 1)))


def _jampraktek(ticket: Ticket) -> str:
    doctor = ticket.doctor
    if doctor is None:
        return ""
    return f"{doctor.practice_start:%H:%M}-{doctor.practice_end:%H:%M}"


def payload_for(kind: str, ticket: Ticket, *, at: dt.datetime) -> tuple[str, dict[str, Any]] | None:
    """The BPJS call a ticket event owes, or None. Only BPJS participants (with a card) are
    reported; a ticket taken in Mobile JKN is already known to BPJS."""
    if not ticket.card_number:
        return None
    base = {
        "tanggalperiksa": ticket.service_date.isoformat(),
        "kodepoli": ticket.poli.bpjs_code,
        "nomorkartu": ticket.card_number,
    }
    if kind == "issued" and ticket.channel != "mobilejkn":
        doctor = ticket.doctor
        return "antrean/add", {
            **base,
            "nik": ticket.nik,
            "nohp": ticket.phone,
            "namapoli": ticket.poli.name,
            "norm": ticket.norm,
            "kodedokter": doctor.bpjs_code if doctor else 0,
            "namadokter": doctor.name if doctor else "",
            "jampraktek": _jampraktek(ticket),
            "nomorantrean": ticket.display_number,
            "angkaantrean": ticket.number,
            "keterangan": "",
        }
    epoch_ms = int(at.timestamp() * 1000)
    if kind == "serving":
        return "antrean/panggil", {**base, "status": 1, "waktu": epoch_ms}  # 1 = hadir
    if kind == "no_show":
        return "antrean/panggil", {**base, "status": 2, "waktu": epoch_ms}  # 2 = tidak hadir
    if kind == "cancelled":
        return "antrean/batal", {**base, "alasan": ticket.cancel_reason or "Dibatalkan"}
    return None


def record_ticket_event(kind: str, ticket: Ticket) -> None:
    """Listener on garda.queueing.events: one outbox row per call owed (same transaction)."""
    if _from_mobilejkn.get() or not ticket.card_number:
        return
    sends = FacilityBridge.objects.filter(facility_id=ticket.facility_id, outbound_enabled=True)
    if not sends.exists():
        return
    now = timezone.now()
    owed = payload_for(kind, ticket, at=now)
    if owed is None:
        return
    call, payload = owed
    OutboxMessage.objects.create(
        facility_id=ticket.facility_id,
        ticket=ticket,
        kind=call,
        payload=payload,
        next_attempt_at=now,
    )
    transaction.on_commit(_kick_delivery)


def _kick_delivery() -> None:
    from garda.queueing.mobilejkn.tasks import deliver_outbox  # the task calls this module

    try:
        deliver_outbox.enqueue()
    except Exception:  # a task queue hiccup must not fail a ticket that already committed
        logger.exception("could not enqueue Mobile JKN outbox delivery; the command will")


def client_for(bridge: FacilityBridge) -> BpjsAntreanClient:
    return HttpBpjsClient(
        BpjsCredentials(
            base_url=bridge.bpjs_base_url,
            cons_id=bridge.cons_id,
            secret=bridge.cons_secret,
            user_key=bridge.user_key,
        )
    )


@dataclass
class DeliveryReport:
    sent: int = 0
    retry: int = 0
    failed: int = 0
    next_due: dt.datetime | None = None


def outbox_deliver_due(
    *,
    now: dt.datetime | None = None,
    limit: int = 200,
    client_factory: Callable[[FacilityBridge], BpjsAntreanClient] = client_for,
) -> DeliveryReport:
    """Send every due message, oldest first. Each message is locked (skipped if another worker
    holds it), sent and updated in its own transaction."""
    now = now or timezone.now()
    report = DeliveryReport()
    bridges: dict[int, FacilityBridge] = {}
    due_ids = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    for message_id in due_ids:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message_id, status=OutboxStatus.PENDING)
                .first()
            )
            if message is None:
                continue
            bridge = bridges.get(message.facility_id)
            if bridge is None:
                bridge = FacilityBridge.objects.get(facility_id=message.facility_id)
                bridges[message.facility_id] = bridge
            _deliver_one(message, client_factory(bridge), now, report)
    report.next_due = (
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return report


def _deliver_one(
    message: OutboxMessage, client: BpjsAntreanClient, now: dt.datetime, report: DeliveryReport
) -> None:
    message.attempts += 1
    try:
        send(client, message.kind, message.payload)
    except BpjsCallFailed as error:
        message.last_error = str(error)[:2000]
        if error.retry and message.attempts < MAX_ATTEMPTS:
            message.next_attempt_at = now + dt.timedelta(seconds=backoff_seconds(message.attempts))
            report.retry += 1
        else:
            message.status = OutboxStatus.FAILED
            report.failed += 1
            logger.warning("BPJS %s #%s gave up: %s", message.kind, message.pk, error)
    else:
        message.status = OutboxStatus.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        report.sent += 1
    message.save(update_fields=["attempts", "status", "next_attempt_at", "last_error", "sent_at"])


@transaction.atomic
def outbox_retry(*, actor: User | None, message_id: int) -> OutboxMessage:
    """An admin sends a failed message again (e.g. after fixing the credentials)."""
    message = OutboxMessage.objects.select_for_update().get(pk=message_id)
    message.status = OutboxStatus.PENDING
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["status", "next_attempt_at"])
    audit_record(actor=actor, action="mobilejkn.outbox_retry", target=message)
    transaction.on_commit(_kick_delivery)
    return message
