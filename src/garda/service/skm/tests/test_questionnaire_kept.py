"""The questionnaire kept per process (selectors.open_questionnaire) under the surveys' data
version ("skm-surveys"): every service that writes a survey, its extra elements or an
edition's elements bumps it, so a survey closed anywhere is refused by the next answer, and a
new question shows on the next form. Answers do not bump it (issue 15: the waiting room would
queue on the version row)."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from garda.core.dataversion import data_stamp
from garda.service.skm import selectors, services, stamp
from garda.service.skm.forms import answer_form_for
from garda.service.skm.models import Answer, Channel, ExtraScore
from garda.service.skm.testing import invitation_for, make_survey, make_unit, scores

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[3]  # src/garda
# The models a questionnaire is made of, and the names their rows go by in the code.
MODELS = {"Survey", "ExtraElement", "Element", "Edition"}
ROWS = {"survey", "extra", "element", "edition", "extras", "elements"}
WRITES = {"create", "bulk_create", "update", "bulk_update", "get_or_create", "update_or_create",
          "save", "delete"}  # fmt: skip
WRITERS = {("service/skm/services/surveys.py", name) for name in
           ("survey_create", "survey_update", "survey_publish", "extra_element_add")}  # fmt: skip


def _questionnaire_writes() -> set[tuple[str, str]]:
    """(file, function) of every write on an expression naming one of MODELS (anywhere), or
    one of ROWS (in SKM's own code, or code importing its models)."""
    found = set()
    for file in sorted(SRC.rglob("*.py")):
        rel = file.relative_to(SRC).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in f"/{rel}":
            continue
        text = file.read_text(encoding="utf-8")
        own = rel.startswith("service/skm/") or "garda.service.skm" in text
        for function in ast.walk(ast.parse(text)):
            if not isinstance(function, ast.FunctionDef):
                continue
            for call in ast.walk(function):
                func = getattr(call, "func", None)
                if not isinstance(call, ast.Call) or not isinstance(func, ast.Attribute):
                    continue
                if func.attr not in WRITES:
                    continue
                names = {getattr(n, "id", getattr(n, "attr", "")) for n in ast.walk(func.value)}
                if names & MODELS or (own and names & ROWS):
                    found.add((rel, function.name))
    return found


def _calls(rel: str, name: str) -> set[str]:
    tree = ast.parse((SRC / rel).read_text(encoding="utf-8"))
    function = next(
        node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == name
    )
    return {
        call.func.attr
        for call in ast.walk(function)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
    }


def test_every_writer_of_a_questionnaire_bumps_the_surveys_stamp() -> None:
    """The enumeration: only these services write surveys, extra elements, editions or their
    elements (editions otherwise only by migrations), and each bumps the stamp. A writer
    added elsewhere, or without the bump, would let a closed survey take answers."""
    assert _questionnaire_writes() == WRITERS
    for rel, name in WRITERS:
        assert "bump_surveys" in _calls(rel, name), f"{rel}:{name} does not bump the stamp"


def test_each_writer_changes_the_stamp_and_an_answer_does_not() -> None:
    def changes(write: Any) -> bool:
        before = data_stamp(stamp.SURVEYS)
        write()
        return data_stamp(stamp.SURVEYS) != before

    assert changes(lambda: make_survey(make_unit()))
    survey = make_survey(make_unit())
    assert changes(
        lambda: services.survey_update(actor=None, survey=survey, is_open=True, population_count=9)
    )
    assert changes(lambda: services.survey_publish(actor=None, survey=survey, publish=True))
    assert changes(
        lambda: services.extra_element_add(
            actor=None,
            survey=survey,
            code="X1",
            name="Parkir",
            question="Parkirnya?",
            weight=Decimal("0.1"),
        )
    )
    answer = services.AnswerInput(scores=scores(3), answered_on=timezone.localdate())
    assert not changes(
        lambda: services.answer_submit(actor=None, survey=survey, data=answer, channel="link")
    )


def _form(score: int = 4, **extra: Any) -> dict[str, Any]:
    return {**{f"u{n}": score for n in range(1, 10)}, **extra}


def test_a_kept_questionnaire_is_refused_once_closed_and_taken_once_reopened() -> None:
    survey = make_survey(make_unit())
    url = reverse("skm:answer_open", args=[survey.pk])
    client = Client()
    assert client.get(url).status_code == 200
    assert client.post(url, _form(4)).status_code == 302
    kept = selectors.open_questionnaire(survey.pk)
    assert kept is not None
    assert kept is selectors.open_questionnaire(survey.pk)  # kept, no new read

    services.survey_update(actor=None, survey=survey, is_open=False, population_count=None)
    assert selectors.open_questionnaire(survey.pk) is None
    assert client.get(url).status_code == 404
    assert client.post(url, _form(4)).status_code == 404
    assert Answer.objects.filter(survey=survey).count() == 1

    services.survey_update(actor=None, survey=survey, is_open=True, population_count=None)
    assert client.post(url, _form(2)).status_code == 302
    assert Answer.objects.filter(survey=survey).count() == 2


def test_a_new_extra_element_is_asked_on_the_next_form() -> None:
    survey = make_survey(make_unit())
    url = reverse("skm:answer_open", args=[survey.pk])
    client = Client()
    assert "Parkirnya nyaman?" not in client.get(url).content.decode()
    services.extra_element_add(
        actor=None, survey=survey, code="X1", name="Parkir", question="Parkirnya nyaman?",
        weight=Decimal("0.2"),
    )  # fmt: skip
    assert "Parkirnya nyaman?" in client.get(url).content.decode()
    assert client.post(url, _form(3, x_x1=4)).status_code == 302
    assert ExtraScore.objects.get().value == 4


def test_instances_of_a_prepared_form_share_fields_but_not_their_data() -> None:
    survey = make_survey(make_unit())
    questionnaire = selectors.open_questionnaire(survey.pk)
    assert questionnaire is not None
    form_class = answer_form_for(questionnaire)
    assert form_class is answer_form_for(questionnaire)
    first = form_class({k: v for k, v in _form(4).items() if k != "u5"})
    second = form_class(_form(3, tag_u3="improve"))
    assert first.fields["u1"] is second.fields["u1"]  # built once
    assert not first.is_valid()
    assert set(first.errors) == {"u5"}
    assert second.is_valid(), second.errors
    assert second.answer_input().tags == {"U3": "improve"}
    assert second.answer_input().scores["U5"] == 3
    # The page of one answer never shows another's errors or values.
    client = Client()
    url = reverse("skm:answer_open", args=[survey.pk])
    bad = client.post(url, {k: v for k, v in _form(1).items() if k != "u2"})
    assert bad.status_code == 400
    assert 'class="err"' in bad.content.decode()
    page = client.get(url).content.decode()
    assert 'class="err"' not in page
    assert "checked" not in page


def test_the_invitation_path_uses_the_same_questionnaire_and_refuses_closed() -> None:
    survey = make_survey(make_unit())
    token = invitation_for(survey, code="KEPT01")
    client = Client()
    url = reverse("skm:answer", args=[token])
    assert client.get(url).status_code == 200
    services.survey_update(actor=None, survey=survey, is_open=False, population_count=None)
    assert client.post(url, _form(4)).status_code == 404
    assert not Answer.objects.filter(channel=Channel.QUEUE).exists()
