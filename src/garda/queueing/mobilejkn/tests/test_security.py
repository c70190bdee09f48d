"""Attacks from the security issue on the Mobile JKN bridge, through its real URLs: guessing
the password (item 10), booking a poli that takes no online bookings (item 13), the V2 status
that lost tickets without a doctor (item 14), who the bridge's actions are recorded as
(item 15) and numbers that must not make a 500 (item 11)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from garda.core.audit.models import AuditEntry
from garda.core.identity import make_nik
from garda.core.testing import login_client, make_user
from garda.queueing import services as queue_services
from garda.queueing.mobilejkn.inbound import MSG_LOGIN, MSG_NOT_ONLINE
from garda.queueing.mobilejkn.models import AuthFailures, FacilityBridge, Patient
from garda.queueing.mobilejkn.services import bridge_set_credentials
from garda.queueing.mobilejkn.tests.conftest import PASSWORD, USERNAME, Ws, open_day
from garda.queueing.models import Channel, Doctor, Facility, Poli, Ticket

CARD = "0001234567890"
NIK = "1571010101900001"
LOCKED = "Terlalu Banyak Percobaan Login Gagal"


def meta(body: dict[str, Any]) -> tuple[int, str]:
    return body["metadata"]["code"], body["metadata"]["message"]


def login(username: str = USERNAME, password: str = PASSWORD) -> dict[str, Any]:
    return Ws(client=Client(), code="PKM01", username=username).login(password)


def patient(facility: Facility) -> Patient:
    return Patient.objects.create(
        facility=facility, card_number=CARD, nik=NIK, family_card="1571010101900099",
        name="Siti Aminah", sex="P", birth_date=dt.date(1990, 1, 1),
    )  # fmt: skip


def take_body(kodepoli: str = "001", **extra: Any) -> dict[str, Any]:
    return {
        "nomorkartu": CARD, "nik": NIK, "kodepoli": kodepoli,
        "tanggalperiksa": open_day().isoformat(), "keluhan": "demam", **extra,
    }  # fmt: skip


# --- Item 10: guessing the password ---------------------------------------------------------


def test_thirty_wrong_passwords_then_the_right_one_is_refused(bridge: FacilityBridge) -> None:
    for _ in range(30):
        assert meta(login(password="tebakan-salah"))[0] == 201
    code, message = meta(login())
    assert code == 201
    assert message.startswith(LOCKED)
    assert message.endswith("Menit")
    cache.clear()  # counted in the database: no process or cache forgets it
    assert meta(login())[1].startswith(LOCKED)


def test_the_lockout_ends_after_the_cool_off(bridge: FacilityBridge) -> None:
    for _ in range(5):
        login(password="tebakan-salah")
    assert meta(login())[1].startswith(LOCKED)
    past = timezone.now() - dt.timedelta(minutes=16)
    AuthFailures.objects.update(window_start=past - dt.timedelta(minutes=15), locked_until=past)
    assert meta(login())[0] == 200


def test_a_locked_username_does_not_lock_another(bridge: FacilityBridge) -> None:
    for _ in range(30):
        login(username="penyerang", password="tebakan-salah")
    assert meta(login(username="penyerang"))[1].startswith(LOCKED)
    assert meta(login())[0] == 200  # the real username at the same puskesmas
    for _ in range(30):
        login(password="tebakan-salah")
    assert meta(login(username="lain", password="x")) == (201, MSG_LOGIN)


def test_successes_are_never_counted(bridge: FacilityBridge) -> None:
    for _ in range(4):
        login(password="tebakan-salah")
    for _ in range(10):
        assert meta(login())[0] == 200
    assert meta(login())[0] == 200


def test_limit_and_cool_off_are_settings(bridge: FacilityBridge, settings: Any) -> None:
    settings.GARDA_MOBILEJKN_AUTH_FAILURE_LIMIT = 2
    settings.GARDA_MOBILEJKN_AUTH_COOLOFF_MINUTES = 60
    login(password="salah-1")
    login(password="salah-2")
    assert meta(login()) == (201, f"{LOCKED}, Silakan Coba Lagi Dalam 60 Menit")


def test_new_credentials_lift_the_lockout(bridge: FacilityBridge) -> None:
    for _ in range(5):
        login(password="tebakan-salah")
    bridge_set_credentials(
        actor=None, facility_id=bridge.facility_id, username=USERNAME, password="sandi-baru-123"
    )
    assert meta(login(password="sandi-baru-123"))[0] == 200


def test_failures_are_audited_without_what_was_typed(bridge: FacilityBridge) -> None:
    login(username="sandi-di-kolom-nama", password="tebakan-salah")
    entry = AuditEntry.objects.filter(action="mobilejkn.auth_failed").get()
    assert entry.actor_label == "anonim"
    assert entry.after == {"failures": 1, "locked": False}
    stored = AuthFailures.objects.get().username_digest
    assert len(stored) == 64
    assert "sandi" not in stored


class CountingHasher(MD5PasswordHasher):
    """Counts the passwords hashed (verifying one hashes it too)."""

    algorithm = "counting_md5"
    calls: ClassVar[list[str]] = []

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.calls.append(password)
        return super().encode(password, salt)


def test_a_wrong_username_costs_a_hash_as_a_right_one_does(
    bridge: FacilityBridge, settings: Any
) -> None:
    """The timing leak, checked without a stopwatch: the answer's time is the hash's, so
    both answers must hash once, and say the same."""
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    bridge_set_credentials(
        actor=None, facility_id=bridge.facility_id, username=USERNAME, password=PASSWORD
    )
    CountingHasher.calls.clear()
    unknown = login(username="tidak-ada", password="tebakan-1")
    assert CountingHasher.calls == ["tebakan-1"]
    known = login(password="tebakan-2")
    assert CountingHasher.calls == ["tebakan-1", "tebakan-2"]
    assert meta(unknown) == meta(known) == (201, MSG_LOGIN)
    assert meta(login())[0] == 200


# --- Item 13: a poli that takes no online bookings ------------------------------------------


def test_mobilejkn_refuses_a_poli_not_bookable_online(ws: Ws, facility: Facility) -> None:
    facility.polis.create(bpjs_code="APT", name="Apotek", prefix="F", bookable=False)
    patient(facility)
    body = ws.send("POST", "antrean", take_body("APT"))
    assert meta(body) == (201, MSG_NOT_ONLINE)
    assert "response" not in body
    assert not Ticket.objects.exists()
    assert meta(ws.send("POST", "antrean", take_body("001")))[0] == 200  # the others still do


# --- Item 14: V2 status counts what V1 counts ------------------------------------------------


def test_v2_status_counts_tickets_without_a_doctor(ws: Ws, facility: Facility) -> None:
    poli = Poli.objects.get(facility=facility, bpjs_code="001")
    Doctor.objects.create(poli=poli, bpjs_code=101, name="dr. Ani")
    Doctor.objects.create(poli=poli, bpjs_code=102, name="dr. Budi")
    day = open_day()
    for i in range(7):
        queue_services.ticket_issue(
            actor=None, poli_id=poli.pk, service_date=day, channel=Channel.WEB,
            name="x", nik=make_nik(i),
        )  # fmt: skip
    v2 = ws.get(f"antrean/status/001/{day}")["response"]
    ws.prefix = "v1/"
    v1 = ws.get(f"antrean/status/001/{day}")["response"]
    assert (v1["totalantrean"], v1["sisaantrean"]) == ("7", 7)
    assert [(i["kodedokter"], i["totalantrean"], i["sisaantrean"]) for i in v2] == [
        (101, "7", 7), (102, "7", 7),
    ]  # fmt: skip
    assert all(i["antreanpanggil"] == v1["antreanpanggil"] for i in v2)


# --- Item 15: the bridge's actions in the audit log -----------------------------------------


def test_bridge_actions_are_sistem_with_their_channel(ws: Ws, facility: Facility) -> None:
    patient(facility)
    assert meta(ws.send("POST", "antrean", take_body()))[0] == 200
    issued = AuditEntry.objects.get(action="queue.ticket.issue")
    assert (issued.actor_label, issued.after["channel"]) == ("sistem", "mobilejkn")
    ws.send("PUT", "antrean/batal", {**take_body(), "keterangan": "batal"})
    cancelled = AuditEntry.objects.get(action="queue.ticket.cancel")
    assert (cancelled.actor_label, cancelled.after["channel"]) == ("sistem", "mobilejkn")


# --- Item 11: numbers that must not make a 500 ----------------------------------------------

BAD_NUMBERS = ["123456789012345678901234567890", "1000000000000000000", "-5", "abc", "²"]


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_bridge_numbers_never_500(ws: Ws, facility: Facility, value: str) -> None:
    ws.client.raise_request_exception = False
    patient(facility)
    for field in ("kodedokter", "nomorkartu", "nik", "kodepoli", "tanggalperiksa", "nohp"):
        body = ws.send("POST", "antrean", take_body(**{field: value}))
        assert meta(body)[0] == 201, (field, body)
    assert meta(ws.get(f"antrean/status/{value}/{open_day()}"))[0] == 201
    assert meta(ws.get(f"antrean/status/001/{value}"))[0] == 201
    assert meta(ws.get(f"antrean/sisapeserta/{value}/001/{open_day()}"))[0] == 201
    batal = ws.send("PUT", "antrean/batal", {**take_body(), "nomorkartu": value})
    assert meta(batal)[0] == 201
    admin = login_client(make_user(role="admin_provinsi"))
    admin.raise_request_exception = False
    for url in ("/jembatan-jkn/", "/jembatan-jkn/kiriman/"):
        assert admin.get(url, {"page": value, "status": value}).status_code == 200, url
