"""The JP rules are data the province admin edits on "Aturan JP" and with `garda
jp_target_set`: both paths reach the same services, the compliance counts follow a new target at
once, bad input is refused in Indonesian with nothing stored, and only the province admin
writes (other admins and auditors read)."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from garda.core.audit.models import AuditEntry
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.models import ConversionRule, JPTarget, LearningForm, LedgerEntry
from garda.learning.ledger.selectors import compliance_summary
from garda.learning.ledger.services import targets
from garda.learning.ledger.testing import make_employee
from garda.learning.ledger.tests.test_tallies import YEAR, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_admin() -> Any:
    return make_user(role=Role.ADMIN_PROVINSI, unit=UnitFactory(kind="instansi"))


def _target_post(**changes: str) -> dict[str, str]:
    return {"employee_kind": "pns", "valid_from_year": str(YEAR), "target_jp": "10",
            "max_jp": "", "basis": "Peraturan uji 1/2026", **changes}  # fmt: skip


def test_a_new_target_set_on_the_page_moves_the_compliance_counts(province_admin: Any) -> None:
    employee = make_employee(unit=UnitFactory(kind="instansi"))
    record(employee, Decimal("12"), key="rules")
    assert compliance_summary(user=None, year=YEAR, root=None).compliant == 0  # 12 of 20

    client = login_client(province_admin)
    page = client.get(reverse("ledger:rules"))
    assert page.status_code == 200
    assert "Simpan target" in page.content.decode()
    answer = client.post(reverse("ledger:target_set"), _target_post(), follow=True)
    assert "Target JP disimpan" in answer.content.decode()

    row = JPTarget.objects.get(employee_kind="pns", valid_from_year=YEAR)
    assert (row.target_jp, row.basis) == (Decimal("10"), "Peraturan uji 1/2026")
    assert compliance_summary(user=None, year=YEAR, root=None).compliant == 1
    entry = AuditEntry.objects.filter(action="ledger.target.set").latest("created_at")
    assert entry.actor_id == province_admin.pk
    assert Decimal(entry.after["target_jp"]) == Decimal("10")


def test_bad_input_is_refused_in_indonesian_and_nothing_changes(province_admin: Any) -> None:
    client = login_client(province_admin)
    before = list(JPTarget.objects.values_list("employee_kind", "valid_from_year", "target_jp"))
    answer = client.post(reverse("ledger:target_set"), _target_post(target_jp="-3", basis=""))
    assert answer.status_code == 400
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 0." in answer.content.decode()
    assert list(JPTarget.objects.values_list(
        "employee_kind", "valid_from_year", "target_jp")) == before  # fmt: skip

    rule = ConversionRule.objects.exclude(unit="stated").order_by("pk")[0]
    jp_before = rule.jp_per_unit
    prefix = f"r{rule.pk}"
    answer = client.post(reverse("ledger:rule_edit", args=[rule.pk]), {
        f"{prefix}-unit": "day", f"{prefix}-jp_per_unit": "",
        f"{prefix}-abroad_bonus_percent": "20", f"{prefix}-note": "",
    })  # fmt: skip
    assert answer.status_code == 400
    assert "hanya satuan &quot;sesuai sertifikat&quot; yang boleh kosong" in (
        answer.content.decode()
    )
    rule.refresh_from_db()
    assert rule.jp_per_unit == jp_before


def test_a_conversion_rule_changed_on_the_page_applies_to_the_next_entry(
    province_admin: Any,
) -> None:
    form = LearningForm.objects.get(code="teknis")
    rule = ConversionRule.objects.get(form=form)
    prefix = f"r{rule.pk}"
    client = login_client(province_admin)
    answer = client.post(reverse("ledger:rule_edit", args=[rule.pk]), {
        f"{prefix}-unit": "day", f"{prefix}-jp_per_unit": "6", f"{prefix}-cap_per_day": "",
        f"{prefix}-cap_sessions_per_month": "", f"{prefix}-abroad_bonus_percent": "25",
        f"{prefix}-note": "Uji perubahan",
    }, follow=True)  # fmt: skip
    assert "Aturan konversi disimpan." in answer.content.decode()
    rule.refresh_from_db()
    assert (rule.unit, rule.jp_per_unit, rule.abroad_bonus_percent) == (
        "day", Decimal("6"), Decimal("25"))  # fmt: skip
    assert AuditEntry.objects.filter(action="ledger.rule.update", object_id=str(rule.pk)).exists()
    # A five-day training now counts 6 JP a day, capped at what the certificate states.
    employee = make_employee(unit=UnitFactory(kind="instansi"))
    record(employee, Decimal("40"), key="after-rule")
    assert LedgerEntry.objects.get(employee=employee).jp == Decimal("30")


@pytest.mark.parametrize("role", [Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.AUDITOR])
def test_other_admins_and_auditors_read_but_cannot_write(role: str) -> None:
    user = make_user(role=role, unit=UnitFactory(kind="instansi"))
    client = login_client(user)
    page = client.get(reverse("ledger:rules"))
    assert page.status_code == 200
    assert "Simpan target" not in page.content.decode()
    assert client.post(reverse("ledger:target_set"), _target_post()).status_code == 403
    rule = ConversionRule.objects.order_by("pk")[0]
    assert client.post(reverse("ledger:rule_edit", args=[rule.pk]), {}).status_code == 403
    assert not JPTarget.objects.filter(valid_from_year=YEAR, target_jp=Decimal("10")).exists()


def test_the_command_sets_a_target_through_the_same_service(
    province_admin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    call_command("jp_target_set", "--kind", "pppk", "--from", str(YEAR + 1), "--jp", "24",
                 "--max", "24", "--basis", "PermenPANRB uji", "--actor",
                 province_admin.username, stdout=out)  # fmt: skip
    assert json.loads(out.getvalue()) == {
        "employee_kind": "pppk", "valid_from_year": YEAR + 1, "target_jp": 24.0,
        "max_jp": 24.0, "basis": "PermenPANRB uji",
    }  # fmt: skip
    with pytest.raises(CommandError, match="target_jp"):
        call_command("jp_target_set", "--kind", "pns", "--from", "2027", "--jp", "lots",
                     "--basis", "x", stdout=io.StringIO())  # fmt: skip

    # Every path that writes a target reaches `ledger_target_set` (page and command).
    calls: list[str] = []
    real = targets.ledger_target_set

    def spy(**kwargs: Any) -> Any:
        calls.append(kwargs["employee_kind"])
        return real(**kwargs)

    monkeypatch.setattr("garda.learning.ledger.views_rules.ledger_target_set", spy)
    monkeypatch.setattr(
        "garda.learning.ledger.management.commands.jp_target_set.ledger_target_set", spy
    )
    login_client(province_admin).post(reverse("ledger:target_set"), _target_post())
    call_command("jp_target_set", "--kind", "pppk", "--from", str(YEAR), "--jp", "20",
                 "--basis", "uji", stdout=io.StringIO())  # fmt: skip
    assert calls == ["pns", "pppk"]
