"""The kiosk and the waiting room's TV as patients meet them (issue 16): a kiosk without the
site menu, a printed QR that scales to its box, a board with next numbers and the date."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from garda.queueing.models import Poli, Ticket
from garda.queueing.testing import make_facility

pytestmark = pytest.mark.django_db


def _walk_in(client: Client, code: str, poli: Poli) -> Ticket:
    response = client.post(f"/antrean/{code}/anjungan/ambil/", {"poli": poli.pk, "priority": ""})
    assert response.status_code == 302
    return Ticket.objects.filter(poli=poli).latest("pk")


def test_kiosk_has_no_site_menu_and_its_printed_qr_scales() -> None:
    facility = make_facility()
    client = Client()
    kiosk = client.get(f"/antrean/{facility.code}/anjungan/").content.decode()
    assert "Navigasi utama" not in kiosk
    assert 'href="/anggaran/"' not in kiosk
    ticket = _walk_in(client, facility.code, facility.polis.get(prefix="A"))
    receipt = client.get(f"/antrean/{facility.code}/anjungan/tiket/{ticket.booking_code}/")
    html = receipt.content.decode()
    assert "Navigasi utama" not in html
    svg = re.search(r"<svg[^>]*>", html[html.index("queue-receipt-qr") :])
    assert svg is not None
    assert "viewBox" in svg.group(0)
    assert not re.search(r'\swidth="\d', svg.group(0))  # no fixed size to crop at 160 px


def test_board_shows_next_numbers_per_poli_and_the_date() -> None:
    facility = make_facility()
    client = Client()
    poli = facility.polis.get(prefix="A")
    tickets = [_walk_in(client, facility.code, poli) for _ in range(4)]
    feed = client.get(f"/antrean/{facility.code}/layar.json").json()
    row = next(p for p in feed["polis"] if p["prefix"] == "A")
    assert row["next_up"] == [t.display_number for t in tickets[:3]]
    page = client.get(f"/antrean/{facility.code}/layar/").content.decode()
    assert tickets[0].display_number in page
    assert str(timezone.localdate().year) in page[page.index('id="tanggal"') :][:80]
