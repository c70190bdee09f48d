"""garda jp_report: one row per ASN with the year's total, target and compliance."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from garda.core.roles import Role
from garda.core.testing import UnitFactory, make_user
from garda.learning.ledger.models import LearningForm
from garda.learning.ledger.services import ledger_record_training
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db


def _train(employee_id: int, jp: str, key: str) -> None:
    ledger_record_training(
        actor=None, employee_id=employee_id, form_id=LearningForm.objects.get(code="teknis").pk,
        title="Pelatihan", provider="BPSDM", started_on=dt.date(2026, 3, 2),
        finished_on=dt.date(2026, 3, 3), jp=Decimal(jp), certificate_number="", source_key=key,
    )  # fmt: skip


def test_report_csv_and_json_and_scope() -> None:
    opd_a, opd_b = UnitFactory(), UnitFactory()
    done = make_employee(unit=opd_a, name="Ani")
    short = make_employee(unit=opd_a, name="Budi")
    pppk = make_employee(unit=opd_b, kind="pppk", name="Cici")
    _train(done.pk, "20", "t1")
    _train(short.pk, "12.5", "t2")
    _train(pppk.pk, "20", "t3")
    out = io.StringIO()
    call_command("jp_report", "--year", "2026", "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    by_name = {row["Nama"]: row for row in rows}
    assert by_name["Ani"]["Patuh"] == "ya"
    assert by_name["Budi"]["Total JP"] == "12.5"
    assert by_name["Budi"]["Patuh"] == "tidak"
    assert by_name["Cici"]["Target JP"] == "24.0"
    assert by_name["Cici"]["Patuh"] == "tidak"
    admin = make_user(role=Role.ADMIN_OPD, unit=opd_b, username="admin.b")
    out = io.StringIO()
    call_command("jp_report", "--year", "2026", "--format", "json", "--actor", admin.username,
                 stdout=out)  # fmt: skip
    data = json.loads(out.getvalue())
    assert [row["nip"] for row in data] == [pppk.nip]
    assert data[0]["compliant"] is False
