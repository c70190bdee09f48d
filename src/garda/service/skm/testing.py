"""Test helpers of SKM, including the role-matrix parameters of its routes
(garda/tests/test_role_matrix.py takes `role_matrix_params()` and `ROLE_MATRIX_SKIP`)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from garda.core.followups import FinishedService
from garda.core.models import Unit, User
from garda.core.org.services import unit_create
from garda.service.skm import services
from garda.service.skm.invitations import invitation_token
from garda.service.skm.models import ELEMENT_CODES, Channel, Survey
from garda.service.skm.periods import period_of

ROLE_MATRIX_SKIP: dict[str, str] = {}
_numbers = itertools.count(1)


def make_unit(parent: Unit | None = None, kind: str = "upt") -> Unit:
    n = next(_numbers)
    return unit_create(actor=None, code=f"SKM.UJI.{n}", name=f"Unit Layanan Uji {n}", kind=kind,
                       parent=parent)  # fmt: skip


def make_survey(unit: Unit | None = None, *, day: dt.date | None = None, **extra: Any) -> Survey:
    """A yearly survey of `unit` for the year of `day` (today)."""
    day = day or timezone.localdate()
    year, number = period_of("year", day)
    return services.survey_create(
        actor=None, unit_id=(unit or make_unit()).pk, period_kind="year", year=year,
        number=number, **extra,
    )  # fmt: skip


def scores(*values: int) -> dict[str, int]:
    """{"U1": v1, ..., "U9": v9}; one value repeats for all nine."""
    row = list(values) * 9 if len(values) == 1 else list(values)
    return dict(zip(ELEMENT_CODES, row, strict=True))


def add_answers(
    survey: Survey, rows: Sequence[Sequence[int]], *, day: dt.date | None = None
) -> None:
    """Paper answers entered by the system, one per row of nine scores."""
    for row in rows:
        services.answer_submit(
            actor=None, survey=survey, channel=Channel.PAPER,
            data=services.AnswerInput(scores=scores(*row), answered_on=day or survey.starts_on),
        )  # fmt: skip


def _own_survey(user: User | None) -> dict[str, Any]:
    unit = user.unit if user is not None and user.unit is not None else make_unit()
    survey = Survey.objects.filter(unit=unit).first() or make_survey(unit)
    return {"pk": survey.pk}


def _published(user: User | None) -> dict[str, Any]:
    survey = make_survey(make_unit())
    services.survey_publish(actor=None, survey=survey, publish=True)
    return {"pk": survey.pk}


def role_matrix_params() -> dict[str, Any]:
    return {
        "skm:survey_detail": _own_survey,
        "skm:survey_paper": _own_survey,
        "skm:survey_edit": _own_survey,
        "skm:survey_pdf": _own_survey,
        "skm:poster": _own_survey,
        "skm:answer_open": _own_survey,
        "skm:answer": _invitation,
        "skm:public_survey": _published,
        "skm:public_pdf": _published,
        "skm:survey_publish": _own_survey,
        "skm:extra_add": _own_survey,
        "skm:action_add": _own_survey,
        "skm:action_status": _own_action,
        "api:skm-survey-answers": _own_survey,
        "skm:public_unit": lambda user: {"unit_id": make_unit().pk},
        "skm:suggestion_detail": _own_suggestion,
        "api:skm-survey-detail": _published,
        "api:skm-survey-results": _published,
    }


def _invitation(user: User | None) -> dict[str, Any]:
    survey = make_survey(make_unit())
    return {"token": invitation_for(survey, code=f"T{next(_numbers):06d}")}


def invitation_for(survey: Survey, *, code: str, kind: str = "queue") -> str:
    """The token a finished visit (or answered request) of the survey's unit carries."""
    finished = FinishedService(kind, code, survey.unit_id, timezone.localdate())
    return invitation_token(finished)


def _own_action(user: User | None) -> dict[str, Any]:
    survey = Survey.objects.get(pk=_own_survey(user)["pk"])
    item = services.action_create(
        actor=None, survey=survey, element_code="U3", action="Uji", responsible="Kepala",
        due_on=survey.ends_on,
    )  # fmt: skip
    return {"pk": item.pk}


def _own_suggestion(user: User | None) -> dict[str, Any]:
    survey = Survey.objects.get(pk=_own_survey(user)["pk"])
    services.answer_submit(
        actor=None, survey=survey, channel=Channel.PAPER,
        data=services.AnswerInput(scores=scores(3), answered_on=survey.starts_on,
                                  suggestion="Tambah kursi ruang tunggu"),
    )  # fmt: skip
    return {"pk": survey.suggestions.latest("pk").pk}
