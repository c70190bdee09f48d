"""The demo seeding: rows for every ASN, totals equal to the ledger, the demo ASN's story,
and a second run that writes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.db.models import Count, Sum
from django.utils import timezone

from garda.core.testing import UnitFactory
from garda.learning.ledger import demo
from garda.learning.ledger.models import JPYearTotal, LedgerEntry
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_ledger_and_totals(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = UnitFactory()
    people = [make_employee(unit=unit) for _ in range(20)]
    demo.seed_demo(size="small")
    per_employee = LedgerEntry.objects.values("employee").annotate(n=Count("pk"))
    assert len(per_employee) == len(people)
    assert all(7 <= row["n"] <= 13 for row in per_employee)
    for total in JPYearTotal.objects.all():
        expected = LedgerEntry.objects.filter(
            employee_id=total.employee_id, year=total.year
        ).aggregate(s=Sum("jp"))["s"]
        assert total.total_jp == expected
    count = LedgerEntry.objects.count()
    demo.seed_demo(size="small")
    assert LedgerEntry.objects.count() == count
    assert JPYearTotal.objects.filter(year=timezone.localdate().year).exists()
    assert Decimal("0") < JPYearTotal.objects.order_by("-total_jp").first().total_jp


def test_demo_rows_already_follow_the_conversion_rule(settings: Any, tmp_path: Any) -> None:
    """The demo inserts its rows around the write function (for speed), so it must compute
    them by the same rule: recomputing the seeded ledger changes nothing."""
    from garda.learning.ledger.services.recompute import ledger_recompute

    settings.MEDIA_ROOT = tmp_path / "media"
    unit = UnitFactory()
    for _ in range(40):
        make_employee(unit=unit)
    demo.seed_demo(size="small")
    report = ledger_recompute(actor=None, dry_run=True)
    assert report.examined == LedgerEntry.objects.count() > 0
    assert report.changed == 0
    # and the rule did cut some rows below what their certificates stated
    assert LedgerEntry.objects.filter(jp__lt=models.F("stated_jp")).exists()
