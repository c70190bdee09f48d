"""The compliance counts kept as data change (decision 0019): after every write that changes
them the kept rows equal a full recount, and the figures read from them equal the aggregate
counted from the employees — at an OPD, an instansi, the province and the whole tree, for a
scoped admin and for the system — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from garda.core.org.services import unit_move
from garda.core.roles import Role
from garda.core.testing import UnitFactory, make_user
from garda.learning.ledger import demo
from garda.learning.ledger.models import JPTarget, JPUnitHeadcount, LearningForm
from garda.learning.ledger.selectors import (
    compliance_by_child,
    compliance_recount,
    compliance_summary,
)
from garda.learning.ledger.services import ledger_record_training, ledger_revoke
from garda.learning.ledger.services.recompute import ledger_recompute
from garda.learning.ledger.services.tallies import tallies_differences, year_totals_differences
from garda.learning.ledger.services.targets import ledger_target_set
from garda.learning.ledger.tallies import tally_of
from garda.learning.ledger.testing import make_employee
from garda.people.employee_table import EmployeeTable
from garda.people.models import Employee as EmployeeModel
from garda.people.services.employees import employee_update, employees_update_changed

pytestmark = pytest.mark.django_db
YEAR = 2026


def record(employee: EmployeeModel, jp: Decimal, *, key: str) -> None:
    """A finished Garda training of `jp` hours this year (a form with no cap below 40)."""
    ledger_record_training(
        actor=None, employee_id=employee.pk, form_id=LearningForm.objects.get(code="teknis").pk,
        title="Pelatihan Teknis", provider="BPSDM", started_on=dt.date(YEAR, 3, 2),
        finished_on=dt.date(YEAR, 3, 6), jp=jp, certificate_number=f"C-{key}",
        source_key=f"training:{key}",
    )  # fmt: skip


@pytest.fixture
def tree() -> dict[str, Any]:
    """A province with two kabupaten (two instansi), an OPD each, a few ASN with hours."""
    province = UnitFactory(kind="lainnya", code="P")
    a = UnitFactory(kind="instansi", code="A", parent=province)
    b = UnitFactory(kind="instansi", code="B", parent=province)
    opd_a = UnitFactory(kind="opd", code="A.1", parent=a)
    opd_b = UnitFactory(kind="opd", code="B.1", parent=b)
    people = {
        "full": make_employee(unit=opd_a),
        "half": make_employee(unit=opd_a, kind="pppk"),
        "none": make_employee(unit=opd_b),
        "top": make_employee(unit=b),
    }
    record(people["full"], Decimal("21"), key="full")
    record(people["half"], Decimal("12"), key="half")
    record(people["top"], Decimal("5"), key="top")
    return {"province": province, "a": a, "b": b, "opd_a": opd_a, "opd_b": opd_b, **people}


def assert_counts_right(tree: dict[str, Any]) -> None:
    assert tallies_differences() == {**tallies_differences(), "headcounts": 0, "tallies": 0}
    assert_figures_right(tree)


def assert_figures_right(tree: dict[str, Any]) -> None:
    admin_a = make_user(role=Role.ADMIN_INSTANSI, unit=tree["a"])
    for user in (None, admin_a):
        for root in (None, tree["province"], tree["a"], tree["b"], tree["opd_a"], tree["opd_b"]):
            kept = compliance_summary(user=user, year=YEAR, root=root)
            counted = compliance_recount(user=user, year=YEAR, root=root)
            assert (kept.employees, kept.compliant, kept.distribution) == (
                counted.employees, counted.compliant, counted.distribution,
            ), (user, root)  # fmt: skip


def test_the_pure_rule_puts_each_total_in_one_place() -> None:
    target = Decimal("20")
    assert tally_of(Decimal("0"), target) == (0, 0, 0, 0, 0, 0)
    assert tally_of(Decimal("4.9"), target) == (1, 0, 1, 0, 0, 0)
    assert tally_of(Decimal("5"), target) == (1, 0, 0, 1, 0, 0)
    assert tally_of(Decimal("19.9"), target) == (1, 0, 0, 0, 0, 1)
    assert tally_of(Decimal("20"), target) == (1, 1, 0, 0, 0, 0)
    assert tally_of(Decimal("3"), Decimal("0")) == (1, 1, 0, 0, 0, 0)


def test_ledger_writes_keep_the_counts(tree: dict[str, Any]) -> None:
    figures = compliance_summary(user=None, year=YEAR, root=tree["province"])
    assert (figures.employees, figures.compliant) == (4, 1)
    assert dict(figures.distribution) == {"0": 1, "1-24%": 0, "25-49%": 1, "50-74%": 1,
                                          "75-99%": 0, "≥100%": 1}  # fmt: skip
    assert_counts_right(tree)
    record(tree["none"], Decimal("30"), key="late")  # a new entry
    assert compliance_summary(user=None, year=YEAR, root=tree["b"]).compliant == 1
    assert_counts_right(tree)
    ledger_revoke(actor=None, source_key="training:full", reason="Sertifikat dicabut")  # revocation
    assert compliance_summary(user=None, year=YEAR, root=tree["a"]).compliant == 0
    assert_counts_right(tree)
    ledger_recompute(actor=None, year=YEAR)  # the rule applied again (nothing to change)
    assert_counts_right(tree)


def test_registry_changes_keep_the_counts(tree: dict[str, Any]) -> None:
    employee_update(actor=None, employee=tree["full"], values={"unit_id": tree["opd_b"].pk})
    assert compliance_summary(user=None, year=YEAR, root=tree["b"]).compliant == 1
    assert compliance_summary(user=None, year=YEAR, root=tree["a"]).employees == 1
    assert_counts_right(tree)
    employee_update(actor=None, employee=tree["full"], values={"status": "pensiun"})
    assert compliance_summary(user=None, year=YEAR, root=None).employees == 3
    assert_counts_right(tree)
    employee_update(actor=None, employee=tree["full"], values={"status": "aktif"})
    half = EmployeeModel.objects.get(pk=tree["half"].pk)
    employee_update(actor=None, employee=half, values={"kind": "pns"})  # 12 of 20, not of 24
    assert_counts_right(tree)
    # The ASN import's bulk path (employees_update_changed) moves and retires too.
    table = EmployeeTable()
    stored = table.load([tree["none"].nip, tree["top"].nip])
    changes = [
        ({"unit_id": tree["opd_a"].pk}, stored[tree["none"].nip], ["unit_id"]),
        ({"status": "meninggal"}, stored[tree["top"].nip], ["status"]),
    ]
    employees_update_changed(actor=None, changes=changes, table=table)
    assert compliance_summary(user=None, year=YEAR, root=tree["b"]).employees == 1
    assert_counts_right(tree)
    make_employee(unit=tree["opd_b"], kind="pppk")  # a new employee
    assert_counts_right(tree)


def test_a_unit_moved_takes_its_counts_along(tree: dict[str, Any]) -> None:
    unit_move(actor=None, unit=tree["opd_a"], new_parent=tree["b"])
    tree["opd_a"].refresh_from_db()
    assert compliance_summary(user=None, year=YEAR, root=tree["a"]).employees == 0
    assert compliance_summary(user=None, year=YEAR, root=tree["b"]).employees == 4
    assert_counts_right(tree)


def test_children_figures_read_the_counts(tree: dict[str, Any]) -> None:
    admin = make_user(role=Role.ADMIN_PROVINSI)
    children = [tree["a"], tree["b"]]
    rows = compliance_by_child(user=admin, year=YEAR, root=tree["province"], children=children)
    assert [(r.unit.code, r.employees, r.compliant) for r in rows] == [("A", 2, 1), ("B", 2, 0)]
    # A scoped admin sees nothing of the other instansi, whatever it asks for.
    admin_a = make_user(role=Role.ADMIN_INSTANSI, unit=tree["a"])
    rows = compliance_by_child(user=admin_a, year=YEAR, root=None, children=children)
    assert [(r.employees, r.compliant) for r in rows] == [(2, 1), (0, 0)]
    assert compliance_summary(user=admin_a, year=YEAR, root=tree["b"]).employees == 0


def test_a_changed_target_is_never_read_from_stale_counts(tree: dict[str, Any]) -> None:
    JPTarget.objects.create(employee_kind="pns", valid_from_year=YEAR, target_jp=Decimal("10"))
    # Written around the service: the rows were counted against 20, so the figures are
    # counted from the employees instead, and the check names the stale rows.
    assert_figures_right(tree)
    assert compliance_summary(user=None, year=YEAR, root=None).distribution[3] == ("50-74%", 2)
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("jp_totals_rebuild", "--check", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue())["tallies_differ"] > 0
    call_command("jp_totals_rebuild", stdout=io.StringIO())
    out = io.StringIO()
    call_command("jp_totals_rebuild", "--check", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["year_totals_differ"], result["headcounts_differ"]) == (0, 0)
    assert result["tallies_differ"] == 0
    assert_counts_right(tree)
    # Through the service the counts follow in the same transaction.
    ledger_target_set(actor=None, employee_kind="pppk", valid_from_year=YEAR,
                      target_jp=Decimal("12"))  # fmt: skip
    assert compliance_summary(user=None, year=YEAR, root=None).compliant == 2
    assert_counts_right(tree)


def test_rebuild_mends_counts_and_totals_written_around_the_services(
    tree: dict[str, Any],
) -> None:
    JPUnitHeadcount.objects.filter(unit=tree["province"], kind="pns").update(employees=99)
    tree["full"].jp_totals.update(total_jp=Decimal("1"))
    assert tallies_differences()["headcounts"] == 1
    assert year_totals_differences() == 1
    out = io.StringIO()
    call_command("jp_totals_rebuild", stdout=out)
    assert json.loads(out.getvalue())["year_totals"] >= 3
    assert year_totals_differences() == 0
    assert_counts_right(tree)


def test_demo_bulk_seed_leaves_counts_equal_to_a_recount(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = UnitFactory()
    for _ in range(12):
        make_employee(unit=unit)
    demo.seed_demo(size="small")
    assert tallies_differences()["headcounts"] == 0
    assert tallies_differences()["tallies"] == 0
    assert year_totals_differences() == 0
