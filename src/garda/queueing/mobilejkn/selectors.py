"""Reads of the bridge: a facility's bridge by code (the hot path of every Mobile JKN call),
the bridges and outbox an admin may see, whether a card is known to a facility."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet

from garda.core.cache import machine_scope, scoped_key
from garda.core.hotsql import hot_cursor
from garda.queueing.mobilejkn.models import FacilityBridge, OutboxMessage, OutboxStatus, Patient
from garda.queueing.models import Facility, Poli, Ticket, TicketStatus
from garda.queueing.policy import facilities_visible_to

BRIDGE_CACHE_S = 5


def bridge_cache_key(code: str) -> str:
    """Through core's cache helper, under the facility's machine scope (an internal lookup
    of credentials, never shown to anyone)."""
    return scoped_key(machine_scope("mobilejkn-bridge", code), ["bridge"], per_language=False)


def bridge_for_code(code: str) -> FacilityBridge | None:
    """The bridge with its facility: every Mobile JKN call needs it, and `antrean/status` is
    polled constantly, so it is cached briefly. Services drop the entry when the credentials
    change; with a cache per process (locmem) another process may accept a revoked token for
    at most BRIDGE_CACHE_S seconds."""
    key = bridge_cache_key(code)
    cached = cache.get(key)
    if cached is not None:
        return cached if isinstance(cached, FacilityBridge) else None
    bridge = (
        FacilityBridge.objects.select_related("facility")
        .filter(facility__code=code, facility__is_active=True)
        .first()
    )
    cache.set(key, bridge if bridge is not None else "none", BRIDGE_CACHE_S)
    return bridge


def facilities_for_bridge_admin(user: Any) -> QuerySet[Facility]:
    return facilities_visible_to(user).select_related("bridge").order_by("code")


def facility_for_bridge_admin(user: Any, code: str) -> Facility | None:
    return facilities_for_bridge_admin(user).filter(code=code).first()


def outbox_list(user: Any, *, status: str = "") -> QuerySet[OutboxMessage]:
    facilities = facilities_visible_to(user)
    queryset = OutboxMessage.objects.filter(facility__in=facilities).select_related("facility")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-id")


def outbox_counts(user: Any) -> dict[str, int]:
    facilities = facilities_visible_to(user)
    counts = OutboxMessage.objects.filter(facility__in=facilities).aggregate(
        pending=Count("pk", filter=Q(status=OutboxStatus.PENDING)),
        sent=Count("pk", filter=Q(status=OutboxStatus.SENT)),
        failed=Count("pk", filter=Q(status=OutboxStatus.FAILED)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def known_patient(facility_id: int, card_number: str) -> tuple[bool, str]:
    """(known, name): registered through POST /peserta, or seen at an earlier visit."""
    patient = (
        Patient.objects.filter(facility_id=facility_id, card_number=card_number)
        .values_list("name", flat=True)
        .first()
    )
    if patient is not None:
        return True, patient
    earlier = (
        Ticket.objects.filter(facility_id=facility_id, card_number=card_number)
        .order_by("-id")
        .values_list("name", flat=True)
        .first()
    )
    return earlier is not None, earlier or ""


@dataclass(frozen=True)
class TakeContext:
    poli_id: int
    poli_name: str
    known: bool  # the card is registered here or was seen at an earlier visit
    name: str  # the participant's name as known here


def take_context(facility_id: int, kodepoli: str, card_number: str) -> TakeContext | None:
    """Ambil antrean's reads in one query: the active poli by its BPJS code and what this
    puskesmas knows of the card (`known_patient`'s rule); None when no such active poli.
    Plain SQL: the ORM's version of this query cost more CPU than the rest of the call."""
    quote = connection.ops.quote_name
    sql = f"""
        SELECT p.id, p.name,
               (SELECT pt.name FROM {quote(Patient._meta.db_table)} pt
                WHERE pt.facility_id = %s AND pt.card_number = %s ORDER BY pt.id LIMIT 1),
               (SELECT t.name FROM {quote(Ticket._meta.db_table)} t
                WHERE t.facility_id = %s AND t.card_number = %s ORDER BY t.id DESC LIMIT 1)
        FROM {quote(Poli._meta.db_table)} p
        WHERE p.facility_id = %s AND p.bpjs_code = %s AND p.is_active
    """  # noqa: S608  # table names from the models, values are parameters
    with hot_cursor() as cursor:  # prepared on PostgreSQL (core.hotsql)
        cursor.execute(
            sql, [facility_id, card_number, facility_id, card_number, facility_id, kodepoli]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    poli_id, poli_name, patient_name, earlier_name = row
    if patient_name is not None:
        return TakeContext(poli_id, poli_name, True, patient_name)
    return TakeContext(poli_id, poli_name, earlier_name is not None, earlier_name or "")


def ticket_of_card(*, poli_id: int, service_date: dt.date, card_number: str) -> Ticket | None:
    """The card's ticket of that poli and day that was not cancelled (served ones included:
    a cancel must be told "sudah dilayani", not "tidak ditemukan")."""
    return (
        Ticket.objects.select_related("poli", "facility")
        .filter(poli_id=poli_id, service_date=service_date, card_number=card_number)
        .exclude(status=TicketStatus.CANCELLED)
        .order_by("-id")
        .first()
    )


def now_calling(poli: Poli, service_date: dt.date) -> str:
    """The number called last in the poli that day ("A-21"), or "". The same rule as the
    core's `poli_day_status().now_calling`, in one query: answers to ambil antrean and
    sisapeserta need only this, not the whole day status with its per-doctor reads."""
    number = (
        Ticket.objects.filter(poli_id=poli.pk, service_date=service_date, called_at__isnull=False)
        .order_by("-called_at", "-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{poli.prefix}-{number}" if number else ""
