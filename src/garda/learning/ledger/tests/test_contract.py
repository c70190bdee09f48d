"""The contract the learning app calls: record a completed training, revoke it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from garda.core.audit.models import AuditEntry
from garda.core.errors import NotFound
from garda.core.testing import UnitFactory
from garda.learning.ledger.models import EntryStatus, JPYearTotal, LearningForm, LedgerEntry
from garda.learning.ledger.services import ledger_record_training, ledger_revoke
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db


def _record(employee_id: int, key: str = "training:1", jp: str = "24") -> LedgerEntry:
    return ledger_record_training(
        actor=None,
        employee_id=employee_id,
        form_id=LearningForm.objects.get(code="teknis").pk,
        title="Pelatihan Pengadaan Barang/Jasa",
        provider="BPSDM Provinsi Jambi",
        started_on=dt.date(2026, 3, 2),
        finished_on=dt.date(2026, 3, 5),
        jp=Decimal(jp),
        certificate_number="BPSDM/2026/001",
        source_key=key,
    )


def test_record_training_is_idempotent_and_keeps_the_total() -> None:
    employee = make_employee(unit=UnitFactory())
    first = _record(employee.pk)
    again = _record(employee.pk)
    assert first.pk == again.pk
    assert LedgerEntry.objects.count() == 1
    total = JPYearTotal.objects.get(employee=employee, year=2026)
    assert total.total_jp == Decimal("24.0")
    assert total.entries == 1
    assert AuditEntry.objects.filter(action="ledger.entry.training").count() == 1


def test_revoke_takes_the_hours_back_once() -> None:
    employee = make_employee(unit=UnitFactory())
    _record(employee.pk, key="training:a", jp="10")
    _record(employee.pk, key="training:b", jp="6.5")
    ledger_revoke(actor=None, source_key="training:a", reason="Sertifikat dicabut")
    ledger_revoke(actor=None, source_key="training:a", reason="Sertifikat dicabut")
    entry = LedgerEntry.objects.get(source_key="training:a")
    assert entry.status == EntryStatus.REVOKED
    assert JPYearTotal.objects.get(employee=employee, year=2026).total_jp == Decimal("6.5")
    assert AuditEntry.objects.filter(action="ledger.entry.revoke").count() == 1
    # Recording the same training again does not bring a revoked entry back.
    assert _record(employee.pk, key="training:a").status == EntryStatus.REVOKED


def test_revoke_unknown_key() -> None:
    with pytest.raises(NotFound):
        ledger_revoke(actor=None, source_key="training:none", reason="x")
