"""Answering: from a finished ticket's page (once), from a poster (rate-limited), on paper."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from garda.core.audit.models import AuditEntry
from garda.queueing.models import Ticket, TicketStatus
from garda.queueing.services import ticket_issue
from garda.queueing.testing import make_facility
from garda.service.skm.invitations import source_hash
from garda.service.skm.models import Answer, AnswerTag, Channel, Suggestion
from garda.service.skm.testing import invitation_for, make_survey, make_unit
from garda.transparency.ppid.models import InformationRequest, RequestStatus
from garda.transparency.ppid.testing import sample_request

pytestmark = pytest.mark.django_db


def _form(score: int = 4, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {f"u{n}": score for n in range(1, 10)}
    data.update(extra)
    return data


def _finished_ticket() -> Ticket:
    facility = make_facility()
    ticket = ticket_issue(
        actor=None, poli_id=facility.polis.get(bpjs_code="001").pk,
        service_date=timezone.localdate(), channel="kiosk",
    )  # fmt: skip
    Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.DONE)
    ticket.refresh_from_db()
    return ticket


def test_finished_ticket_offers_the_survey_once() -> None:
    ticket = _finished_ticket()
    assert ticket.facility.unit is not None
    make_survey(ticket.facility.unit)
    client = Client()
    page = client.get(reverse("queueing:ticket", args=[ticket.booking_code])).content.decode()
    link = re.search(r'href="(http://testserver/skm/isi/[^"]+)"', page)
    assert link is not None
    assert ticket.booking_code not in link.group(1)
    form = client.get(link.group(1))
    assert form.status_code == 200
    assert len(form.content) < 60_000
    sent = client.post(link.group(1), _form(3, tag_u3="improve", suggestion="Antre lebih cepat"))
    assert sent.status_code == 302
    answer = Answer.objects.get()
    assert answer.channel == Channel.QUEUE
    assert answer.source_hash == source_hash("queue", ticket.booking_code)
    assert ticket.booking_code not in str(answer.__dict__)
    assert AnswerTag.objects.get().element_code == "U3"
    assert Suggestion.objects.get().text == "Antre lebih cepat"
    again = client.post(link.group(1), _form(1))
    assert again.status_code == 400
    assert Answer.objects.count() == 1
    # Answered: the ticket page no longer offers it.
    page = client.get(reverse("queueing:ticket", args=[ticket.booking_code])).content.decode()
    assert "/skm/isi/" not in page
    entry = AuditEntry.objects.filter(action="skm.answer_submit").get()
    assert ticket.booking_code not in str(entry.after)


def test_waiting_ticket_offers_nothing() -> None:
    facility = make_facility()
    assert facility.unit is not None
    make_survey(facility.unit)
    ticket = ticket_issue(
        actor=None, poli_id=facility.polis.get(bpjs_code="001").pk,
        service_date=timezone.localdate(), channel="kiosk",
    )  # fmt: skip
    page = Client().get(reverse("queueing:ticket", args=[ticket.booking_code])).content.decode()
    assert "/skm/isi/" not in page


def test_forged_or_altered_token_is_refused() -> None:
    survey = make_survey(make_unit())
    token = invitation_for(survey, code="ABC123")
    client = Client()
    assert client.get(reverse("skm:answer", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("skm:answer", args=["garbage"])).status_code == 404


def test_missing_answer_is_shown_and_nothing_stored() -> None:
    survey = make_survey(make_unit())
    token = invitation_for(survey, code="ABC124")
    data = _form(4)
    del data["u5"]
    response = Client().post(reverse("skm:answer", args=[token]), data)
    assert response.status_code == 400
    assert "Pilih satu jawaban" in response.content.decode()
    assert not Answer.objects.exists()


def test_poster_link_is_rate_limited(settings: Any) -> None:
    settings.GARDA_SKM_OPEN_ANSWERS_PER_HOUR = 2
    survey = make_survey(make_unit())
    url = reverse("skm:answer_open", args=[survey.pk])
    client = Client()
    assert client.post(url, _form(4)).status_code == 302
    assert client.post(url, _form(4)).status_code == 302
    assert client.post(url, _form(4)).status_code == 400
    assert Answer.objects.filter(channel=Channel.LINK).count() == 2


def test_closed_survey_takes_no_phone_answer() -> None:
    survey = make_survey(make_unit())
    survey.is_open = False
    survey.save()
    assert Client().get(reverse("skm:answer_open", args=[survey.pk])).status_code == 404


def test_paper_entry_by_staff_of_the_unit(client_for: Callable[..., Client]) -> None:
    unit = make_unit()
    survey = make_survey(unit)
    staff = client_for("petugas_faskes", unit=unit)
    url = reverse("skm:survey_paper", args=[survey.pk])
    assert staff.get(url).status_code == 200
    day = survey.starts_on.isoformat()
    assert staff.post(url, _form(2, date=day)).status_code == 302
    assert staff.post(url, _form(3, date=day, sex="P")).status_code == 302
    assert Answer.objects.filter(survey=survey, channel=Channel.PAPER).count() == 2
    outsider = client_for("petugas_faskes", unit=make_unit())
    assert outsider.get(url).status_code == 404
    auditor = client_for("auditor")
    assert auditor.post(url, _form(2, date=day)).status_code == 403


def test_ppid_tracking_page_offers_the_survey_once_answered() -> None:
    info = sample_request()
    make_survey(info.unit)
    client = Client()
    url = reverse("transparency:ppid:track_detail", args=[info.tracking_code])
    assert "/skm/isi/" not in client.get(url).content.decode()
    InformationRequest.objects.filter(pk=info.pk).update(
        status=RequestStatus.DECIDED, decision="granted", decided_on=timezone.localdate()
    )
    assert "/skm/isi/" in client.get(url).content.decode()
