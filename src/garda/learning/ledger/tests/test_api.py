"""The API: entries scoped, compliance per ASN, external learning submit/approve/refuse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.models import LearningForm
from garda.learning.ledger.services import ledger_record_training
from garda.learning.ledger.testing import PDF_BYTES, make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _train(employee_id: int, key: str, jp: str = "12") -> None:
    ledger_record_training(
        actor=None, employee_id=employee_id, form_id=LearningForm.objects.get(code="teknis").pk,
        title="Pelatihan", provider="BPSDM", started_on=dt.date(2026, 3, 2),
        finished_on=dt.date(2026, 3, 3), jp=Decimal(jp), certificate_number="", source_key=key,
    )  # fmt: skip


def test_ledger_entries_are_scoped() -> None:
    opd, other = UnitFactory(), UnitFactory()
    asn = make_user(role=Role.ASN, unit=opd)
    mine = make_employee(unit=opd, user=asn)
    colleague = make_employee(unit=opd)
    stranger = make_employee(unit=other)
    for n, employee in enumerate([mine, colleague, stranger]):
        _train(employee.pk, f"k{n}")
    own = login_client(asn).get("/api/v1/jp-ledger/").json()
    assert [row["employee"] for row in own["results"]] == [mine.pk]
    admin = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))
    rows = admin.get("/api/v1/jp-ledger/?year=2026").json()["results"]
    assert {row["employee"] for row in rows} == {mine.pk, colleague.pk}
    assert admin.get(f"/api/v1/jp-ledger/?employee={stranger.pk}").json()["count"] == 0


def test_compliance_rows() -> None:
    opd = UnitFactory()
    done, short = make_employee(unit=opd), make_employee(unit=opd)
    _train(done.pk, "a", "20")
    _train(short.pk, "b", "5.5")
    admin = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))
    body = admin.get("/api/v1/jp-compliance/?tahun=2026").json()
    rows = {row["employee"]: row for row in body["results"]}
    assert rows[done.pk]["compliant"] is True
    assert rows[short.pk]["total_jp"] == "5.5"
    assert rows[short.pk]["target_jp"] == "20.0"
    assert rows[short.pk]["compliant"] is False
    other = UnitFactory()
    assert admin.get(f"/api/v1/jp-compliance/?unit={other.pk}").status_code == 404
    assert login_client(make_user(role=Role.ASN)).get("/api/v1/jp-compliance/").status_code == 403


def test_external_learning_through_the_api() -> None:
    opd = UnitFactory()
    asn = make_user(role=Role.ASN, unit=opd)
    make_employee(unit=opd, user=asn)
    client = login_client(asn)
    response = client.post(
        "/api/v1/jp-external/",
        {
            "form": LearningForm.objects.get(code="workshop").pk,
            "title": "Lokakarya SAKIP",
            "provider": "Bappeda",
            "started_on": "2026-02-02",
            "finished_on": "2026-02-03",
            "evidence": SimpleUploadedFile("bukti.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert client.post(f"/api/v1/jp-external/{pk}/approve/").status_code == 403
    admin = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))
    approved = admin.post(f"/api/v1/jp-external/{pk}/approve/")
    assert approved.status_code == 200
    assert approved.json()["jp"] == "10.0"
    again = admin.post(f"/api/v1/jp-external/{pk}/refuse/", {"reason": "x"})
    assert again.status_code == 409
    assert again["Content-Type"].startswith("application/problem+json")
    bad = client.post("/api/v1/jp-external/", {"title": "x"})
    assert bad.status_code == 400
