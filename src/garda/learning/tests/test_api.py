"""/api/v1/programs/, /batches/ (public) and /enrollments/ (scoped), with the POST actions
the role matrix leaves out: register (signed in) and approve/refuse (approvers only)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from garda.core.testing import login_client
from garda.learning.testing import sample_batch, sample_program

pytestmark = pytest.mark.django_db


def test_public_lists_and_register_approve_refuse(people) -> None:  # type: ignore[no-untyped-def]
    batch = sample_batch(program=sample_program(needs_atasan=True, title="Pelatihan API"))
    anonymous = Client()
    programs = anonymous.get(reverse("api:program-list"), {"q": "Pelatihan API"}).json()
    assert [p["title"] for p in programs["results"]] == ["Pelatihan API"]
    batches = anonymous.get(reverse("api:batch-list"), {"program": batch.program_id}).json()
    assert batches["results"][0]["seats_taken"] == 0
    register_url = reverse("api:batch-register", args=[batch.pk])
    assert anonymous.post(register_url).status_code in {401, 403}

    asn = login_client(people.asn)
    created = asn.post(register_url)
    assert created.status_code == 201
    enrollment_id = created.json()["id"]
    again = asn.post(register_url)
    assert again.status_code == 409
    assert again["Content-Type"].startswith("application/problem+json")
    approve_url = reverse("api:enrollment-approve", args=[enrollment_id])
    assert asn.post(approve_url).status_code == 403  # not an approver

    atasan = login_client(people.atasan)
    assert [e["id"] for e in atasan.get(reverse("api:enrollment-list")).json()["results"]] == [
        enrollment_id
    ]
    refuse_url = reverse("api:enrollment-refuse", args=[enrollment_id])
    assert atasan.post(refuse_url, {}).status_code == 400
    refused = atasan.post(refuse_url, {"reason": "Tugas lapangan"}, content_type="application/json")
    assert refused.json()["status"] == "refused"
    assert anonymous.get(reverse("api:enrollment-list")).status_code in {401, 403}
