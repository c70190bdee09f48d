"""The demo's two semesters around the queue's go-live, and the pages that show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from garda.core.demo import seed_demo_base
from garda.core.models import Unit
from garda.service.skm import demo, selectors
from garda.service.skm.models import Suggestion, SuggestionStatus, Survey
from garda.service.skm.testing import add_answers, make_survey, make_unit

pytestmark = pytest.mark.django_db


def test_demo_shows_a_change_around_the_go_live() -> None:
    seed_demo_base()
    assert demo.seed_demo(size="small").created
    assert not demo.seed_demo(size="small").created  # idempotent
    unit = Unit.objects.get(code=demo.PUSKESMAS_UNIT)
    before = selectors.skm_results(
        unit_id=unit.pk, start=dt.date(2026, 1, 1), end=demo.GO_LIVE - dt.timedelta(days=1)
    )
    after = selectors.skm_results(unit_id=unit.pk, start=demo.GO_LIVE, end=dt.date(2026, 12, 31))
    assert before.respondents > 300
    assert after.respondents > 300
    assert before.weakest[0] == "U3"
    assert after.nrr["U3"] - before.nrr["U3"] > 0.5
    assert (after.ikm_converted or 0) > (before.ikm_converted or 0)
    published = Survey.objects.filter(unit=unit, published_at__isnull=False).get()
    page = Client().get(reverse("skm:public_survey", args=[published.pk])).content.decode()
    assert str(before.ikm_converted).replace(".", ",") in page  # Indonesian decimal comma
    assert "Antrean daring" in page  # the follow-up plan, with its status
    assert "Selesai" in page


def test_public_pages_show_only_published_surveys() -> None:
    survey = make_survey(make_unit())
    add_answers(survey, [(4,), (3,)])
    client = Client()
    assert client.get(reverse("skm:public_survey", args=[survey.pk])).status_code == 404
    survey.published_at = survey.created_at
    survey.save()
    page = client.get(reverse("skm:public_survey", args=[survey.pk]))
    assert page.status_code == 200
    assert "87,50" in page.content.decode()
    pdf = client.get(reverse("skm:public_pdf", args=[survey.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    index = client.get(reverse("skm:public_index")).content.decode()
    assert survey.unit.name in index
    api = client.get(f"/api/v1/skm/surveys/{survey.pk}/results/").json()
    assert api["ikm_converted"] == 87.5
    assert api["grade"] == "B"


def test_staff_pages_progress_and_suggestions(client_for: Callable[..., Client]) -> None:
    unit = make_unit()
    survey = make_survey(unit, population_count=100)
    add_answers(survey, [(3,)] * 5)
    head = client_for("atasan", unit=unit)
    page = head.get(reverse("skm:survey_detail", args=[survey.pk])).content.decode()
    assert "Sampel minimal 80 responden" in page
    Suggestion.objects.create(survey=survey, received_on=survey.starts_on, text="Parkir sempit")
    suggestion = Suggestion.objects.get()
    assert "Parkir sempit" in head.get(reverse("skm:suggestions")).content.decode()
    answered = head.post(
        reverse("skm:suggestion_detail", args=[suggestion.pk]), {"response": "Ditambah."}
    )
    assert answered.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ANSWERED
    other = client_for("atasan", unit=make_unit())
    assert "Parkir sempit" not in other.get(reverse("skm:suggestions")).content.decode()
    assert other.get(reverse("skm:suggestion_detail", args=[suggestion.pk])).status_code == 404


def test_api_scoped_writes(client_for: Callable[..., Client]) -> None:
    unit = make_unit()
    staff = client_for("admin_opd", unit=unit)
    created = staff.post(
        "/api/v1/skm/surveys/",
        {"unit": unit.pk, "period_kind": "quarter", "year": 2026, "number": 2},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    survey_id = created.json()["id"]
    assert created.json()["starts_on"] == "2026-04-01"
    paper = {"answered_on": "2026-05-02", "scores": {f"U{n}": 4 for n in range(1, 10)}}
    sent = staff.post(
        f"/api/v1/skm/surveys/{survey_id}/answers/", paper, content_type="application/json"
    )
    assert sent.status_code == 201
    outsider = client_for("admin_opd", unit=make_unit())
    refused = outsider.post(
        f"/api/v1/skm/surveys/{survey_id}/answers/", paper, content_type="application/json"
    )
    assert refused.status_code == 404
    assert outsider.get(f"/api/v1/skm/surveys/{survey_id}/").status_code == 404
    assert Client().post("/api/v1/skm/surveys/", {}).status_code in (401, 403)
