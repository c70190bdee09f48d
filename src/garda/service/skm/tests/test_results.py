"""Results from the database: one aggregate, exact ninths, subtree and dates inclusive."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from garda.service.skm import selectors
from garda.service.skm.testing import add_answers, make_survey, make_unit

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def test_results_of_a_unit() -> None:
    survey = make_survey(day=DAY)
    add_answers(survey, [(4, 3, 3, 4, 3, 4, 4, 2, 3), (3, 3, 2, 4, 3, 3, 4, 2, 2)], day=DAY)
    add_answers(survey, [(4, 4, 4, 4, 4, 4, 4, 3, 4)], day=DAY + dt.timedelta(days=1))
    result = selectors.skm_results(unit_id=survey.unit_id, start=DAY, end=DAY + dt.timedelta(1))
    assert result.respondents == 3
    assert result.nrr["U1"] == Decimal("3.6667")
    assert result.nrr["U8"] == Decimal("2.3333")
    # sums 11+10+9+12+10+11+12+7+9 = 91 over 27 -> 3.370370..., x25 = 84.259...
    assert result.ikm == Decimal("3.3704")
    assert result.ikm_converted == Decimal("84.26")
    assert (result.grade, result.grade_label) == ("B", "Baik")
    assert result.weakest[0] == "U8"
    report = result.as_report()
    assert report["respondents"] == 3
    assert report["grade"] == "B"


def test_dates_inclusive_and_subtree() -> None:
    parent = make_unit(kind="opd")
    child = make_unit(parent)
    add_answers(make_survey(child, day=DAY), [(4,), (4,)], day=DAY)
    add_answers(make_survey(parent, day=DAY), [(1,)], day=DAY + dt.timedelta(days=5))
    only_day = selectors.skm_results(unit_id=parent.pk, start=DAY, end=DAY)
    assert only_day.respondents == 2
    assert only_day.ikm_converted == Decimal("100.00")
    everything = selectors.skm_results(unit_id=parent.pk, start=DAY, end=DAY + dt.timedelta(5))
    assert everything.respondents == 3
    assert everything.ikm_converted == Decimal("75.00")  # (4+4+1)/3 = 3 -> 75 -> C
    assert everything.grade == "C"
    child_only = selectors.skm_results(unit_id=child.pk, start=DAY, end=DAY + dt.timedelta(5))
    assert child_only.respondents == 2


def test_nobody_answered() -> None:
    survey = make_survey(day=DAY)
    result = selectors.skm_results(unit_id=survey.unit_id, start=DAY, end=DAY)
    assert result.respondents == 0
    assert result.ikm is None
    assert result.grade == ""


def test_observations_average_to_the_index() -> None:
    survey = make_survey(day=DAY)
    add_answers(survey, [(4, 3, 3, 4, 3, 4, 4, 2, 3)], day=DAY)
    add_answers(survey, [(2,), (3,)], day=DAY + dt.timedelta(days=2))
    end = DAY + dt.timedelta(days=2)
    observations = selectors.skm_observations(unit_id=survey.unit_id, start=DAY, end=end)
    assert [o.answered_on for o in observations] == [DAY, end, end]
    mean = sum(o.value for o in observations) / len(observations)
    result = selectors.skm_results(unit_id=survey.unit_id, start=DAY, end=end)
    assert round(mean, 2) == float(result.ikm_converted or 0)
    daily = selectors.skm_answers_daily(unit_id=survey.unit_id, start=DAY, end=end)
    assert [(d.day, d.respondents) for d in daily] == [(DAY, 1), (end, 2)]
    assert daily[1].mean == pytest.approx(62.5)
    u8 = selectors.skm_observations(unit_id=survey.unit_id, start=DAY, end=end, element="U8")
    assert [o.value for o in u8] == [50.0, 50.0, 75.0]
