"""Reads of SKM: results (the one computation behind page, PDF, API and `skm_report`), the
observations other apps compare before and after a change, and scoped lists for staff.

`skm_results` and `skm_observations`/`skm_answers_daily` are read by `garda.service.innovation`
(impact of an innovation on its unit's index): keep their signatures stable."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Count, Q, Sum

from garda.core.access import scope_by_unit, subtree_ids
from garda.core.dataversion import data_stamp
from garda.core.errors import NotFound
from garda.core.models import Unit, User
from garda.service.skm import scoring, stamp
from garda.service.skm.models import (
    ELEMENT_CODES,
    ELEMENT_COUNT,
    SCORE_FIELDS,
    Answer,
    AnswerTag,
    Edition,
    Element,
    ExtraElement,
    ExtraScore,
    Suggestion,
    SuggestionStatus,
    Survey,
)

__all__ = [
    "SkmDay",
    "SkmObservation",
    "SkmResult",
    "current_edition",
    "skm_answers_daily",
    "skm_observations",
    "skm_results",
    "survey_results",
]


@dataclass(frozen=True)
class SkmResult:
    """The published figures of a unit over a date range. `ikm`, `ikm_converted` are None and
    `grade` is "" when nobody answered."""

    unit_id: int
    start: dt.date
    end: dt.date
    respondents: int
    nrr: dict[str, Decimal]  # {"U1": Decimal("3.2500"), ...} 4 decimals
    ikm: Decimal | None  # 4 decimals
    ikm_converted: Decimal | None  # 2 decimals
    grade: str  # A-D, from ikm_converted
    grade_label: str
    edition: str = ""
    extras: dict[str, Decimal] = field(default_factory=dict)  # unit's own elements, beside
    weakest: list[str] = field(default_factory=list)  # lowest NRR first
    tags: dict[str, dict[str, int]] = field(default_factory=dict)  # {"U3": {"improve": 4}}

    def as_report(self) -> dict[str, Any]:
        """The document `garda skm_report` prints (Decimals kept exact)."""
        return {
            "unit_id": self.unit_id,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "respondents": self.respondents,
            "nrr": dict(self.nrr),
            "ikm": self.ikm,
            "ikm_converted": self.ikm_converted,
            "grade": self.grade or None,
            "grade_label": self.grade_label or None,
        }


@dataclass(frozen=True)
class SkmObservation:
    """One answer: its day and its value on the converted scale (25-100): the mean of its
    nine scores x 25, or one element's score x 25. Their mean is the converted IKM."""

    answered_on: dt.date
    value: float


@dataclass(frozen=True)
class SkmDay:
    day: dt.date
    respondents: int
    mean: float  # mean observation of the day (converted scale)


def current_edition() -> Edition:
    edition = Edition.objects.filter(is_current=True).first()
    if edition is None:
        raise NotFound("Belum ada edisi SKM yang berlaku.", "No SKM edition is in force.")
    return edition


def _grade_bands(edition: Edition) -> list[tuple[str, Decimal, str]]:
    return [(g.grade, g.minimum, g.label) for g in edition.grades.all()]


