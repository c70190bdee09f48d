"""One person, one active ticket per poli and day, whatever digits the number is typed in:
every path canonicalises through core.identity before the uniqueness check (decision 0010)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from garda.core.identity import make_nik
from garda.queueing.models import ACTIVE_STATUSES, Facility, Ticket

pytestmark = pytest.mark.django_db

CARD = "0001234567890"
NIK = make_nik(41)


def fullwidth(text: str) -> str:
    return "".join(chr(0xFF10 + int(ch)) for ch in text)


def arabic_indic(text: str) -> str:
    return "".join(chr(0x0660 + int(ch)) for ch in text)


def devanagari(text: str) -> str:
    return "".join(chr(0x0966 + int(ch)) for ch in text)


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _api(client: Client, facility: Facility, **identity: str) -> Any:
    body = {
        "poli": facility.polis.get(bpjs_code="001").pk,
        "service_date": timezone.localdate().isoformat(),
        "name": "Budi Santoso",
        **identity,
    }
    return client.post("/api/v1/queue/tickets/", body, content_type="application/json")


def _page(client: Client, facility: Facility, kind: str, number: str) -> Any:
    data = {
        "poli": str(facility.polis.get(bpjs_code="001").pk),
        "service_date": timezone.localdate().isoformat(),
        "identity_kind": kind,
        "identity_number": number,
        "name": "Siti Aminah",
    }
    return client.post(reverse("queueing:book", args=[facility.code]), data)


def _active() -> list[Ticket]:
    return list(Ticket.objects.filter(status__in=ACTIVE_STATUSES))


@pytest.mark.parametrize("spell", [fullwidth, arabic_indic, devanagari])
def test_api_same_card_in_other_digits_is_the_same_person(facility: Facility, spell: Any) -> None:
    client = Client()
    assert _api(client, facility, card_number=CARD).status_code == 201
    again = _api(client, facility, card_number=spell(CARD))
    assert again.status_code == 409, again.content
    assert [t.card_number for t in _active()] == [CARD]


@pytest.mark.parametrize("spell", [fullwidth, arabic_indic, devanagari])
def test_api_same_nik_in_other_digits_is_the_same_person(facility: Facility, spell: Any) -> None:
    client = Client()
    first = _api(client, facility, nik=spell(NIK))
    assert first.status_code == 201, first.content
    assert _api(client, facility, nik=NIK).status_code == 409
    assert [t.nik for t in _active()] == [NIK]  # stored canonical, whatever was typed


def test_page_same_card_fullwidth_then_ascii_gives_one_ticket(facility: Facility) -> None:
    client = Client()
    assert _page(client, facility, "bpjs", fullwidth(CARD)).status_code == 302
    again = _page(client, facility, "bpjs", CARD)
    assert again.status_code == 200
    assert "1 kali per poli" in again.content.decode()
    assert [t.card_number for t in _active()] == [CARD]


def test_page_same_nik_ascii_then_arabic_indic_gives_one_ticket(facility: Facility) -> None:
    client = Client()
    assert _page(client, facility, "nik", NIK).status_code == 302
    assert _page(client, facility, "nik", arabic_indic(NIK)).status_code == 200
    assert [t.nik for t in _active()] == [NIK]


@pytest.mark.parametrize("number", ["0" * 16, fullwidth("0" * 16)])
def test_all_zero_nik_is_refused_on_page_and_api(facility: Facility, number: str) -> None:
    client = Client()
    refused = _api(client, facility, nik=number)
    assert refused.status_code == 400
    assert refused.json()["code"] == "queue_invalid_identity"
    assert "nol" in _page(client, facility, "nik", number).content.decode()
    assert not Ticket.objects.exists()


def test_migration_canonicalises_tickets_and_keeps_a_colliding_active_one(
    facility: Facility,
) -> None:
    """Rows written before this change in other digits: rewritten, except an active ticket
    whose canonical number another active ticket of that poli and day holds (reported)."""
    client = Client()
    assert _api(client, facility, nik=NIK).status_code == 201
    kept = Ticket.objects.get()
    poli = kept.poli
    day = kept.service_date
    other = make_nik(42)

    def stored(number: int, **fields: Any) -> Ticket:
        return Ticket.objects.create(
            facility=facility, poli=poli, service_date=day, number=number, line_number=number,
            booking_code=f"OLD{number:05d}", channel="web",
            **fields,
        )  # fmt: skip

    duplicate = stored(2, nik=fullwidth(NIK), status="booked")
    done = stored(3, nik=arabic_indic(NIK), status="done")
    lone = stored(4, nik=devanagari(other), card_number=fullwidth(CARD), status="booked")
    migration = importlib.import_module("garda.queueing.migrations.0006_canonical_identity")
    migration.forwards(apps, None)
    for ticket in (duplicate, done, lone):
        ticket.refresh_from_db()
    assert duplicate.nik == fullwidth(NIK)  # left for staff to resolve, not cancelled
    assert duplicate.status == "booked"
    assert done.nik == NIK
    assert (lone.nik, lone.card_number) == (other, CARD)
