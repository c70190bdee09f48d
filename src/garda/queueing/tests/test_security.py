"""Attacks from the security issue on the queue, each reproduced through the real URLs:
online bookings of a poli that takes none (item 13), citizens' actions recorded as "sistem"
(item 15) and numbers that turned a page into a 500 (item 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from garda.core.audit.models import AuditEntry
from garda.core.errors import ValidationFailed
from garda.core.models import User
from garda.core.roles import Role
from garda.core.testing import login_client, make_user
from garda.queueing import services
from garda.queueing.errors import PoliNotBookable
from garda.queueing.models import Channel, Counter, Facility, Poli, Ticket, TicketStatus
from garda.queueing.testing import make_facility

pytestmark = pytest.mark.django_db

NIK = "1571010101010001"


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


@pytest.fixture
def apotek(facility: Facility) -> Poli:
    return facility.polis.create(bpjs_code="APT", name="Apotek", prefix="F", bookable=False)


def api_book(client: Client, target: Poli, **extra: Any) -> Any:
    body = {
        "poli": target.pk, "service_date": timezone.localdate().isoformat(),
        "name": "Siti", "nik": NIK, **extra,
    }  # fmt: skip
    return client.post("/api/v1/queue/tickets/", body, content_type="application/json")


# --- Item 13: a poli not bookable online ----------------------------------------------------


def test_api_refuses_a_poli_that_takes_no_online_bookings(apotek: Poli) -> None:
    response = api_book(Client(), apotek)
    assert response.status_code == 400
    assert response.json()["code"] == "queue_poli_not_bookable"
    assert "daring" in response.json()["detail"]
    assert not Ticket.objects.exists()


def test_page_refuses_it_too(facility: Facility, apotek: Poli) -> None:
    response = Client().post(
        reverse("queueing:book", args=[facility.code]),
        {"poli": str(apotek.pk), "service_date": timezone.localdate().isoformat(),
         "identity_kind": "nik", "identity_number": NIK, "name": "Siti"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.MOBILEJKN])
def test_the_issue_service_refuses_every_online_channel(apotek: Poli, channel: str) -> None:
    with pytest.raises(PoliNotBookable) as refused:
        services.ticket_issue(
            actor=None, poli_id=apotek.pk, service_date=timezone.localdate(),
            channel=channel, name="Siti", nik=NIK,
        )  # fmt: skip
    assert refused.value.message_en.startswith("This poli does not take online bookings")
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("channel", [Channel.KIOSK, Channel.STAFF])
def test_on_site_tickets_still_reach_it(apotek: Poli, petugas: User, channel: str) -> None:
    ticket = services.ticket_issue(
        actor=petugas, poli_id=apotek.pk, service_date=timezone.localdate(), channel=channel
    )
    assert ticket.poli_id == apotek.pk


# --- Item 15: the public's actions are "anonim", not "sistem" --------------------------------


def _last(action: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(action=action).order_by("-pk").first()
    assert entry is not None, action
    return entry


def test_signed_out_cancel_by_code_is_recorded_as_anonim(facility: Facility) -> None:
    client = Client()
    response = api_book(client, facility.polis.get(bpjs_code="001"))
    code = response.json()["booking_code"]
    assert _last("queue.ticket.issue").actor_label == "anonim"
    client.post(reverse("queueing:ticket_cancel", args=[code]), {"reason": ""})
    assert Ticket.objects.get().status == TicketStatus.CANCELLED
    entry = _last("queue.ticket.cancel")
    assert (entry.actor_label, entry.actor_id) == ("anonim", None)
    assert entry.after["channel"] == "web"


def test_booking_page_kiosk_check_in_and_walk_in_are_anonim(facility: Facility) -> None:
    client = Client()
    client.post(
        reverse("queueing:book", args=[facility.code]),
        {"poli": str(facility.polis.get(bpjs_code="001").pk),
         "service_date": timezone.localdate().isoformat(), "identity_kind": "nik",
         "identity_number": NIK, "name": "Siti"},
    )  # fmt: skip
    assert _last("queue.ticket.issue").actor_label == "anonim"
    ticket = Ticket.objects.get()
    client.post(
        reverse("queueing:kiosk_check_in", args=[facility.code]), {"code": ticket.booking_code}
    )
    assert _last("queue.ticket.check_in").actor_label == "anonim"
    client.post(
        reverse("queueing:kiosk_walk_in", args=[facility.code]),
        {"poli": str(facility.polis.get(bpjs_code="002").pk)},
    )
    assert Ticket.objects.filter(channel=Channel.KIOSK).exists()
    assert _last("queue.ticket.issue").actor_label == "anonim"


def test_a_signed_in_visitor_still_cancels_by_code(facility: Facility) -> None:
    """The public page acts on the booking code's authority: an account of another facility
    (or a citizen's own) neither blocks it nor is named for it."""
    other = make_user(role="petugas_faskes")
    response = api_book(Client(), facility.polis.get(bpjs_code="001"))
    code = response.json()["booking_code"]
    login_client(other).post(reverse("queueing:ticket_cancel", args=[code]), {"reason": ""})
    assert Ticket.objects.get().status == TicketStatus.CANCELLED
    assert _last("queue.ticket.cancel").actor_label == "anonim"


def test_staff_cancel_is_still_named_and_checked(facility: Facility, petugas: User) -> None:
    ticket = services.ticket_issue(
        actor=None, poli_id=facility.polis.get(bpjs_code="001").pk,
        service_date=timezone.localdate(), channel=Channel.WEB, name="Siti", nik=NIK,
    )  # fmt: skip
    services.ticket_cancel(actor=petugas, ticket_id=ticket.pk, reason="", channel=Channel.STAFF)
    assert _last("queue.ticket.cancel").actor_label == str(petugas)


# --- Item 11: no number makes a 500 ---------------------------------------------------------

HUGE = "123456789012345678901234567890"
BAD_NUMBERS = [HUGE, "1000000000000000000", "-5", "abc", "²", "1e3"]


def _client(user: User | None = None) -> Client:
    client = login_client(user) if user is not None else Client()
    client.raise_request_exception = False
    return client


def _ok(response: Any, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"


@pytest.fixture
def admin() -> User:
    return make_user(role="admin_provinsi")


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_public_numbers_never_500(facility: Facility, value: str) -> None:
    client = _client()
    poli = facility.polis.get(bpjs_code="001")
    _ok(client.get(reverse("queueing:index"), {"kabupaten": value}), "index kabupaten")
    book_url = reverse("queueing:book", args=[facility.code])
    _ok(client.post(book_url, {"poli": value, "identity_number": NIK}), "book poli")
    walk_url = reverse("queueing:kiosk_walk_in", args=[facility.code])
    _ok(client.post(walk_url, {"poli": value}), "walk-in poli")
    for field in ("poli", "nik", "card_number", "phone"):
        response = api_book(client, poli, **{field: value})
        _ok(response, f"api {field}")
        assert response.status_code in (201, 400, 404), (field, response.status_code)
    assert client.get(f"/antrean/{facility.code}/anjungan/").status_code == 200


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_manage_numbers_never_500(facility: Facility, admin: User, value: str) -> None:
    client = _client(admin)
    facility_url = reverse("queueing:manage_facility", args=[facility.code])
    pages = [
        facility_url, reverse("queueing:book", args=[facility.code]),
        reverse("queueing:kiosk", args=[facility.code]), reverse("queueing:manage_list"),
        reverse("queueing:facility", args=[facility.code]),
    ]  # fmt: skip

    def post(url: str, data: dict[str, str], where: str) -> None:
        # Whatever a form accepted must leave every page of the facility working.
        _ok(client.post(url, data), where)
        for page in pages:
            _ok(client.get(page), f"{page} after {where}")

    parameter = reverse("queueing:manage_parameter", args=["retention_days"])
    response = client.post(parameter, {"value": value})
    _ok(response, "parameter")
    assert response.status_code == 200  # the form again, with its error
    facility_data = {
        "code": facility.code, "name": facility.name, "kabupaten": str(facility.kabupaten_id),
        "unit": str(facility.unit_id), "booking_horizon_days": "7", "priority_every": "3",
        "late_places": "2", "is_active": "on",
    }  # fmt: skip
    assert client.post(facility_url, facility_data).status_code == 302  # the baseline is valid
    for name in ["kabupaten", "unit", "booking_horizon_days", "priority_every", "late_places"]:
        post(facility_url, {**facility_data, name: value}, f"facility {name}")
    rule_url = reverse("queueing:manage_rule", args=[facility.code])
    for name in ["people_ahead", "minutes_before"]:
        post(rule_url, {"people_ahead": "3", "minutes_before": "15", name: value}, name)
    poli_url = reverse(
        "queueing:manage_part", args=[facility.code, "poli", facility.polis.get(bpjs_code="001").pk]
    )
    poli_data = {
        "bpjs_code": "001", "name": "Poli Umum", "prefix": "A", "quota_online": "5",
        "quota_onsite": "5", "default_service_minutes": "8", "bookable": "on", "is_active": "on",
    }  # fmt: skip
    assert client.post(poli_url, poli_data).status_code == 302
    for name in ["quota_online", "quota_onsite", "default_service_minutes"]:
        post(poli_url, {**poli_data, name: value}, f"poli {name}")
    doctor_url = reverse("queueing:manage_part_new", args=[facility.code, "dokter"])
    doctor_data = {
        "poli": str(facility.polis.get(bpjs_code="001").pk), "bpjs_code": "77",
        "name": "dr. Uji", "practice_start": "08:00", "practice_end": "12:00",
    }  # fmt: skip
    for name in ["poli", "bpjs_code"]:
        post(doctor_url, {**doctor_data, name: value}, f"doctor {name}")
    _ok(client.get(f"/antrean/kelola/{facility.code}/poli/{HUGE}/"), "part pk")


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_console_and_analytics_numbers_never_500(
    facility: Facility, petugas: User, value: str
) -> None:
    client = _client(petugas)
    counter = Counter.objects.get(poli__facility=facility, poli__bpjs_code="001")
    for action in ("ulang", "lewati", "rujuk"):
        url = reverse("queueing:console_action", args=[facility.code, counter.pk, action])
        _ok(client.post(url, {"ticket": value, "to_poli": value}), f"console {action}")
    ticket = services.ticket_issue(
        actor=None, poli_id=counter.poli_id, service_date=timezone.localdate(),
        channel=Channel.KIOSK,
    )  # fmt: skip
    url = reverse("queueing:console_action", args=[facility.code, counter.pk, "rujuk"])
    _ok(client.post(url, {"ticket": str(ticket.pk), "to_poli": value}), "rujuk to_poli")
    _ok(client.get(f"/antrean/petugas/{facility.code}/loket/{HUGE}/"), "counter id")
    staff = client.post(
        reverse("queueing:console_issue", args=[facility.code]),
        {"poli": value, "nik": value, "card_number": value},
    )
    _ok(staff, "console issue")
    analytics = reverse("queueing:analytics_facility", args=[facility.code])
    for params in ({"poli": value}, {"dari": value}, {"sampai": value}):
        _ok(client.get(analytics, params), f"analytics {params}")
    for params in ({"sampai": "0001-01-01"}, {"dari": "9999-12-31"}, {"sampai": "9999-12-31"}):
        _ok(client.get(analytics, params), f"analytics {params}")
        _ok(client.get(reverse("queueing:analytics"), params), f"province {params}")


@pytest.mark.parametrize("code", ["A/B", "PKM 01", "=cmd|' /C calc'!A0", "../../etc", "X" * 21])
def test_a_facility_code_that_cannot_be_part_of_a_url_is_refused(code: str) -> None:
    """The fuzz stored "=cmd|' /C calc'!A0" as a facility code; every queue page linking the
    facility then answered 500 (its URLs could not be built)."""
    facility = make_facility()
    admin = make_user(role=Role.ADMIN_PROVINSI)
    with pytest.raises(ValidationFailed) as refused:
        services.facility_save(actor=admin, facility_id=facility.pk, values={"code": code})
    assert refused.value.code == "facility_code_invalid"
    assert Facility.objects.get(pk=facility.pk).code == facility.code
    assert Client().get(reverse("queueing:index")).status_code == 200
