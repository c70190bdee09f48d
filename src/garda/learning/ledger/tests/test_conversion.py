"""JP conversion against every row of the table in asn.md (seeded rows, read from the
database), the caps across entries, and properties that hold for any activity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from garda.core.testing import UnitFactory
from garda.learning.ledger.conversion import Activity, Rule, Usage, compute_jp
from garda.learning.ledger.models import LearningForm
from garda.learning.ledger.rules import rule_for, targets_for_year
from garda.learning.ledger.services import create_entry
from garda.learning.ledger.testing import make_employee

D = Decimal
MON = dt.date(2026, 5, 4)


def _day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def _jp(code: str, activity: Activity) -> Decimal:
    return compute_jp(rule_for(LearningForm.objects.get(code=code).pk), activity)


# (form code, activity, expected JP) — one or more per row of asn.md's table.
TABLE = [
    ("tugas-belajar", Activity(MON, dt.date(2027, 5, 3), quantity=2), D("40")),
    ("izin-belajar", Activity(dt.date(2026, 1, 1), dt.date(2026, 6, 30)), D("20")),
    ("izin-belajar", Activity(dt.date(2026, 1, 1), dt.date(2027, 12, 31)), D("80")),
    ("seminar", Activity(MON, MON), D("4")),
    ("seminar", Activity(MON, _day(2)), D("12")),
    ("sosialisasi", Activity(MON, _day(1)), D("8")),
    ("workshop", Activity(MON, _day(2)), D("15")),
    ("workshop", Activity(MON, _day(4), quantity=2), D("10")),
    ("coaching", Activity(MON, MON, quantity=1), D("2")),
    ("coaching", Activity(MON, MON, quantity=3), D("4")),
    ("mentoring", Activity(MON, MON, quantity=2), D("4")),
    ("e-learning", Activity(MON, MON, stated_jp=D("5")), D("3")),
    ("e-learning", Activity(MON, _day(1), stated_jp=D("5")), D("5")),
    ("e-learning", Activity(MON, _day(1), stated_jp=D("8")), D("6")),
    ("detasering", Activity(MON, _day(60)), D("20")),
    ("magang", Activity(MON, _day(20)), D("20")),
    ("pertukaran", Activity(MON, _day(90)), D("20")),
    ("patok-banding", Activity(MON, _day(2)), D("10")),
    ("belajar-mandiri", Activity(MON, MON, stated_jp=D("4")), D("2")),
    ("komunitas-belajar", Activity(MON, _day(2), stated_jp=D("4.5")), D("4.5")),
    ("teknis", Activity(MON, _day(4), stated_jp=D("40")), D("40")),
    ("pkp", Activity(MON, _day(90), stated_jp=D("279")), D("279")),
    # abroad: domestic JP + 20 %
    ("seminar", Activity(MON, MON, abroad=True), D("4.8")),
    ("patok-banding", Activity(MON, MON, abroad=True), D("12")),
    ("teknis", Activity(MON, MON, stated_jp=D("7"), abroad=True), D("8.4")),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "activity", "expected"), TABLE)
def test_every_row_of_the_table(code: str, activity: Activity, expected: Decimal) -> None:
    assert _jp(code, activity) == expected


@pytest.mark.django_db
def test_every_form_has_a_rule_and_targets_are_seeded() -> None:
    assert all(hasattr(form, "conversion_rule") for form in LearningForm.objects.all())
    assert targets_for_year(2026) == {"pns": D("20"), "pppk": D("24")}


@pytest.mark.django_db
def test_caps_apply_across_the_employees_other_entries() -> None:
    """Through the one write function: what an entry records depends on the entries before."""
    employee = make_employee(unit=UnitFactory())
    coaching = LearningForm.objects.get(code="coaching")
    elearning = LearningForm.objects.get(code="e-learning")

    def record(form: LearningForm, day: dt.date, *, jp: str | None, quantity: int = 0) -> D:
        entry, _created = create_entry(
            employee_id=employee.pk, form_id=form.pk, title=f"{form.code} {day}", provider="",
            started_on=day, finished_on=day, jp=None if jp is None else D(jp),
            source_kind="external", source_key=None, quantity=quantity,
        )  # fmt: skip
        return entry.jp

    assert record(coaching, MON, jp="2", quantity=1) == D("2")
    # One session already counted in May: only one more counts this month, none beyond.
    assert record(coaching, _day(10), jp=None, quantity=2) == D("2")
    assert record(coaching, dt.date(2026, 6, 1), jp=None, quantity=2) == D("4")
    assert record(elearning, MON, jp="2") == D("2")
    # 3 JP a day across the ASN's e-learning: a second course that day adds only 1.
    assert record(elearning, MON, jp="3") == D("1")


RULES = st.builds(
    Rule,
    unit=st.sampled_from(["semester", "day", "session", "activity", "stated"]),
    jp_per_unit=st.decimals(min_value=0, max_value=40, places=1),
    cap_per_day=st.one_of(st.none(), st.decimals(min_value=0, max_value=10, places=1)),
    cap_sessions_per_month=st.one_of(st.none(), st.integers(min_value=0, max_value=5)),
    abroad_bonus_percent=st.decimals(min_value=0, max_value=50, places=1),
)


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    start = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)))
    length = draw(st.integers(min_value=0, max_value=30))
    return Activity(
        started_on=start,
        finished_on=start + dt.timedelta(days=length),
        quantity=draw(st.integers(min_value=0, max_value=10)),
        stated_jp=draw(st.decimals(min_value=0, max_value=300, places=1)),
        abroad=draw(st.booleans()),
    )


@given(rule=RULES, activity=activities())
def test_jp_is_never_negative_and_has_one_decimal(rule: Rule, activity: Activity) -> None:
    jp = compute_jp(rule, activity)
    assert jp >= 0
    assert jp == jp.quantize(D("0.1"))


@given(rule=RULES, activity=activities(), used=st.decimals(min_value=0, max_value=20, places=1))
def test_earlier_hours_never_raise_the_jp(rule: Rule, activity: Activity, used: Decimal) -> None:
    days = {
        activity.started_on + dt.timedelta(days=n): used
        for n in range((activity.finished_on - activity.started_on).days + 1)
    }
    month = (activity.started_on.year, activity.started_on.month)
    busy = Usage(jp_by_day=days, sessions_by_month={month: int(used)})
    assert compute_jp(rule, activity, busy) <= compute_jp(rule, activity)


@given(activity=activities(), cap=st.decimals(min_value=0, max_value=10, places=1))
def test_a_daily_cap_bounds_the_total(activity: Activity, cap: Decimal) -> None:
    rule = Rule(unit="stated", cap_per_day=cap, abroad_bonus_percent=D("0"))
    days = (activity.finished_on - activity.started_on).days + 1
    assert compute_jp(rule, activity) <= (cap * days).quantize(D("0.1"))
