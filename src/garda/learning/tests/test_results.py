"""Pre/post tests with their gain, the reaction survey, aksi perubahan, completion and the
Kirkpatrick-3 follow-up with its reminders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from garda.core.errors import Conflict, NotAllowed, ValidationFailed
from garda.core.testing import login_client
from garda.learning import services
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Batch, Certificate, EnrollmentStatus, FollowUp
from garda.learning.services import attendance
from garda.learning.services import results as results_services
from garda.learning.testing import sample_batch, sample_program

pytestmark = pytest.mark.django_db

BANK = """Apa kepanjangan ASN?
*Aparatur Sipil Negara
Aparat Sipil Nasional

Berapa JP minimal setahun bagi PNS?
10
*20
40"""


def _with_bank(people, **program):  # type: ignore[no-untyped-def]
    program.setdefault("post_test_required", True)
    program.setdefault("pass_mark", 70)
    program.setdefault("min_attendance_percent", 100)
    # A one-day training: its last day, when the post-test opens, is today.
    batch = sample_batch(
        program=sample_program(owner_unit=people.unit, **program),
        sessions=1,
        ends_on=timezone.localdate(),
    )
    results_services.questions_replace(actor=people.admin, program_id=batch.program_id, text=BANK)
    enrollment = services.enrollment_register(actor=people.asn, batch_id=batch.pk)
    questions = list(batch.program.questions.order_by("pk"))
    return batch, enrollment, questions


def test_bank_format_is_checked() -> None:
    with pytest.raises(ValidationFailed):
        results_services.parse_bank("Pertanyaan tanpa jawaban benar\nA\nB")
    assert results_services.parse_bank(BANK)[1] == (
        "Berapa JP minimal setahun bagi PNS?",
        ["10", "20", "40"],
        1,
    )


def test_pre_post_gain_and_completion_with_certificate(people) -> None:  # type: ignore[no-untyped-def]
    batch, enrollment, (q1, q2) = _with_bank(people)
    pre = results_services.test_submit(actor=people.asn, enrollment_id=enrollment.pk, kind="pre",
                                       answers={q1.pk: 0, q2.pk: 0})  # fmt: skip
    assert (pre.score, pre.passed) == (50, False)
    with pytest.raises(Conflict):
        results_services.test_submit(actor=people.asn, enrollment_id=enrollment.pk, kind="pre",
                                     answers={})  # fmt: skip
    # Passed the post-test but absent: not complete yet.
    results_services.test_submit(actor=people.asn, enrollment_id=enrollment.pk, kind="post",
                                 answers={q1.pk: 0, q2.pk: 1})  # fmt: skip
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED
    progress = results_services.progress(enrollment=enrollment)
    assert progress["gain"] == 50
    assert not progress["attendance_ok"]

    attendance.attendance_mark(actor=people.admin, session_id=batch.sessions.get().pk,
                               enrollment_id=enrollment.pk)  # fmt: skip
    counts = results_services.batch_decide_completion(actor=people.admin, batch_id=batch.pk)
    assert counts == {"completed": 1, "not_completed": 0}
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.COMPLETED
    assert Certificate.objects.filter(enrollment=enrollment).exists()
    assert FollowUp.objects.filter(enrollment=enrollment).count() == 2


def test_post_test_opens_on_the_last_day_of_the_training(people, client) -> None:  # type: ignore[no-untyped-def]
    """It opened at approval, two weeks before the training (issue 16)."""
    batch, enrollment, (q1, q2) = _with_bank(people)
    Batch.objects.filter(pk=batch.pk).update(
        starts_on=timezone.localdate() + dt.timedelta(days=14),
        ends_on=timezone.localdate() + dt.timedelta(days=16),
    )
    with pytest.raises(NotAllowed, match="Post-test dibuka mulai"):
        results_services.test_submit(actor=people.asn, enrollment_id=enrollment.pk, kind="post",
                                     answers={q1.pk: 0, q2.pk: 1})  # fmt: skip
    assert not enrollment.tests.exists()
    client.force_login(people.asn)
    page = client.get(f"/pelatihan/pendaftaran/{enrollment.pk}/").content.decode()
    assert "Kerjakan post-test" not in page
    assert "Post-test dibuka" in page
    test_page = client.get(f"/pelatihan/pendaftaran/{enrollment.pk}/tes/post/")
    assert test_page.status_code == 302
    Batch.objects.filter(pk=batch.pk).update(
        starts_on=timezone.localdate(), ends_on=timezone.localdate()
    )
    assert (
        "Kerjakan post-test"
        in client.get(f"/pelatihan/pendaftaran/{enrollment.pk}/").content.decode()
    )


def test_survey_only_after_attending(people) -> None:  # type: ignore[no-untyped-def]
    batch, enrollment, _questions = _with_bank(people)
    with pytest.raises(NotAllowed):
        results_services.survey_submit(actor=people.asn, enrollment_id=enrollment.pk,
                                       content=5, instructor=4, organisation=4)  # fmt: skip
    attendance.attendance_mark(actor=people.admin, session_id=batch.sessions.get().pk,
                               enrollment_id=enrollment.pk)  # fmt: skip
    client = login_client(people.asn)
    answers = {"content": 5, "instructor": 4, "organisation": 3, "comment": "Baik"}
    response = client.post(reverse("learning:survey", args=[enrollment.pk]), answers)
    assert response.status_code == 302
    enrollment.reaction.refresh_from_db()
    assert enrollment.reaction.organisation_rating == 3


def test_change_project_only_for_leadership(people) -> None:  # type: ignore[no-untyped-def]
    _batch, technical, _q = _with_bank(people)
    with pytest.raises(ValidationFailed):
        results_services.change_project_save(actor=people.asn, enrollment_id=technical.pk,
                                             title="Digitalisasi arsip")  # fmt: skip
    pkp = sample_batch(program=sample_program(form=LearningForm.objects.get(code="pkp")))
    leadership = services.enrollment_register(actor=people.asn, batch_id=pkp.pk)
    project = results_services.change_project_save(
        actor=people.asn, enrollment_id=leadership.pk, title="Digitalisasi arsip kepegawaian",
        outcome="Waktu layanan turun dari 3 hari menjadi 1 hari",
    )  # fmt: skip
    assert project.enrollment == leadership


def test_followup_is_asked_after_the_delay_with_weekly_reminders(people) -> None:  # type: ignore[no-untyped-def]
    batch, enrollment, (q1, q2) = _with_bank(people, min_attendance_percent=0)
    results_services.test_submit(actor=people.asn, enrollment_id=enrollment.pk, kind="post",
                                 answers={q1.pk: 0, q2.pk: 1})  # fmt: skip
    participant = FollowUp.objects.get(enrollment=enrollment, respondent="participant")
    assert participant.due_on == results_services.add_months(batch.ends_on, 4)
    assert list(results_services.followups_for(user=people.asn)) == []  # not yet due

    later = participant.due_on + dt.timedelta(days=1)
    assert set(results_services.followups_for(user=people.atasan, today=later)) == {
        FollowUp.objects.get(enrollment=enrollment, respondent="supervisor")
    }
    assert results_services.reminders_send(today=later) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["asn@uji.garda.id", "atasan@uji.garda.id"]
    assert results_services.reminders_send(today=later + dt.timedelta(days=2)) == 0  # weekly
    FollowUp.objects.update(due_on=dt.date(2000, 1, 1), last_reminded_on=dt.date(2000, 1, 1))
    out = io.StringIO()
    call_command("learning_reminders", stdout=out)
    assert out.getvalue().startswith("2 ")
    assert FollowUp.objects.filter(reminders_sent=2).count() == 2

    answered = results_services.followup_answer(
        actor=people.asn, followup_id=participant.pk, rating=4, comment="Dipakai untuk SOP baru"
    )
    assert answered.answered_at is not None
    assert results_services.add_months(dt.date(2026, 10, 31), 4) == dt.date(2027, 2, 28)
