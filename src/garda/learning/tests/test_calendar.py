"""The per-user ICS feed behind a secret URL."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from garda.core.testing import login_client
from garda.learning import services
from garda.learning.services import calendar_feed
from garda.learning.testing import sample_batch

pytestmark = pytest.mark.django_db


def test_feed_lists_own_sessions_and_rotates(people) -> None:  # type: ignore[no-untyped-def]
    batch = sample_batch(sessions=2)
    services.enrollment_register(actor=people.asn, batch_id=batch.pk)
    sample_batch(sessions=1)  # someone else's
    page = login_client(people.asn).get(reverse("learning:calendar")).content.decode()
    path = calendar_feed.feed_path(user=people.asn)
    assert path in page
    body = Client().get(path)
    assert body["Content-Type"].startswith("text/calendar")
    text = body.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "SUMMARY:" in text

    login_client(people.asn).post(reverse("learning:calendar"))
    assert Client().get(path).status_code == 404  # the old link stops working
    assert calendar_feed.feed_path(user=people.asn) != path
