"""`garda jp_report` CSV goes through the spreadsheet kit's writer: a name or unit typed as a
formula comes out as text; NIPs and JP figures are written as they are."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from garda.core.testing import UnitFactory
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x.example/","klik")'


def test_jp_report_csv_neutralises_formulas() -> None:
    unit = UnitFactory(name="@SUM(A1)")
    employee = make_employee(unit=unit, name=FORMULA)
    plain = make_employee(unit=unit, name="Ani")
    out = io.StringIO()
    call_command("jp_report", "--year", "2026", "--format", "csv", stdout=out)
    rows = {row["NIP"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows[employee.nip]["Nama"] == "'" + FORMULA
    assert rows[employee.nip]["Unit Kerja"] == "'@SUM(A1)"
    assert rows[plain.nip]["Nama"] == "Ani"
    assert rows[plain.nip]["Total JP"] == "0.0"  # a figure, not neutralised
