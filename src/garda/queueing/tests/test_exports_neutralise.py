"""The analytics workbooks go through the spreadsheet kit's writer: a poli or puskesmas name
that an admin typed as a formula is shown as text, the figures stay numbers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from garda.core.demo import seed_demo_base
from garda.queueing import analytics, demo, exports
from garda.queueing.models import Facility, Poli

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x.example/","klik")'


def test_facility_and_province_workbooks_neutralise_formulas() -> None:
    seed_demo_base()
    demo.seed_demo(size="small")
    facility = Facility.objects.get(code="DEMO01")
    # Names as a careless or hostile admin could type them (set directly: this is data).
    Poli.objects.filter(facility=facility).update(name=FORMULA)
    Facility.objects.filter(pk=facility.pk).update(name="+" + facility.name)
    facility.refresh_from_db()
    end = timezone.localdate()
    start = end - dt.timedelta(days=13)

    report = analytics.facility_report(facility, start=start, end=end)
    book = load_workbook(io.BytesIO(exports.facility_workbook(report)))
    polis = book["Per poli"]
    names = [row[0].value for row in polis.iter_rows(min_row=2)]
    assert names
    assert set(names) == {"'" + FORMULA}
    arrivals = [row[1].value for row in polis.iter_rows(min_row=2)]
    assert all(isinstance(value, int) for value in arrivals)  # figures stay numbers
    assert book["Keterangan"]["B1"].value == "'" + facility.name

    rows, _total, _kabupatens = analytics.province_report(
        Facility.objects.filter(pk=facility.pk), start=start, end=end
    )
    sheet = load_workbook(io.BytesIO(exports.province_workbook(rows, 60)))["Per puskesmas"]
    assert sheet["C2"].value == "'" + facility.name
    assert sheet["B2"].value == facility.code
    assert isinstance(sheet["D2"].value, int)
