"""External learning: submit with evidence, verify in scope, JP by the rules, totals kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from garda.core.audit.models import AuditEntry
from garda.core.errors import Conflict, NotAllowed, ValidationFailed
from garda.core.roles import Role
from garda.core.testing import UnitFactory, make_user
from garda.learning.ledger.models import JPYearTotal, LearningForm, LedgerEntry
from garda.learning.ledger.models_external import SubmissionStatus
from garda.learning.ledger.services.external import (
    external_approve,
    external_refuse,
    external_submit,
)
from garda.learning.ledger.testing import PDF_BYTES, make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _submit(user: Any, code: str = "coaching", **overrides: Any) -> Any:
    data: dict[str, Any] = {
        "form_id": LearningForm.objects.get(code=code).pk,
        "title": "Coaching kinerja",
        "provider": "Kepala Bidang",
        "started_on": dt.date(2026, 4, 6),
        "finished_on": dt.date(2026, 4, 6),
        "quantity": 3,
        "stated_jp": None,
        "abroad": False,
        "certificate_number": "",
        "evidence": SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf"),
        "today": dt.date(2026, 5, 1),
    }
    data.update(overrides)
    return external_submit(actor=user, **data)


def _asn_and_admin() -> tuple[Any, Any]:
    opd = UnitFactory()
    asn = make_user(role=Role.ASN, unit=opd)
    make_employee(unit=opd, user=asn)
    admin = make_user(role=Role.ADMIN_OPD, unit=opd)
    return asn, admin


def test_submit_then_approve_records_capped_jp() -> None:
    asn, admin = _asn_and_admin()
    submission = _submit(asn)
    entry = external_approve(actor=admin, submission_id=submission.pk)
    # three sessions asked, at most two coaching sessions a month count: 2 x 2 JP
    assert entry.jp == Decimal("4.0")
    assert entry.evidence.name == submission.evidence.name
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert submission.entry == entry
    total = JPYearTotal.objects.get(employee=submission.employee, year=2026)
    assert total.total_jp == Decimal("4.0")
    # a second coaching the same month counts nothing more
    second = _submit(asn, title="Coaching lanjutan", started_on=dt.date(2026, 4, 20),
                     finished_on=dt.date(2026, 4, 20), quantity=1)  # fmt: skip
    assert external_approve(actor=admin, submission_id=second.pk).jp == 0
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"ledger.external.submit", "ledger.external.approve"} <= actions


def test_refuse_needs_a_reason_and_cannot_be_decided_twice() -> None:
    asn, admin = _asn_and_admin()
    submission = _submit(asn)
    with pytest.raises(ValidationFailed):
        external_refuse(actor=admin, submission_id=submission.pk, reason=" ")
    external_refuse(actor=admin, submission_id=submission.pk, reason="Bukti tidak terbaca")
    with pytest.raises(Conflict):
        external_approve(actor=admin, submission_id=submission.pk)
    assert not LedgerEntry.objects.exists()


def test_admin_outside_scope_and_the_asn_itself_cannot_verify() -> None:
    asn, _admin = _asn_and_admin()
    submission = _submit(asn)
    stranger = make_user(role=Role.ADMIN_OPD, unit=UnitFactory())
    with pytest.raises(NotAllowed):
        external_approve(actor=stranger, submission_id=submission.pk)
    with pytest.raises(NotAllowed):
        external_approve(actor=asn, submission_id=submission.pk)


def test_evidence_must_be_a_real_pdf_or_image_and_stated_forms_need_jp() -> None:
    asn, _admin = _asn_and_admin()
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationFailed) as caught:
        _submit(asn, evidence=fake)
    assert caught.value.errors[0]["field"] == "evidence"
    with pytest.raises(ValidationFailed) as caught:
        _submit(asn, code="e-learning", stated_jp=None)
    assert caught.value.errors[0]["field"] == "stated_jp"
    with pytest.raises(ValidationFailed):
        _submit(asn, finished_on=dt.date(2026, 6, 1), started_on=dt.date(2026, 6, 1))


def test_an_account_without_employee_record_cannot_submit() -> None:
    with pytest.raises(NotAllowed):
        _submit(make_user(role=Role.ASN))