def _unit_surveys(unit_id: int, start: dt.date, end: dt.date) -> list[Survey]:
    """Surveys of the unit's subtree whose period overlaps `start`..`end` (a few rows)."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("Unit tidak ditemukan.", "Unit not found.")
    return list(
        Survey.objects.filter(unit_id__in=subtree_ids(unit), starts_on__lte=end, ends_on__gte=start)
        .select_related("edition")
        .order_by("-starts_on", "pk")
    )


def _unit_answers(unit_id: int, start: dt.date, end: dt.date) -> models.QuerySet[Answer]:
    """Answers by survey id and day, the (survey, answered_on) index: no join, one pass."""
    ids = [survey.pk for survey in _unit_surveys(unit_id, start, end)]
    return Answer.objects.filter(survey_id__in=ids, answered_on__gte=start, answered_on__lte=end)


def _compute(
    answers: models.QuerySet[Answer], *, unit_id: int, start: dt.date, end: dt.date,
    edition: Edition, survey_ids: list[int],
) -> SkmResult:  # fmt: skip
    """One aggregate statement over the answers (sums per element), then exact arithmetic;
    extras and tags are read joined from their own (small) side."""
    sums = answers.aggregate(
        respondents=Count("pk"), **{field: Sum(field) for field in SCORE_FIELDS}
    )
    respondents = int(sums["respondents"] or 0)
    if respondents == 0:
        return SkmResult(unit_id, start, end, 0, {}, None, None, "", "", edition.code)
    exact = {
        code: scoring.nrr(int(sums[field]), respondents)
        for code, field in zip(ELEMENT_CODES, SCORE_FIELDS, strict=True)
    }
    index = scoring.ikm(exact.values(), elements=ELEMENT_COUNT)
    converted = scoring.round_half_up(index * Fraction(edition.conversion_factor), 2)
    grade, label = scoring.grade_for(converted, _grade_bands(edition))
    nrr = {code: scoring.round_half_up(value, 4) for code, value in exact.items()}
    extras = {
        row["element__code"]: scoring.round_half_up(Fraction(int(row["total"]), row["n"]), 4)
        for row in ExtraScore.objects.filter(
            element__survey_id__in=survey_ids,
            answer__answered_on__gte=start,
            answer__answered_on__lte=end,
        )
        .values("element__code")
        .annotate(total=Sum("value"), n=Count("pk"))
        .order_by("element__code")
    }
    tags: dict[str, dict[str, int]] = defaultdict(dict)
    for row in (
        AnswerTag.objects.filter(
            answer__survey_id__in=survey_ids,
            answer__answered_on__gte=start,
            answer__answered_on__lte=end,
        )
        .values("element_code", "kind")
        .annotate(n=Count("pk"))
        .order_by("element_code")
    ):
        tags[row["element_code"]][row["kind"]] = row["n"]
    return SkmResult(
        unit_id=unit_id, start=start, end=end, respondents=respondents, nrr=nrr,
        ikm=scoring.round_half_up(index, 4), ikm_converted=converted, grade=grade,
        grade_label=label, edition=edition.code, extras=extras,
        weakest=scoring.weakest(nrr), tags=dict(tags),
    )  # fmt: skip


def skm_results(*, unit_id: int, start: dt.date, end: dt.date) -> SkmResult:
    """Results of the unit and every unit below it, answers dated `start`..`end` inclusive.
    Public figures (aggregates only): no scoping."""
    surveys = _unit_surveys(unit_id, start, end)
    ids = [survey.pk for survey in surveys]
    answers = Answer.objects.filter(survey_id__in=ids, answered_on__gte=start, answered_on__lte=end)
    # The edition of the latest survey in the range (else the one in force).
    edition = surveys[0].edition if surveys else current_edition()
    return _compute(answers, unit_id=unit_id, start=start, end=end, edition=edition, survey_ids=ids)


def survey_results(survey: Survey) -> SkmResult:
    """Results of one survey (its own answers only)."""
    return _compute(
        survey.answers.all(), unit_id=survey.unit_id, start=survey.starts_on,
        end=survey.ends_on, edition=survey.edition, survey_ids=[survey.pk],
    )  # fmt: skip


def _value_expression(element: str | None) -> Any:
    if element is None:
        total: Any = models.F(SCORE_FIELDS[0])
        for score in SCORE_FIELDS[1:]:
            total = total + models.F(score)
        return total
    if element not in ELEMENT_CODES:
        raise NotFound(f"Unsur {element} tidak ada.", f"No element {element}.")
    return models.F(SCORE_FIELDS[ELEMENT_CODES.index(element)])


def skm_observations(
    *, unit_id: int, start: dt.date, end: dt.date, element: str | None = None
) -> list[SkmObservation]:
    """Every answer in range as one observation (see SkmObservation), oldest first."""
    divisor = ELEMENT_COUNT if element is None else 1
    rows = (
        _unit_answers(unit_id, start, end)
        .annotate(points=_value_expression(element))
        .order_by("answered_on", "pk")
        .values_list("answered_on", "points")
    )
    return [SkmObservation(day, points * 25 / divisor) for day, points in rows]


def skm_answers_daily(
    *, unit_id: int, start: dt.date, end: dt.date, element: str | None = None
) -> list[SkmDay]:
    """Answers per day with the day's mean observation; days without answers are absent."""
    divisor = ELEMENT_COUNT if element is None else 1
    rows = (
        _unit_answers(unit_id, start, end)
        .values("answered_on")
        .annotate(n=Count("pk"), points=Sum(_value_expression(element)))
        .order_by("answered_on")
    )
    return [
        SkmDay(row["answered_on"], row["n"], row["points"] * 25 / divisor / row["n"])
        for row in rows
    ]


