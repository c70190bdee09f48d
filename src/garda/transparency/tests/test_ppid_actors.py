"""Who the audit log names for each PPID step: a citizen on the public form or API is "anonim",
a signed-in person is named, officers keep their names, and the daily job is "sistem"."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from garda.core.audit.models import AuditEntry
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.transparency.ppid.models import InformationRequest, Objection
from garda.transparency.ppid.services import request_decide, requests_mark_overdue
from garda.transparency.ppid.testing import SAMPLE_NIK, sample_request

pytestmark = pytest.mark.django_db

FORM = {
    "requester_kind": "individual", "requester_name": "Budi Santoso",
    "requester_nik": SAMPLE_NIK, "organisation": "", "address": "Jl. Kapten Pattimura No. 7",
    "phone": "081234567890", "email": "budi.santoso@contoh.id",
    "details": "Daftar menara telekomunikasi per kecamatan.", "purpose": "Penelitian.",
    "obtain_method": "copy", "copy_delivery": "email", "consent": "on",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()  # the public submit limit counts per address in the cache


@pytest.fixture
def officer() -> Any:
    unit = UnitFactory(code="T15.KOM", kind="opd", name="Dinas Kominfo Uji")
    return make_user(role=Role.PPID, unit=unit, first_name="Sari", last_name="Petugas")


def _entry(action: str, target: Any) -> AuditEntry:
    return AuditEntry.objects.get(action=action, object_id=str(target.pk))


def test_request_from_the_public_form_is_logged_as_anonymous(officer: Any) -> None:
    response = Client().post("/ppid/permohonan/baru/", FORM | {"unit": officer.unit_id})
    assert response.status_code == 302
    entry = _entry("ppid.request.submit", InformationRequest.objects.get())
    assert entry.actor_label == "anonim"
    assert entry.actor is None


def test_request_through_the_api_is_logged_as_anonymous(officer: Any) -> None:
    payload = {
        "unit": officer.unit_id, "requester_kind": "individual", "requester_name": "Budi",
        "requester_nik": SAMPLE_NIK, "address": "Jl. Sudirman 1", "phone": "081234567890",
        "email": "budi@contoh.id", "details": "Daftar sekolah.", "purpose": "Pemantauan.",
        "obtain_method": "view", "consent": True,
    }  # fmt: skip
    response = Client().post(
        "/api/v1/information-requests/", payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    entry = _entry("ppid.request.submit", InformationRequest.objects.get())
    assert entry.actor_label == "anonim"


def test_signed_in_requester_is_named(officer: Any) -> None:
    citizen = make_user(role=Role.ASN, first_name="Nurul", last_name="Aini")
    response = login_client(citizen).post(
        "/ppid/permohonan/baru/", FORM | {"unit": officer.unit_id}
    )
    assert response.status_code == 302
    entry = _entry("ppid.request.submit", InformationRequest.objects.get())
    assert entry.actor_label == "Nurul Aini"
    assert entry.actor == citizen


def test_objection_with_the_tracking_code_is_logged_as_anonymous(officer: Any) -> None:
    request = sample_request(officer)
    request_decide(
        actor=officer, request=request, decision="refused", answer="Ditolak.",
        exemption_article="17h", consequence_test="Rahasia pribadi.",
    )  # fmt: skip
    url = f"/ppid/lacak/{request.tracking_code}/keberatan/"
    response = Client().post(url, {"reason": "a", "statement": "Bukan data pribadi."})
    assert response.status_code == 302
    entry = _entry("ppid.objection.file", Objection.objects.get())
    assert entry.actor_label == "anonim"
    # The officer's decision before it keeps the officer's name.
    assert _entry("ppid.request.decide", request).actor_label == "Sari Petugas"


def test_officer_steps_keep_names_and_the_daily_job_is_the_system(officer: Any) -> None:
    request = sample_request(officer)
    response = login_client(officer).post(f"/ppid/petugas/{request.pk}/proses/")
    assert response.status_code == 302
    assert _entry("ppid.request.process", request).actor_label == "Sari Petugas"
    late = sample_request(officer)
    assert requests_mark_overdue(today=late.due_on.replace(year=late.due_on.year + 1)) >= 1
    assert _entry("ppid.request.overdue", late).actor_label == "sistem"
