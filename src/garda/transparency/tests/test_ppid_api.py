"""/api/v1/information-requests/: deadlines after an extension, scoping, no personal data,
and the public, throttled submission."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.transparency.ppid.models import InformationRequest
from garda.transparency.ppid.services import request_extend
from garda.transparency.ppid.testing import SAMPLE_NIK, sample_request

pytestmark = pytest.mark.django_db
URL = "/api/v1/information-requests/"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def officer() -> Any:
    return make_user(role=Role.PPID, unit=UnitFactory(kind="opd", name="Dinas Kominfo Uji"))


def test_received_and_due_dates_follow_the_extension(officer: Any) -> None:
    request = sample_request(officer, today=dt.date(2026, 3, 13))
    client = login_client(officer)
    row = client.get(f"{URL}{request.pk}/").json()
    assert row["tracking_code"] == request.tracking_code
    assert row["received_on"] == "2026-03-13"
    assert row["due_on"] == "2026-04-06"
    assert row["extended"] is False
    assert row["status"] == "received"
    assert row["decided_on"] is None
    assert row["decision"] == ""
    request_extend(actor=officer, request=request, reason="Perlu waktu.", today=dt.date(2026, 4, 1))
    row = client.get(f"{URL}{request.pk}/").json()
    assert row["extended"] is True
    assert row["original_due_on"] == "2026-04-06"
    assert row["due_on"] == "2026-04-15"
    assert row["extension_reason"] == "Perlu waktu."


def test_no_personal_data_and_scoped(officer: Any) -> None:
    mine = sample_request(officer)
    other = sample_request(None)
    rows = login_client(officer).get(URL).json()["results"]
    assert [r["tracking_code"] for r in rows] == [mine.tracking_code]
    body = str(rows)
    assert rows[0]["requester"].startswith("B*** S***")
    for secret in (SAMPLE_NIK, mine.email, mine.phone, mine.address, mine.requester_name):
        assert secret not in body
    auditor_rows = login_client(make_user(role=Role.AUDITOR)).get(URL).json()["results"]
    assert {r["tracking_code"] for r in auditor_rows} == {mine.tracking_code, other.tracking_code}
    assert login_client(officer).get(f"{URL}{other.pk}/").status_code == 404


def test_filters(officer: Any) -> None:
    late = sample_request(officer, today=dt.date(2026, 1, 5))
    sample_request(officer)
    rows = login_client(officer).get(URL, {"overdue": "1"}).json()["results"]
    assert [r["tracking_code"] for r in rows] == [late.tracking_code]
    assert rows[0]["overdue"] is True
    rows = login_client(officer).get(URL, {"search": late.tracking_code}).json()["results"]
    assert len(rows) == 1


def test_reading_needs_a_console_role() -> None:
    assert Client().get(URL).status_code in {401, 403}
    assert login_client(make_user(role=Role.ASN)).get(URL).status_code == 403


def _payload(unit_id: int) -> dict[str, Any]:
    return {
        "unit": unit_id, "requester_kind": "organisation", "requester_name": "Rina Wati",
        "organisation": "LSM Jambi Terbuka", "address": "Jl. Sultan Agung 1",
        "email": "rina@contoh.id", "details": "Daftar penerima hibah 2026.",
        "purpose": "Pemantauan.", "obtain_method": "view", "consent": True,
    }  # fmt: skip


def test_anyone_may_submit_through_the_api(officer: Any) -> None:
    response = Client().post(URL, _payload(officer.unit_id), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    request = InformationRequest.objects.get()
    assert body["tracking_code"] == request.tracking_code
    assert body["due_on"] == request.due_on.isoformat()
    assert set(body) == {"tracking_code", "received_on", "due_on"}


def test_submission_errors_are_problem_details(officer: Any) -> None:
    bad = _payload(officer.unit_id) | {"consent": False}
    response = Client().post(URL, bad, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "consent"
    response = Client().post(
        URL, _payload(2**62) | {"consent": True}, content_type="application/json"
    )
    assert response.status_code == 400
    assert not InformationRequest.objects.exists()


def test_anonymous_submissions_are_throttled(officer: Any) -> None:
    client = Client()
    statuses = [
        client.post(URL, _payload(officer.unit_id), content_type="application/json").status_code
        for _ in range(21)
    ]
    assert statuses[:20] == [201] * 20
    assert statuses[20] == 429
