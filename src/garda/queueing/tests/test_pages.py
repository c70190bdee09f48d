"""The people's pages, the kiosk, the display feed, the staff console and the booking API,
through the real URLs."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from garda.core.identity import make_nik
from garda.core.models import User
from garda.core.testing import login_client, make_user
from garda.queueing.models import Counter, Facility, Ticket, TicketStatus

pytestmark = pytest.mark.django_db

NIK = "1571010101010001"


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def book(client: Client, facility: Facility, **extra: str) -> Any:
    data = {
        "poli": str(facility.polis.get(bpjs_code="001").pk),
        "service_date": timezone.localdate().isoformat(),
        "identity_kind": "nik",
        "identity_number": NIK,
        "name": "Siti Aminah Lubis",
        "phone": "081234567890",
        **extra,
    }
    return client.post(reverse("queueing:book", args=[facility.code]), data)


def test_book_see_code_qr_and_masked_identity_then_cancel(facility: Facility) -> None:
    client = Client()
    page = client.get(reverse("queueing:book", args=[facility.code]))
    assert page.status_code == 200
    assert "Poli Gigi" in page.content.decode()
    response = book(client, facility)
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert response["Location"].startswith(reverse("queueing:ticket", args=[ticket.booking_code]))
    html = client.get(response["Location"]).content.decode()
    assert ticket.booking_code in html
    assert "A-1" in html
    assert "<svg" in html  # the QR
    assert NIK not in html
    assert "081234567890" not in html
    assert "Siti Aminah" not in html
    assert "************0001" in html
    assert "S*** A*** L***" in html
    status = client.get(reverse("queueing:ticket_status", args=[ticket.booking_code]))
    assert "Perkiraan dipanggil" in status.content.decode()
    client.post(reverse("queueing:ticket_cancel", args=[ticket.booking_code]), {"reason": ""})
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CANCELLED


def test_booking_errors_show_on_the_form(facility: Facility) -> None:
    client = Client()
    book(client, facility)
    again = book(client, facility)
    assert again.status_code == 200
    assert "1 kali per poli" in again.content.decode()
    bad = book(client, facility, identity_number="123")
    assert "16 digit" in bad.content.decode()


def test_booking_is_rate_limited_per_address(facility: Facility, settings: Any) -> None:
    settings.GARDA_QUEUE_BOOKINGS_PER_HOUR = 1
    client = Client()
    book(client, facility)
    refused = book(client, facility, identity_number="1571010101010002")
    assert "Terlalu banyak" in refused.content.decode()
    assert Ticket.objects.count() == 1


def test_kiosk_check_in_by_code_or_scanned_url_and_walk_in(facility: Facility) -> None:
    client = Client()
    book(client, facility)
    ticket = Ticket.objects.get()
    assert client.get(reverse("queueing:kiosk", args=[facility.code])).status_code == 200
    scanned = f"http://garda.test/antrean/tiket/{ticket.booking_code.lower()}/"
    response = client.post(
        reverse("queueing:kiosk_check_in", args=[facility.code]), {"code": scanned}
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CHECKED_IN
    receipt = client.get(response["Location"]).content.decode()
    assert "A-1" in receipt
    assert "data-print-on-load" in receipt
    walk = client.post(
        reverse("queueing:kiosk_walk_in", args=[facility.code]),
        {"poli": str(facility.polis.get(bpjs_code="002").pk), "priority": "lansia"},
    )
    walk_in = Ticket.objects.get(channel="kiosk")
    assert walk["Location"].endswith(f"/{walk_in.booking_code}/")
    assert (walk_in.display_number, walk_in.priority) == ("B-1", "lansia")
    unknown = client.post(reverse("queueing:kiosk_check_in", args=[facility.code]), {"code": "X"})
    assert unknown.status_code == 302


def test_console_calls_and_display_feed_announces(facility: Facility, petugas: User) -> None:
    public = Client()
    book(public, facility)
    ticket = Ticket.objects.get()
    staff = login_client(petugas)
    home = staff.get(reverse("queueing:console_home"))
    assert home.status_code == 302  # one facility: straight to it
    page = staff.get(home["Location"])
    assert "Lapor hadir" in page.content.decode()
    staff.post(
        reverse("queueing:console_check_in", args=[facility.code]), {"code": ticket.booking_code}
    )
    counter = Counter.objects.get(poli__facility=facility, poli__bpjs_code="001")
    console = staff.get(reverse("queueing:console_counter", args=[facility.code, counter.pk]))
    html = console.content.decode()
    assert 'data-shortcut="n"' in html
    assert NIK not in html
    feed_url = reverse("queueing:display_feed", args=[facility.code])
    feed_before = public.get(feed_url).json()
    assert feed_before["announcements"] == []
    call = reverse("queueing:console_action", args=[facility.code, counter.pk, "panggil"])
    staff.post(call)
    assert public.get(feed_url).json() == feed_before  # the TVs' one-second cache
    cache.clear()  # a second later
    console = staff.get(reverse("queueing:console_counter", args=[facility.code, counter.pk]))
    assert NIK in console.content.decode()  # staff see the full identity of the called patient
    feed = public.get(reverse("queueing:display_feed", args=[facility.code])).json()
    assert feed["announcements"][0]["number"] == "A-1"
    assert feed["announcements"][0]["poli"] == "Poli Umum"
    assert feed["polis"][0]["now_calling"] == "A-1"
    recall = reverse("queueing:console_action", args=[facility.code, counter.pk, "ulang"])
    staff.post(recall, {"ticket": ticket.pk})
    cache.clear()
    feed = public.get(reverse("queueing:display_feed", args=[facility.code])).json()
    assert feed["announcements"][0]["key"].endswith(":1")  # a recall is announced again
    for action in ("mulai", "selesai"):
        url = reverse("queueing:console_action", args=[facility.code, counter.pk, action])
        staff.post(url, {"ticket": ticket.pk})
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE
    display = public.get(reverse("queueing:display", args=[facility.code])).content.decode()
    assert "display.js" in display
    assert "<script>" not in display


def test_console_of_another_facility_is_hidden(facility: Facility) -> None:
    stranger = make_user(role="petugas_faskes")
    response = login_client(stranger).get(
        reverse("queueing:console_facility", args=[facility.code])
    )
    assert response.status_code == 404


def test_public_facility_page_and_board(facility: Facility) -> None:
    client = Client()
    page = client.get(reverse("queueing:facility", args=[facility.code]))
    assert page.status_code == 200
    assert "Perkiraan tunggu" in page.content.decode()
    index = client.get(reverse("queueing:index"), {"q": facility.code})
    assert facility.name in index.content.decode()


def test_booking_api(facility: Facility, settings: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    body = {
        "poli": facility.polis.get(bpjs_code="003").pk,
        "service_date": timezone.localdate().isoformat(),
        "name": "Budi Santoso",
        "card_number": "0001234567890",
    }
    created = client.post("/api/v1/queue/tickets/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["display_number"] == "C-1"
    assert data["identity"] == "*********7890"
    assert data["name"] == "B*** S***"
    again = client.post("/api/v1/queue/tickets/", body, content_type="application/json")
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert "1 kali" in again.json()["detail"]
    status = client.get(f"/api/v1/queue/tickets/{data['booking_code']}/")
    assert status.json()["people_ahead"] == 0
    assert client.get("/api/v1/queue/tickets/ZZZZZZZZ/").status_code == 404
    settings.GARDA_QUEUE_BOOKINGS_PER_HOUR = 2
    body["card_number"] = "0001234567891"
    assert (
        client.post("/api/v1/queue/tickets/", body, content_type="application/json").status_code
        == 429
    )


def test_staff_issue_a_ticket_at_the_loket(facility: Facility, petugas: User) -> None:
    staff = login_client(petugas)
    response = staff.post(
        reverse("queueing:console_issue", args=[facility.code]),
        {"poli": facility.polis.get(bpjs_code="003").pk, "priority": "ibu_hamil",
         "name": "Nur Aini", "card_number": "", "nik": ""},
    )  # fmt: skip
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert (ticket.channel, ticket.status, ticket.display_number) == ("staff", "checked_in", "C-1")
    page = staff.get(response["Location"]).content.decode()
    assert f"kode {ticket.booking_code}" in page


def test_booking_api_answer_matches_the_status_read(facility: Facility) -> None:
    """The booking answer is built from the issue itself (no query); it must say what a read
    of the same ticket says."""
    client = Client()
    body = {
        "poli": facility.polis.get(bpjs_code="001").pk,
        "service_date": timezone.localdate().isoformat(),
        "name": "Siti Aminah",
        "nik": make_nik(77),
    }
    client.post("/api/v1/queue/tickets/", {**body, "nik": make_nik(78)},
                content_type="application/json")  # fmt: skip
    created = client.post("/api/v1/queue/tickets/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    answer = created.json()
    read = client.get(f"/api/v1/queue/tickets/{answer['booking_code']}/").json()
    assert answer.pop("estimated_call_at") is not None
    assert read.pop("estimated_call_at") is not None
    assert answer == read
    assert answer["people_ahead"] == 1
