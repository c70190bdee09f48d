"""Every write of SKM: surveys and their extra elements, answers (phone, paper, import), the
follow-up plan, publication and the answers to suggestions. Each is one transaction with its
audit entry. An answer's audit entry names the survey and the channel only (answers are
anonymous and never shown one by one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from garda.core.access import unit_is_visible_to
from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotAllowed, NotFound, ValidationFailed
from garda.core.hotsql import insert_returning_pk
from garda.core.models import Unit, User
from garda.core.roles import Role
from garda.service.skm import periods, population, stamp
from garda.service.skm.emails import notify_suggestions
from garda.service.skm.errors import AlreadyAnswered, SurveyClosed, SurveyExists, WeightsTooHigh
from garda.service.skm.models import (
    ELEMENT_CODES,
    SCORE_FIELDS,
    ActionStatus,
    Answer,
    AnswerTag,
    Channel,
    Edition,
    ExtraElement,
    ExtraScore,
    FollowUpAction,
    PeriodKind,
    Suggestion,
    SuggestionStatus,
    Survey,
    TagKind,
)
from garda.service.skm.selectors import current_edition

Actor = User | AnonymousUser | None
PROFILE_FIELDS = ("age_band", "sex", "education", "occupation")
Row = TypeVar("Row", bound=Model)


def check_unit(actor: Actor, unit_id: int) -> None:  # also the import's check
    """System writes (actor None: commands, demo) reach every unit; people only their scope."""
    if actor is None:
        if not Unit.objects.filter(pk=unit_id).exists():
            raise NotFound("Unit tidak ditemukan.", "Unit not found.")
        return
    if getattr(actor, "role", "") == Role.AUDITOR and not getattr(actor, "is_superuser", False):
        raise NotAllowed  # auditors read everything and change nothing
    if not unit_is_visible_to(actor, unit_id):
        raise NotFound("Unit tidak ditemukan.", "Unit not found.")


@transaction.atomic
def survey_create(
    *, actor: Actor, unit_id: int, period_kind: str, year: int, number: int = 1,
    population_count: int | None = None, edition: Edition | None = None,
) -> Survey:  # fmt: skip
    """A survey of `unit_id` over one period. Without `population_count` the population is
    the unit's users in the previous period as the queue and PPID count them (None if 0)."""
    check_unit(actor, unit_id)
    if period_kind not in PeriodKind.values:
        raise ValidationFailed(errors=[{"field": "period_kind", "messages": ["?"]}])
    try:
        starts_on, ends_on = periods.period_dates(period_kind, year, number)
    except ValueError:
        raise ValidationFailed(
            "Nomor periode tidak sesuai jenis periode.", "The period number does not fit.",
            errors=[{"field": "number", "messages": ["1-4 / 1-2 / 1"]}],
        ) from None  # fmt: skip
    if population_count is None:
        unit = Unit.objects.get(pk=unit_id)
        before = periods.previous_period(period_kind, year, number)
        start, end = periods.period_dates(period_kind, *before)
        population_count = sum(population.unit_users(unit, start, end).values()) or None
    if Survey.objects.filter(
        unit_id=unit_id, period_kind=period_kind, year=year, number=number
    ).exists():
        raise SurveyExists
    survey = Survey.objects.create(
        unit_id=unit_id, edition=edition or current_edition(), period_kind=period_kind,
        year=year, number=number, starts_on=starts_on, ends_on=ends_on,
        population=population_count,
    )  # fmt: skip
    stamp.bump_surveys()
    audit_record(actor=actor, action="skm.survey_create", target=survey, after=snapshot(survey))
    return survey


@transaction.atomic
def survey_update(
    *, actor: Actor, survey: Survey, is_open: bool, population_count: int | None
) -> Survey:
    check_unit(actor, survey.unit_id)
    before = snapshot(survey, ["is_open", "population"])
    survey.is_open = is_open
    survey.population = population_count
    survey.save(update_fields=["is_open", "population", "updated_at"])
    stamp.bump_surveys()  # a closed survey is refused from the next answer on, everywhere
    audit_record(actor=actor, action="skm.survey_update", target=survey, before=before,
                 after=snapshot(survey, ["is_open", "population"]))  # fmt: skip
    return survey


