"""The rotating QR, self check-in, manual marks, CSV import and the live list."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from garda.core.errors import NotAllowed, ValidationFailed
from garda.core.testing import login_client
from garda.learning import services
from garda.learning.models import Attendance, Session
from garda.learning.services import attendance
from garda.learning.testing import sample_batch

pytestmark = pytest.mark.django_db


def _registered(people):  # type: ignore[no-untyped-def]
    batch = sample_batch(sessions=1)
    enrollment = services.enrollment_register(actor=people.asn, batch_id=batch.pk)
    return batch, enrollment, batch.sessions.get()


def test_token_changes_every_slot_and_expires(people) -> None:  # type: ignore[no-untyped-def]
    _batch, enrollment, session = _registered(people)
    now = time.time()
    slot = attendance.current_slot(now)
    assert attendance.slot_token(session.pk, slot) != attendance.slot_token(session.pk, slot + 1)
    with pytest.raises(ValidationFailed):  # two slots old: a photo passed around
        attendance.attendance_checkin(
            actor=people.asn, session_id=session.pk, slot=slot - 2,
            token=attendance.slot_token(session.pk, slot - 2), now=now,
        )  # fmt: skip
    with pytest.raises(ValidationFailed):
        attendance.attendance_checkin(
            actor=people.asn, session_id=session.pk, slot=slot, token="0" * 20, now=now
        )
    mark = attendance.attendance_checkin(
        actor=people.asn, session_id=session.pk, slot=slot - 1,
        token=attendance.slot_token(session.pk, slot - 1), now=now,
    )  # fmt: skip
    assert mark.enrollment == enrollment
    assert mark.method == "qr"
    again = attendance.attendance_checkin(
        actor=people.asn, session_id=session.pk, slot=slot,
        token=attendance.slot_token(session.pk, slot), now=now,
    )  # fmt: skip
    assert again.pk == mark.pk  # scanning twice counts once


def test_checkin_only_inside_the_session_window(people) -> None:  # type: ignore[no-untyped-def]
    _batch, _enrollment, session = _registered(people)
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() + dt.timedelta(hours=3),
        ends_at=timezone.now() + dt.timedelta(hours=5),
    )
    slot = attendance.current_slot()
    with pytest.raises(ValidationFailed):
        attendance.attendance_checkin(
            actor=people.asn, session_id=session.pk, slot=slot,
            token=attendance.slot_token(session.pk, slot),
        )  # fmt: skip


def test_only_participants_check_in(people) -> None:  # type: ignore[no-untyped-def]
    _batch, _enrollment, session = _registered(people)
    slot = attendance.current_slot()
    with pytest.raises(NotAllowed):
        attendance.attendance_checkin(
            actor=people.atasan, session_id=session.pk, slot=slot,
            token=attendance.slot_token(session.pk, slot),
        )  # fmt: skip


def test_scanning_the_qr_opens_a_page_that_records_presence(people) -> None:  # type: ignore[no-untyped-def]
    _batch, enrollment, session = _registered(people)
    organiser = login_client(people.admin)
    qr = organiser.get(reverse("learning:session_qr", args=[session.pk]))
    assert b"<svg" in qr.content
    path = attendance.checkin_path(session.pk)
    assert path in qr.content.decode()
    client = login_client(people.asn)
    assert client.get(path).status_code == 200
    assert not Attendance.objects.exists()  # a GET (link preview) writes nothing
    page = client.post(path)
    assert "Kehadiran Anda tercatat" in page.content.decode()
    assert Attendance.objects.get().enrollment == enrollment


def test_manual_mark_import_and_live_list(people) -> None:  # type: ignore[no-untyped-def]
    _batch, enrollment, session = _registered(people)
    organiser = login_client(people.admin)
    organiser.post(reverse("learning:session_mark", args=[session.pk]),
                   {"enrollment": enrollment.pk, "present": "1"})  # fmt: skip
    live = organiser.get(reverse("learning:session_live", args=[session.pk])).content.decode()
    assert "Dicatat panitia" in live
    assert people.employee.full_name in live
    attendance.attendance_mark(actor=people.admin, session_id=session.pk,
                               enrollment_id=enrollment.pk, present=False)  # fmt: skip
    assert not Attendance.objects.exists()

    bad = f"NIP\n{people.employee.nip}\n199001012020011999\n".encode()
    with pytest.raises(ValidationFailed) as error:
        attendance.attendance_import(actor=people.admin, session_id=session.pk, content=bad)
    assert "Baris 3" in error.value.message
    assert not Attendance.objects.exists()  # all or nothing
    good = f"No;NIP\n1;'{people.employee.nip}\n".encode()
    assert (
        attendance.attendance_import(actor=people.admin, session_id=session.pk, content=good) == 1
    )
    assert Attendance.objects.get().method == "import"


def test_organiser_of_another_unit_cannot_mark(people, client_for) -> None:  # type: ignore[no-untyped-def]
    from garda.core.roles import Role
    from garda.core.testing import make_user
    from garda.learning.testing import sample_unit

    _batch, enrollment, session = _registered(people)
    stranger = make_user(role=Role.ADMIN_OPD, unit=sample_unit())
    with pytest.raises(NotAllowed):
        attendance.attendance_mark(
            actor=stranger, session_id=session.pk, enrollment_id=enrollment.pk
        )


def test_scanning_while_signed_out_comes_back_after_sign_in(people) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    _batch, _enrollment, session = _registered(people)
    path = attendance.checkin_path(session.pk)
    response = Client().get(path)
    assert response.status_code == 302
    assert "next=" in response.url
    assert path.replace("/", "%2F") in response.url or path in response.url
