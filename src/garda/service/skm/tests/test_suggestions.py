"""Suggestions are routed to the head of the survey's unit by mail (after commit, through the
mail backend; the tests' locmem backend keeps the outbox), answered from the inbox, and
counted: received, answered, waiting, on the inbox, the home page and the API."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from garda.core.roles import Role
from garda.core.testing import login_client, make_user
from garda.learning.ledger.testing import make_employee
from garda.people.services import unit_set_head
from garda.service.skm import services
from garda.service.skm.emails import head_emails
from garda.service.skm.models import Channel, Survey
from garda.service.skm.testing import make_survey, make_unit, scores

pytestmark = pytest.mark.django_db
TEXT = "Petugas loket bernama Budi kurang ramah"


def _head_of(unit: Any, email: str) -> Any:
    user = make_user(role=Role.ATASAN, unit=unit, email=email)
    unit_set_head(actor=None, unit=unit, head=make_employee(unit=unit, user=user))
    return user


def _answer(survey: Survey, capture: Any, suggestion: str = TEXT, **extra: Any) -> None:
    with capture(execute=True):
        services.answer_submit(
            actor=None, survey=survey, channel=Channel.LINK,
            data=services.AnswerInput(scores=scores(3), answered_on=survey.starts_on,
                                      suggestion=suggestion),
            **extra,
        )  # fmt: skip


def test_a_suggestion_mails_the_head_of_the_unit(django_capture_on_commit_callbacks: Any) -> None:
    puskesmas = make_unit()
    poli = make_unit(parent=puskesmas)
    _head_of(puskesmas, "kepala@puskesmas.example")
    make_user(role=Role.ATASAN, unit=poli, email="atasan.poli@puskesmas.example")
    survey = make_survey(poli)
    _answer(survey, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["kepala@puskesmas.example"]  # the nearest head above the poli
    assert poli.name in sent.subject
    assert "/skm/saran/?status=new" in sent.body
    assert "Saran yang belum ditanggapi: 1" in sent.body
    assert "Budi" not in sent.subject + sent.body  # the text stays in the inbox
    _answer(survey, django_capture_on_commit_callbacks, suggestion="")  # no suggestion: no mail
    assert len(mail.outbox) == 1


def test_without_a_head_the_atasan_of_the_unit_get_it_or_nobody(
    django_capture_on_commit_callbacks: Any,
) -> None:
    unit = make_unit()
    assert head_emails(unit) == []
    _answer(make_survey(unit), django_capture_on_commit_callbacks)
    assert mail.outbox == []  # nobody to tell; the suggestion still waits in the inbox
    make_user(role=Role.ATASAN, unit=unit, email="atasan@unit.example")
    make_user(role=Role.ATASAN, unit=unit, email="pensiun@unit.example", is_active=False)
    assert head_emails(unit) == ["atasan@unit.example"]


def test_an_import_sends_one_mail_counting_its_suggestions(
    tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    unit = make_unit()
    _head_of(unit, "kepala@unit.example")
    path = tmp_path / "skm.csv"
    path.write_text(
        "Tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,Saran\n"
        "2026-02-03,4,3,3,4,3,4,4,2,3,Tambah kursi\n"
        "2026-02-03,4,3,3,4,3,4,4,2,3,\n"
        "2026-02-04,4,3,3,4,3,4,4,2,3,Parkir sempit\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_skm", str(path), unit=unit.code, stdout=StringIO(),
                     stderr=StringIO())  # fmt: skip
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("2 saran masyarakat baru")


def test_answered_and_counted(
    client_for: Callable[..., Client], django_capture_on_commit_callbacks: Any
) -> None:
    unit = make_unit()
    head = login_client(_head_of(unit, "kepala@unit.example"))
    survey = make_survey(unit)
    _answer(survey, django_capture_on_commit_callbacks)
    _answer(survey, django_capture_on_commit_callbacks, suggestion="Parkir sempit")
    inbox = head.get(reverse("skm:suggestions")).content.decode()
    assert "Saran masuk: 2; sudah ditanggapi: 0; belum ditanggapi: 2." in inbox
    home = head.get(reverse("core:home")).content.decode()
    assert "Saran masyarakat belum ditanggapi" in home
    waiting = survey.suggestions.get(text="Parkir sempit")
    answered = head.post(
        reverse("skm:suggestion_detail", args=[waiting.pk]), {"response": "Lahan parkir ditambah."}
    )
    assert answered.status_code == 302
    inbox = head.get(reverse("skm:suggestions")).content.decode()
    assert "Saran masuk: 2; sudah ditanggapi: 1; belum ditanggapi: 1." in inbox
    services.survey_publish(actor=None, survey=survey, publish=True)
    results = Client().get(f"/api/v1/skm/surveys/{survey.pk}/results/").json()
    assert results["suggestions"] == {"received": 2, "answered": 1, "waiting": 1}
    outsider = client_for("atasan", unit=make_unit())
    assert "Saran masuk: 0" in outsider.get(reverse("skm:suggestions")).content.decode()