@transaction.atomic
def survey_publish(*, actor: Actor, survey: Survey, publish: bool) -> Survey:
    check_unit(actor, survey.unit_id)
    survey.published_at = timezone.now() if publish else None
    survey.save(update_fields=["published_at", "updated_at"])
    stamp.bump_surveys()
    audit_record(
        actor=actor, action="skm.survey_publish" if publish else "skm.survey_unpublish",
        target=survey,
    )  # fmt: skip
    return survey


@transaction.atomic
def extra_element_add(
    *, actor: Actor, survey: Survey, code: str, name: str, question: str, weight: Decimal
) -> ExtraElement:
    check_unit(actor, survey.unit_id)
    taken = sum((extra.weight for extra in survey.extras.all()), Decimal(0))
    if taken + weight > 1:
        raise WeightsTooHigh
    code = code.strip().upper()
    if code in ELEMENT_CODES or survey.extras.filter(code=code).exists():
        raise ValidationFailed(
            "Kode unsur sudah dipakai.", "The element code is taken.",
            errors=[{"field": "code", "messages": ["U1-U9"]}],
        )  # fmt: skip
    extra = ExtraElement.objects.create(
        survey=survey, code=code, name=name, question=question, weight=weight
    )
    stamp.bump_surveys()  # the questionnaire asks it from the next answer on
    audit_record(actor=actor, action="skm.extra_add", target=extra, after=snapshot(extra))
    return extra


@dataclass(frozen=True)
class AnswerInput:
    """One questionnaire as typed or imported: scores U1-U9 (1-4) and the optional rest."""

    scores: Mapping[str, int]
    answered_on: dt.date
    profile: Mapping[str, str] = field(default_factory=dict)
    tags: Mapping[str, str] = field(default_factory=dict)  # {"U3": "improve"}
    extras: Mapping[str, int] = field(default_factory=dict)  # {"X1": 4}
    suggestion: str = ""


def _checked_scores(scores: Mapping[str, int]) -> dict[str, int]:
    values = {}
    for code, score_field in zip(ELEMENT_CODES, SCORE_FIELDS, strict=True):
        value = scores.get(code)
        if not isinstance(value, int) or not 1 <= value <= 4:
            raise ValidationFailed(
                f"Jawaban {code} harus 1 sampai 4.", f"Answer {code} must be 1 to 4.",
                errors=[{"field": code.lower(), "messages": ["1-4"]}],
            )  # fmt: skip
        values[score_field] = value
    return values


def _answer_rows(survey: Survey, data: AnswerInput, channel: str, source: str | None) -> Answer:
    if not survey.starts_on <= data.answered_on <= survey.ends_on:
        raise ValidationFailed(
            "Tanggal di luar periode survei.", "The date is outside the survey's period.",
            errors=[{"field": "answered_on", "messages": [str(data.answered_on)]}],
        )  # fmt: skip
    profile = {key: str(data.profile.get(key) or "") for key in PROFILE_FIELDS}
    answer = Answer(
        survey=survey, answered_on=data.answered_on, channel=channel, source_hash=source,
        **_checked_scores(data.scores), **profile,
    )  # fmt: skip
    # Field validators only: the database checks the ranges and the uniqueness itself, and
    # Django would otherwise ask it once per constraint for every answer.
    answer.full_clean(exclude=["survey", "source_hash"], validate_unique=False,
                      validate_constraints=False)  # fmt: skip
    return answer


def _insert(model: type[Row], rows: Sequence[Row]) -> None:
    """One phone answer brings at most a row or two of each kind (a tag, a suggestion): one
    prepared INSERT (core.hotsql) costs less than bulk_create building its statement."""
    if len(rows) == 1:
        insert_returning_pk(rows[0])
    elif rows:
        model._default_manager.bulk_create(rows)


def _answer_details(answers: Sequence[tuple[Answer, AnswerInput]], survey: Survey) -> None:
    # The unit's own elements are read only when an answer scores one (most answer none).
    scored = any(data.extras for _answer, data in answers)
    extras = {extra.code: extra for extra in survey.extras.all()} if scored else {}
    tags: list[AnswerTag] = []
    scores: list[ExtraScore] = []
    suggestions: list[Suggestion] = []
    for answer, data in answers:
        for code, kind in data.tags.items():
            if code in ELEMENT_CODES and kind in TagKind.values:
                tags.append(AnswerTag(answer=answer, element_code=code, kind=kind))
        for code, value in data.extras.items():
            if code in extras and isinstance(value, int) and 1 <= value <= 4:
                scores.append(ExtraScore(answer=answer, element=extras[code], value=value))
        text = data.suggestion.strip()[:2000]
        if text:
            suggestions.append(Suggestion(survey=survey, received_on=answer.answered_on, text=text))
    _insert(AnswerTag, tags)
    _insert(ExtraScore, scores)
    _insert(Suggestion, suggestions)
    notify_suggestions(survey, len(suggestions))  # to the unit head, after commit


