"""Credentials and outbound settings by an admin (page and command); the outbox page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.test import Client

from garda.core.audit.models import AuditEntry
from garda.core.testing import login_client, make_user
from garda.queueing.mobilejkn.models import FacilityBridge, OutboxMessage, OutboxStatus
from garda.queueing.mobilejkn.tests.conftest import Ws
from garda.queueing.models import Facility
from garda.queueing.testing import make_facility


def test_command_sets_hashed_credentials_that_mobilejkn_can_use(facility: Facility) -> None:
    out = StringIO()
    call_command(
        "mobilejkn_credentials", facility.code, "--username", "jkn", "--password",
        "sandi-panjang-1", stdout=out,
    )  # fmt: skip
    assert f"/mobilejkn/{facility.code}/" in out.getvalue()
    bridge = FacilityBridge.objects.get(facility=facility)
    assert bridge.password != "sandi-panjang-1"
    assert check_password("sandi-panjang-1", bridge.password)
    ws = Ws(client=Client(), code=facility.code, username="jkn")
    assert ws.login("sandi-panjang-1")["metadata"]["code"] == 200
    entry = AuditEntry.objects.get(action="mobilejkn.credentials_set")
    assert "sandi-panjang-1" not in str(entry.after)


def test_command_refuses_unknown_facility_and_short_password(facility: Facility) -> None:
    with pytest.raises(CommandError):
        call_command("mobilejkn_credentials", "NOPE", "--username", "u", "--password", "x" * 12)
    with pytest.raises(CommandError):
        call_command("mobilejkn_credentials", facility.code, "--username", "u", "--password", "x")


def test_admin_sets_credentials_and_outbound_on_the_page(facility: Facility) -> None:
    client = login_client(make_user(role="admin_provinsi"))
    url = f"/jembatan-jkn/{facility.code}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"bagian": "kredensial", "username": "jkn", "password": "sandi-panjang-2"}
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {"bagian": "bpjs", "enabled": "on", "base_url": "https://bpjs.example/antreanfktp",
         "cons_id": "1234", "secret": "rahasia", "user_key": "kunci"},
    )  # fmt: skip
    assert response.status_code == 302
    bridge = FacilityBridge.objects.get(facility=facility)
    assert (bridge.username, bridge.outbound_enabled, bridge.cons_id) == ("jkn", True, "1234")
    # An empty secret keeps the stored one; the page never shows it back.
    same = {"bagian": "bpjs", "enabled": "on", "cons_id": "1234"}
    client.post(url, {**same, "base_url": "https://bpjs.example/antreanfktp"})
    bridge.refresh_from_db()
    assert bridge.cons_secret == "rahasia"
    assert "rahasia" not in client.get(url).content.decode()


def test_outbound_needs_credentials_first_and_complete_settings(facility: Facility) -> None:
    client = login_client(make_user(role="admin_provinsi"))
    url = f"/jembatan-jkn/{facility.code}/"
    response = client.post(url, {"bagian": "bpjs", "enabled": "on", "cons_id": "1"}, follow=True)
    assert "Atur dulu" in response.content.decode()
    assert not FacilityBridge.objects.exists()


def test_petugas_manages_only_their_own_puskesmas(facility: Facility) -> None:
    own = login_client(make_user(role="petugas_faskes", unit=facility.unit))
    other = make_facility(code="PKM09")
    assert own.get(f"/jembatan-jkn/{facility.code}/").status_code == 200
    assert own.get(f"/jembatan-jkn/{other.code}/").status_code == 404
    listing = own.get("/jembatan-jkn/").content.decode()
    assert facility.code in listing
    assert "PKM09" not in listing


def test_outbox_page_shows_status_and_resends(bridge: FacilityBridge, facility: Facility) -> None:
    from django.utils import timezone

    message = OutboxMessage.objects.create(
        facility=facility, kind="antrean/add", payload={"nomorkartu": "0001234567890"},
        status=OutboxStatus.FAILED, attempts=3, next_attempt_at=timezone.now(),
        last_error="BPJS menolak (201): Signature tidak valid",
    )  # fmt: skip
    admin = login_client(make_user(role="admin_provinsi"))
    page = admin.get("/jembatan-jkn/kiriman/?status=failed").content.decode()
    assert "Signature tidak valid" in page
    assert "0001234567890" not in page  # the payload (personal data) is never shown
    auditor = login_client(make_user(role="auditor"))
    assert auditor.get("/jembatan-jkn/kiriman/").status_code == 200
    assert auditor.post(f"/jembatan-jkn/kiriman/{message.pk}/ulang/").status_code == 403
    response = admin.post(f"/jembatan-jkn/kiriman/{message.pk}/ulang/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING  # delivery is kicked after commit
    assert AuditEntry.objects.filter(action="mobilejkn.outbox_retry").exists()


def test_demo_seeds_the_published_credentials_once(db: None) -> None:
    from garda.queueing.mobilejkn import demo

    facility = make_facility(code=demo.DEMO_FACILITY)
    demo.seed_demo(size="small")
    demo.seed_demo(size="small")  # idempotent
    bridge = FacilityBridge.objects.get(facility=facility)
    assert bridge.token_version == 1
    ws = Ws(client=Client(), code=demo.DEMO_FACILITY, username=demo.DEMO_USERNAME)
    assert ws.login(demo.DEMO_PASSWORD)["metadata"]["code"] == 200
    from garda.queueing.mobilejkn.models import Patient

    assert Patient.objects.filter(facility=facility).count() == demo.DEMO_PATIENTS


def test_demo_does_nothing_without_the_demo_facility(db: None) -> None:
    from garda.queueing.mobilejkn import demo

    demo.seed_demo(size="small")
    assert not FacilityBridge.objects.exists()