# --- Staff lists ---------------------------------------------------------------------------


def _listed(surveys: models.QuerySet[Survey]) -> models.QuerySet[Survey]:
    """Surveys as lists show them: with their unit, edition and number of respondents."""
    return surveys.select_related("unit", "edition").annotate(respondents=Count("answers"))


def survey_list(user: User | AnonymousUser) -> models.QuerySet[Survey]:
    """The surveys of the units `user` works for (staff pages)."""
    return _listed(scope_by_unit(Survey.objects.all(), user)).order_by("-starts_on", "unit__name")


def surveys_readable(user: User | AnonymousUser) -> models.QuerySet[Survey]:
    """Published surveys for everyone, and the unpublished ones of the user's scope (API)."""
    visible = scope_by_unit(Survey.objects.all(), user).values("pk")
    readable = Survey.objects.filter(Q(published_at__isnull=False) | Q(pk__in=visible))
    return _listed(readable).order_by("-starts_on", "unit__name", "pk")


def survey_get(user: User | AnonymousUser, pk: int) -> Survey:
    """One survey of the user's scope (staff pages and API writes); NotFound otherwise."""
    found = scope_by_unit(Survey.objects.select_related("unit", "edition"), user).filter(pk=pk)
    survey = found.first()
    if survey is None:
        raise NotFound
    return survey


def survey_public(pk: int) -> Survey:
    """A published survey, for anyone."""
    found = (
        Survey.objects.select_related("unit", "edition")
        .filter(pk=pk, published_at__isnull=False)
        .first()
    )
    if found is None:
        raise NotFound
    return found


def surveys_published(*, unit_id: int | None = None) -> models.QuerySet[Survey]:
    surveys = Survey.objects.filter(published_at__isnull=False)
    if unit_id is not None:
        surveys = surveys.filter(unit_id=unit_id)
    return _listed(surveys).order_by("unit__name", "-starts_on")


@dataclass(frozen=True, eq=False)
class Questionnaire:
    """An open survey as every answer to it needs it: the survey with its unit and edition,
    the edition's elements and the survey's own extra elements. Kept per process and shared
    by concurrent requests: read only."""

    survey: Survey
    elements: tuple[Element, ...]
    extras: tuple[ExtraElement, ...]


# {survey id: (surveys' stamp, monotonic time read, questionnaire)}. Per process rather than
# in the cache: what an answer needs of its survey cost three queries and their ORM work
# (about a third of an answer's CPU), and a shared cache would unpickle model instances.
_questionnaires: dict[int, tuple[str, float, Questionnaire]] = {}
# The unit's name shown on the page is read with the survey but written by core.org, which
# does not bump SKM's stamp: a renamed unit shows within this many seconds.
QUESTIONNAIRE_SECONDS = 60.0
_QUESTIONNAIRES_KEPT = 512  # open surveys of a province fit many times over


def open_questionnaire(pk: int) -> Questionnaire | None:
    """The questionnaire of survey `pk` if it is open (takes answers), else None.

    The surveys' stamp (stamp.SURVEYS) is read on every call, one primary-key statement,
    and a kept questionnaire is used only under the stamp it was read under: every service
    that opens or closes a survey, or changes what its form asks, bumps the stamp in its
    transaction, so a survey closed in any process is refused by the next answer here.
    Closed and unknown surveys are never kept (asked again each time)."""
    version = data_stamp(stamp.SURVEYS)
    kept = _questionnaires.get(pk)
    now = time.monotonic()
    if kept is not None and kept[0] == version and now - kept[1] < QUESTIONNAIRE_SECONDS:
        return kept[2]
    # On the primary, where the stamp was read, and after it: if a write commits in between,
    # its newer state is kept under the older stamp, which the next call no longer matches.
    # A replica (a GET may read from one, core.dbrouter) could still show the survey open
    # under the stamp that closed it, and every answer would then be taken.
    primary = DEFAULT_DB_ALIAS
    survey = (
        Survey.objects.using(primary)
        .select_related("edition", "unit")
        .filter(pk=pk, is_open=True)
        .first()
    )
    if survey is None:
        _questionnaires.pop(pk, None)
        return None
    # Ordered by their own columns: the models' default orderings start with the parent
    # (edition, survey), which makes the ORM join the parent to resolve its ordering.
    elements = Element.objects.using(primary).filter(edition_id=survey.edition_id)
    extras = ExtraElement.objects.using(primary).filter(survey_id=survey.pk)
    found = Questionnaire(
        survey, tuple(elements.order_by("position")), tuple(extras.order_by("code"))
    )
    if len(_questionnaires) >= _QUESTIONNAIRES_KEPT:
        _questionnaires.clear()
    _questionnaires[pk] = (version, now, found)
    return found