@transaction.atomic
def answer_submit(
    *, actor: Actor, survey: Survey, data: AnswerInput, channel: str,
    source_hash: str | None = None,
) -> Answer:  # fmt: skip
    """Store one questionnaire. From a phone (`actor` anonymous) the survey must be open;
    staff entering paper forms must reach the unit. `source_hash` (the keyed hash of a ticket
    or tracking code) allows one answer per finished visit or request."""
    if channel in (Channel.PAPER, Channel.IMPORT):
        if actor is not None and not isinstance(actor, User):
            raise NotFound
        check_unit(actor, survey.unit_id)
    elif not survey.is_open:
        raise SurveyClosed
    answer = _answer_rows(survey, data, channel, source_hash)
    if source_hash is not None and Answer.objects.filter(source_hash=source_hash).exists():
        raise AlreadyAnswered
    # One prepared INSERT (core.hotsql) rather than save(): a phone's answer is the hot write.
    if source_hash is None:
        insert_returning_pk(answer)  # nothing unique to collide with: no savepoint round trips
    else:
        try:
            with transaction.atomic():
                insert_returning_pk(answer)
        except IntegrityError:  # the same code answered by a concurrent request
            raise AlreadyAnswered from None
    _answer_details([(answer, data)], survey)
    audit_record(
        actor=actor, action="skm.answer_submit", object_type="skm.survey",
        object_id=str(survey.pk), object_label=str(survey)[:200], after={"channel": channel},
    )  # fmt: skip
    return answer


def answers_store(*, survey: Survey, rows: Sequence[AnswerInput], channel: str) -> list[Answer]:
    """Bulk insert of already-checked rows, inside the caller's transaction (the import)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("answers_store runs inside the importing service's transaction")
    answers = [_answer_rows(survey, row, channel, None) for row in rows]
    Answer.objects.bulk_create(answers, batch_size=1000)
    _answer_details(list(zip(answers, rows, strict=True)), survey)
    return answers


@transaction.atomic
def action_create(
    *, actor: Actor, survey: Survey, element_code: str, action: str, responsible: str,
    due_on: dt.date,
) -> FollowUpAction:  # fmt: skip
    check_unit(actor, survey.unit_id)
    known = set(ELEMENT_CODES) | set(survey.extras.values_list("code", flat=True))
    if element_code not in known:
        raise ValidationFailed(errors=[{"field": "element_code", "messages": [element_code]}])
    item = FollowUpAction.objects.create(
        survey=survey, element_code=element_code, action=action, responsible=responsible,
        due_on=due_on,
    )  # fmt: skip
    audit_record(actor=actor, action="skm.action_create", target=item, after=snapshot(item))
    return item


@transaction.atomic
def action_set_status(*, actor: Actor, item: FollowUpAction, status: str) -> FollowUpAction:
    check_unit(actor, item.survey.unit_id)
    if status not in ActionStatus.values:
        raise ValidationFailed(errors=[{"field": "status", "messages": [status]}])
    before = snapshot(item, ["status"])
    item.status = status
    item.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="skm.action_status", target=item, before=before,
                 after=snapshot(item, ["status"]))  # fmt: skip
    return item


@transaction.atomic
def suggestion_respond(*, actor: User, suggestion: Suggestion, response: str) -> Suggestion:
    check_unit(actor, suggestion.survey.unit_id)
    text = response.strip()
    if not text:
        raise ValidationFailed(errors=[{"field": "response", "messages": ["Wajib diisi."]}])
    suggestion.response = text
    suggestion.status = SuggestionStatus.ANSWERED
    suggestion.responded_on = timezone.localdate()
    suggestion.responded_by = actor
    suggestion.save()
    stamp.bump()
    audit_record(actor=actor, action="skm.suggestion_respond", target=suggestion,
                 after=snapshot(suggestion, ["status", "responded_on"]))  # fmt: skip
    return suggestion
