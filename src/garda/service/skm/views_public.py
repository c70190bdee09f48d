"""Pages for the public, no account: the questionnaire (from an invitation after a visit or an
answered request, or from a unit's poster), and the published results of each unit and period
with the follow-up plan, as a page and as the PDF units submit.

The questionnaire page is deliberately light (its own small stylesheet, no script): it is
opened on phones in a waiting room, often on a weak connection."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from garda.core.errors import GardaError, NotFound, TooManyRequests
from garda.core.formflow import add_error_from
from garda.core.models import Unit
from garda.core.params import id_from
from garda.core.permissions import access_for, require_access
from garda.core.ratelimit import RateLimit
from garda.core.roles import PUBLIC
from garda.service.skm import pdf, selectors, services
from garda.service.skm.errors import InvitationInvalid
from garda.service.skm.forms import answer_form_for
from garda.service.skm.invitations import invitation_from
from garda.service.skm.models import Channel, Survey

PUBLIC_ACCESS = access_for(PUBLIC)
OPEN_ANSWERS = RateLimit("skm-open-answer", limit=20, window_seconds=3600)


def open_answers_per_hour() -> int:
    """Answers one address may send through open links (posters) per hour; 0: no limit."""
    configured = getattr(settings, "GARDA_SKM_OPEN_ANSWERS_PER_HOUR", None)
    if configured is None:
        configured = os.environ.get("GARDA_SKM_OPEN_ANSWERS_PER_HOUR", "20")
    return int(configured)


def _questionnaire(
    request: HttpRequest, questionnaire: selectors.Questionnaire, *, channel: str,
    source_hash: str | None, limited: bool,
) -> HttpResponse:  # fmt: skip
    survey = questionnaire.survey
    form = answer_form_for(questionnaire)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if limited and not OPEN_ANSWERS.allows(request, limit=open_answers_per_hour()):
                raise TooManyRequests
            services.answer_submit(
                actor=None, survey=survey, data=form.answer_input(), channel=channel,
                source_hash=source_hash,
            )  # fmt: skip
        except GardaError as error:
            add_error_from(form, error)
        else:
            return redirect("skm:thanks")
    context = {"survey": survey, "form": form}
    return render(request, "skm/answer.html", context, status=400 if form.errors else 200)


@never_cache
@require_access(PUBLIC_ACCESS)
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """From the ticket or tracking page: one answer per finished visit or request."""
    invitation = invitation_from(token)
    if invitation is None:
        raise InvitationInvalid
    survey = selectors.survey_open_for(invitation.unit_id, invitation.finished_on)
    questionnaire = None if survey is None else selectors.open_questionnaire(survey.pk)
    if questionnaire is None:
        raise InvitationInvalid
    channel = Channel.QUEUE if invitation.kind == "queue" else Channel.PPID
    return _questionnaire(
        request, questionnaire, channel=channel, source_hash=invitation.source_hash,
        limited=False,
    )  # fmt: skip


@never_cache
@require_access(PUBLIC_ACCESS)
def answer_open(request: HttpRequest, pk: int) -> HttpResponse:
    """From a unit's poster: anyone, limited per address."""
    questionnaire = selectors.open_questionnaire(pk)  # None once closed
    if questionnaire is None:
        raise NotFound
    return _questionnaire(
        request, questionnaire, channel=Channel.LINK, source_hash=None, limited=True
    )


@require_access(PUBLIC_ACCESS)
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "skm/thanks.html")


@require_access(PUBLIC_ACCESS)
def public_index(request: HttpRequest) -> HttpResponse:
    unit_id = id_from(request.GET.get("unit"))
    context = {"surveys": selectors.surveys_published(unit_id=unit_id)[:500]}
    return render(request, "skm/public_index.html", context)


def results_context(survey: Survey) -> dict[str, Any]:
    result = selectors.survey_results(survey)
    return {
        "survey": survey,
        "result": result,
        "elements": _element_rows(survey, result),
        "actions": survey.actions.all(),
        "suggestions": selectors.suggestion_counts([survey.pk]),
        "progress": selectors.survey_progress(survey, respondents=result.respondents),
    }


def _element_rows(survey: Survey, result: selectors.SkmResult) -> list[dict[str, Any]]:
    rows = []
    for element in survey.edition.elements.all():
        tags = result.tags.get(element.code, {})
        rows.append({
            "code": element.code, "name": element.name, "nrr": result.nrr.get(element.code),
            "good": tags.get("good", 0), "improve": tags.get("improve", 0),
            "weak": element.code in result.weakest,
        })  # fmt: skip
    return rows


@require_access(PUBLIC_ACCESS)
def public_survey(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_public(pk)
    return render(request, "skm/public_survey.html", results_context(survey))


@require_access(PUBLIC_ACCESS)
def public_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_public(pk)
    return pdf.pdf_response(survey, results_context(survey))


@require_access(PUBLIC_ACCESS)
def public_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise NotFound
    trend = selectors.unit_trend(unit.pk, published_only=True)
    return render(request, "skm/public_unit.html", {"unit": unit, "trend": trend})