def forget_questionnaires() -> None:
    """Drop every kept questionnaire (tests: ids and stamps come back after a rollback)."""
    _questionnaires.clear()


def survey_open_for(unit_id: int, day: dt.date) -> Survey | None:
    """The open survey of the unit (or its nearest ancestor with one) covering `day`."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        return None
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    candidates = Survey.objects.filter(
        unit_id__in=ids, is_open=True, starts_on__lte=day, ends_on__gte=day
    ).select_related("unit", "edition")
    by_unit = {survey.unit_id: survey for survey in candidates.order_by("starts_on")}
    for ancestor in reversed(ids):
        if ancestor in by_unit:
            return by_unit[ancestor]
    return None


@dataclass(frozen=True)
class Progress:
    population: int | None
    minimum: int | None
    respondents: int

    @property
    def percent(self) -> int | None:
        if not self.minimum:
            return None
        return min(100, self.respondents * 100 // self.minimum)

    @property
    def reached(self) -> bool:
        return self.minimum is not None and self.respondents >= self.minimum


def survey_progress(survey: Survey, *, respondents: int | None = None) -> Progress:
    count = survey.answers.count() if respondents is None else respondents
    if survey.population is None:
        return Progress(None, None, count)
    edition = survey.edition
    minimum = scoring.krejcie_morgan(
        survey.population, chi_square=edition.sample_chi_square,
        proportion=edition.sample_proportion, margin=edition.sample_margin,
    )  # fmt: skip
    return Progress(survey.population, minimum, count)


def unit_trend(unit_id: int, *, published_only: bool) -> list[tuple[Survey, SkmResult]]:
    """Each survey of the unit, oldest first, with its results."""
    surveys = Survey.objects.filter(unit_id=unit_id).select_related("unit", "edition")
    if published_only:
        surveys = surveys.filter(published_at__isnull=False)
    return [(survey, survey_results(survey)) for survey in surveys.order_by("starts_on")]


def suggestion_list(
    user: User | AnonymousUser, *, status: str | None = None
) -> models.QuerySet[Suggestion]:
    suggestions = scope_by_unit(
        Suggestion.objects.select_related("survey__unit"), user, unit_field="survey__unit"
    )
    if status in SuggestionStatus.values:
        suggestions = suggestions.filter(status=status)
    return suggestions


def suggestion_get(user: User | AnonymousUser, pk: int) -> Suggestion:
    found = suggestion_list(user).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return found


def _counted(suggestions: models.QuerySet[Suggestion]) -> dict[str, int]:
    counts = suggestions.aggregate(
        received=Count("pk"), answered=Count("pk", filter=Q(status=SuggestionStatus.ANSWERED))
    )
    found = {key: int(value or 0) for key, value in counts.items()}
    found["waiting"] = found["received"] - found["answered"]
    return found


def suggestion_counts(surveys: Iterable[int]) -> dict[str, int]:
    """Received, answered and still waiting suggestions of the surveys (published figures)."""
    return _counted(Suggestion.objects.filter(survey_id__in=list(surveys)))


def suggestion_counts_for(user: User | AnonymousUser) -> dict[str, int]:
    """The same counts over the suggestions `user` may read (the inbox)."""
    return _counted(suggestion_list(user).order_by())


def suggestions_waiting_count(user: User) -> int:
    """Suggestions in the user's scope nobody has answered yet (home page)."""
    return suggestion_list(user, status=SuggestionStatus.NEW).count()
