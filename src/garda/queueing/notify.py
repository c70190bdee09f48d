"""Telling a patient their turn is near, once per ticket, through adapters: email (Django
mail) and an SMS/WhatsApp HTTP gateway. The thresholds are the facility's NotificationRule
row (N people ahead or M minutes to the estimated call, whichever comes first).

After every call of a poli, `schedule_check` queues a background check once the call has
committed; the check claims each due ticket with one conditional UPDATE (notified_at from
NULL to now), so two workers never notify the same ticket twice."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Protocol

import requests
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from garda.queueing import conf
from garda.queueing.eta import minutes_per_patient, open_counters
from garda.queueing.models import (
    WAITING_STATUSES,
    Facility,
    NotificationRule,
    Poli,
    Ticket,
)
from garda.queueing.schedule import hours_on, local_datetime
from garda.queueing.services import notice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    people_ahead: int
    minutes_before: int
    enabled: bool


def rule_for(facility: Facility | int) -> Rule:
    facility_id = facility if isinstance(facility, int) else facility.pk
    row = NotificationRule.objects.filter(facility_id=facility_id).first()
    if row is None:
        return Rule(people_ahead=3, minutes_before=15, enabled=True)
    return Rule(row.people_ahead, row.minutes_before, row.enabled)


class Adapter(Protocol):
    name: str

    def send(self, ticket: Ticket, text: str) -> bool: ...


class EmailAdapter:
    name = "email"

    def send(self, ticket: Ticket, text: str) -> bool:
        if not ticket.email:
            return False
        subject = f"Antrean {ticket.display_number} segera dipanggil"
        return bool(send_mail(subject, text, None, [ticket.email]))


class HttpGatewayAdapter:
    """POSTs {"to", "message", "channel"} as JSON with a bearer token to the gateway set in
    GARDA_QUEUE_GATEWAY_URL (an SMS or WhatsApp provider's relay). Unset: nothing is sent."""

    name = "gateway"

    def send(self, ticket: Ticket, text: str) -> bool:
        url = conf.get("GARDA_QUEUE_GATEWAY_URL")
        if not url or not ticket.phone:
            return False
        token = conf.get("GARDA_QUEUE_GATEWAY_TOKEN")
        channel = conf.get("GARDA_QUEUE_GATEWAY_CHANNEL")
        response = requests.post(
            url,
            json={"to": ticket.phone, "message": text, "channel": channel},
            headers={"Authorization": f"Bearer {token}"} if token else {},
            timeout=10,
        )
        return response.status_code < 300


def adapters() -> list[Adapter]:
    return [EmailAdapter(), HttpGatewayAdapter()]


def message_for(ticket: Ticket, *, ahead: int, eta: dt.datetime | None) -> str:
    when = f" sekitar pukul {timezone.localtime(eta):%H.%M} WIB" if eta else ""
    return (
        f"Garda: antrean {ticket.display_number} di {ticket.poli.name} "
        f"{ticket.facility.name} akan segera dipanggil{when} ({ahead} orang lagi). "
        "Mohon segera menuju puskesmas dan lapor hadir di anjungan."
    )


def due_tickets(*, poli_id: int, service_date: dt.date) -> list[tuple[Ticket, int, dt.datetime]]:
    """Waiting tickets with a contact, not yet told, that reached a threshold."""
    poli = Poli.objects.select_related("facility").get(pk=poli_id)
    rule = rule_for(poli.facility_id)
    hours = hours_on(poli.facility_id, service_date)
    if not rule.enabled or hours is None:
        return []
    now = timezone.now()
    base = max(now, local_datetime(service_date, hours.opens))
    per_person = minutes_per_patient(poli) / open_counters(poli)
    waiting = list(
        Ticket.objects.select_related("poli", "facility")
        .filter(poli=poli, service_date=service_date, status__in=WAITING_STATUSES)
        .order_by("line_number", "number")
    )
    due = []
    for ahead, ticket in enumerate(waiting):
        eta = base + dt.timedelta(minutes=ahead * per_person)
        near = ahead <= rule.people_ahead or eta <= now + dt.timedelta(minutes=rule.minutes_before)
        if not near:
            break  # the rest are further back
        if ticket.notified_at is None and (ticket.phone or ticket.email):
            due.append((ticket, ahead, eta))
    return due


def notify_upcoming(*, poli_id: int, service_date: dt.date) -> int:
    """Send the due notices of one poli and day; returns how many tickets were told."""
    told = 0
    for ticket, ahead, eta in due_tickets(poli_id=poli_id, service_date=service_date):
        if not notice.ticket_notice_claim(ticket=ticket):
            continue
        text = message_for(ticket, ahead=ahead, eta=eta)
        for adapter in adapters():
            try:
                adapter.send(ticket, text)
            except (requests.RequestException, OSError):
                # Never the phone or address: the ticket number says which notice failed.
                log.warning("queue notice via %s failed for ticket %s", adapter.name, ticket.pk)
        told += 1
    return told


def schedule_check(*, poli_id: int, service_date: dt.date) -> None:
    """Queue a check after the caller's transaction commits (never blocks a call)."""
    from garda.queueing.tasks import notify_upcoming_task  # tasks import us

    transaction.on_commit(
        lambda: notify_upcoming_task.enqueue(poli_id=poli_id, service_date=service_date.isoformat())
    )
