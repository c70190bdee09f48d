"""Writes of learning results: pre/post tests, the reaction survey, the Kirkpatrick-3
follow-up with its reminders, the aksi perubahan, and the completion rule."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from garda.core.access import scope_by_unit
from garda.core.audit.services import audit_record
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.formatting import long_date
from garda.core.models import User
from garda.core.roles import Role
from garda.learning import policy
from garda.learning import stamp as learning_stamp
from garda.learning.models import (
    ChangeProject,
    Enrollment,
    EnrollmentStatus,
    FollowUp,
    FollowUpRespondent,
    Program,
    Question,
    ReactionSurvey,
    TestAttempt,
    TestKind,
)
from garda.learning.services import budget_touch, lock_batch
from garda.learning.services.attendance import attendance_percent
from garda.learning.services.certificates import certificate_issue
from garda.people.models import UnitHead

REMINDER_EVERY_DAYS = 7
TAKES_PART = (EnrollmentStatus.APPROVED, EnrollmentStatus.COMPLETED,
              EnrollmentStatus.NOT_COMPLETED)  # fmt: skip


def _own(actor: User, enrollment_id: int) -> Enrollment:
    enrollment = (
        Enrollment.objects.select_related("batch__program__form", "employee")
        .filter(pk=enrollment_id, employee__user=actor)
        .first()
    )
    if enrollment is None:
        raise NotFound
    return enrollment


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- Tests ------------------------------------------------------------------------------------


def questions_for(enrollment: Enrollment) -> QuerySet[Question]:
    return enrollment.batch.program.questions.order_by("pk")


@transaction.atomic
def test_submit(
    *, actor: User, enrollment_id: int, kind: str, answers: Mapping[int, int]
) -> TestAttempt:
    """Score a pre- or post-test (percent correct). The pre-test is taken once, before the
    post-test; a failed post-test may be retaken and the new score replaces it."""
    enrollment = _own(actor, enrollment_id)
    if enrollment.status not in TAKES_PART:
        raise NotAllowed("Tes hanya untuk peserta terdaftar.", "Only for participants.")
    existing = {t.kind: t for t in enrollment.tests.select_for_update()}
    if kind == TestKind.PRE and (TestKind.PRE in existing or TestKind.POST in existing):
        raise Conflict("Pre-test sudah dikerjakan.", "The pre-test was already taken.")
    if kind == TestKind.POST and not post_test_open(enrollment):
        opens_on = post_test_opens_on(enrollment)
        raise NotAllowed(
            f"Post-test dibuka mulai {long_date(opens_on)}, hari terakhir pelatihan.",
            f"The post-test opens on {long_date(opens_on, language='en')}, the last day of "
            "the training.",
        )
    if kind == TestKind.POST and existing.get(TestKind.POST) and existing[TestKind.POST].passed:
        raise Conflict("Post-test sudah lulus.", "The post-test was already passed.")
    questions = list(questions_for(enrollment))
    if not questions:
        raise ValidationFailed("Bank soal program ini masih kosong.", "No questions yet.")
    correct = sum(1 for q in questions if answers.get(q.pk) == q.correct)
    score = round(correct * 100 / len(questions))
    passed = score >= enrollment.batch.program.pass_mark
    attempt, _created = TestAttempt.objects.update_or_create(
        enrollment=enrollment, kind=kind,
        defaults={"answers": {str(k): v for k, v in answers.items()}, "score": score,
                  "passed": passed},
    )  # fmt: skip
    audit_record(actor=actor, action=f"learning.test.{kind}", target=attempt,
                 after={"score": score, "passed": passed})  # fmt: skip
    if kind == TestKind.POST:
        enrollment_try_complete(actor=actor, enrollment=enrollment)
    return attempt


# --- Completion -------------------------------------------------------------------------------


def post_test_opens_on(enrollment: Enrollment) -> dt.date:
    """The post-test measures what the training taught, so it opens on the training's last
    day (it opened at approval, two weeks before the training, until 2026-12)."""
    return enrollment.batch.ends_on


def post_test_open(enrollment: Enrollment, *, today: dt.date | None = None) -> bool:
    """The one test of the window: the service refuses by it, pages show the link by it."""
    return (today or timezone.localdate()) >= post_test_opens_on(enrollment)


def progress(*, enrollment: Enrollment) -> dict[str, Any]:
    """Where a participant stands against the program's completion rule."""
    program = enrollment.batch.program
    tests = {t.kind: t for t in enrollment.tests.all()}
    pre, post = tests.get(TestKind.PRE), tests.get(TestKind.POST)
    attended = attendance_percent(enrollment)
    attendance_ok = attended >= program.min_attendance_percent
    post_ok = (not program.post_test_required) or bool(post and post.passed)
    return {
        "attendance_percent": attended,
        "attendance_ok": attendance_ok,
        "attended_any": enrollment.attendances.exists(),
        "pre": pre,
        "post": post,
        "gain": (post.score - pre.score) if pre and post else None,
        "post_ok": post_ok,
        "complete": attendance_ok and post_ok,
        "has_questions": program.questions.exists(),
        "post_opens_on": post_test_opens_on(enrollment),
        "post_open": post_test_open(enrollment),
    }


def _create_followups(enrollment: Enrollment) -> None:
    due = add_months(enrollment.batch.ends_on, enrollment.batch.program.evaluation_delay_months)
    for respondent in FollowUpRespondent.values:
        FollowUp.objects.get_or_create(
            enrollment=enrollment, respondent=respondent, defaults={"due_on": due}
        )


def enrollment_try_complete(*, actor: User | None, enrollment: Enrollment) -> bool:
    """Inside the caller's transaction: when the rule is met, mark the participant as
    passed, plan the follow-up and issue the certificate (with its ledger entry)."""

    if (
        enrollment.status != EnrollmentStatus.APPROVED
        or not progress(enrollment=enrollment)["complete"]
    ):
        return False
    enrollment.status = EnrollmentStatus.COMPLETED
    enrollment.completed_at = timezone.now()
    enrollment.save(update_fields=["status", "completed_at", "updated_at"])
    audit_record(actor=actor, action="learning.enrollment.complete", target=enrollment)

    budget_touch(enrollment.batch)
    _create_followups(enrollment)
    certificate_issue(actor=actor, enrollment=enrollment)
    return True


@transaction.atomic
def batch_decide_completion(*, actor: User, batch_id: int) -> dict[str, int]:
    """At the end of a batch: everyone approved either passes or does not."""

    batch = lock_batch(batch_id)
    if not policy.can_manage_batch(actor, batch):
        raise NotAllowed
    counts = {"completed": 0, "not_completed": 0}
    for enrollment in batch.enrollments.filter(status=EnrollmentStatus.APPROVED):
        if enrollment_try_complete(actor=actor, enrollment=enrollment):
            counts["completed"] += 1
        else:
            enrollment.status = EnrollmentStatus.NOT_COMPLETED
            enrollment.save(update_fields=["status", "updated_at"])
            audit_record(actor=actor, action="learning.enrollment.not_complete", target=enrollment)
            counts["not_completed"] += 1
    budget_touch(batch)
    return counts


# --- Reaction survey and aksi perubahan -------------------------------------------------------


@transaction.atomic
def survey_submit(
    *, actor: User, enrollment_id: int, content: int, instructor: int, organisation: int,
    comment: str = "",
) -> ReactionSurvey:  # fmt: skip
    enrollment = _own(actor, enrollment_id)
    if not enrollment.attendances.exists():
        raise NotAllowed(
            "Survei hanya untuk peserta yang hadir.", "Only attendees answer the survey."
        )
    if hasattr(enrollment, "reaction"):
        raise Conflict("Survei sudah diisi.", "The survey was already answered.")
    if not all(1 <= value <= 5 for value in (content, instructor, organisation)):
        raise ValidationFailed("Nilai 1 sampai 5.", "Ratings go from 1 to 5.")
    survey = ReactionSurvey.objects.create(
        enrollment=enrollment, content_rating=content, instructor_rating=instructor,
        organisation_rating=organisation, comment=comment.strip()[:2000],
    )  # fmt: skip
    audit_record(actor=actor, action="learning.survey.submit", target=survey)
    return survey


@transaction.atomic
def change_project_save(
    *, actor: User, enrollment_id: int, title: str, outcome: str = ""
) -> ChangeProject:
    enrollment = _own(actor, enrollment_id)
    if not enrollment.batch.program.form.is_leadership:
        raise ValidationFailed(
            "Aksi perubahan hanya untuk pelatihan kepemimpinan.", "Leadership training only."
        )
    if not title.strip():
        raise ValidationFailed("Judul aksi perubahan wajib diisi.", "A title is required.",
                               errors=[{"field": "title", "message": "Wajib diisi."}])  # fmt: skip
    project, created = ChangeProject.objects.update_or_create(
        enrollment=enrollment, defaults={"title": title.strip()[:300], "outcome": outcome.strip()}
    )
    audit_record(actor=actor, action="learning.change_project.save", target=project,
                 after={"title": project.title, "created": created})  # fmt: skip
    return project


# --- Kirkpatrick 3 follow-up ------------------------------------------------------------------


def followups_for(*, user: User, today: dt.date | None = None) -> QuerySet[FollowUp]:
    """Due and unanswered: the participant's own, and the supervisor's for its unit."""
    today = today or timezone.localdate()
    due = FollowUp.objects.filter(answered_at__isnull=True, due_on__lte=today).select_related(
        "enrollment__batch__program", "enrollment__employee"
    )
    own = Q(respondent=FollowUpRespondent.PARTICIPANT, enrollment__employee__user=user)
    if user.role == Role.ATASAN:
        supervised = scope_by_unit(
            due.filter(respondent=FollowUpRespondent.SUPERVISOR), user,
            unit_field="enrollment__employee__unit",
        ).exclude(enrollment__employee__user=user)  # fmt: skip
        return due.filter(own | Q(pk__in=supervised.values("pk")))
    return due.filter(own)


@transaction.atomic
def followup_answer(*, actor: User, followup_id: int, rating: int, comment: str) -> FollowUp:
    followup = (
        followups_for(user=actor).select_for_update(of=("self",)).filter(pk=followup_id).first()
    )
    if followup is None:
        raise NotFound
    if not 1 <= rating <= 5:
        raise ValidationFailed("Nilai 1 sampai 5.", "Ratings go from 1 to 5.")
    followup.application_rating = rating
    followup.comment = comment.strip()[:4000]
    followup.answered_at = timezone.now()
    followup.answered_by = actor
    followup.save()
    audit_record(actor=actor, action="learning.followup.answer", target=followup,
                 after={"rating": rating})  # fmt: skip
    return followup


def _supervisor_emails(enrollment: Enrollment) -> list[str]:
    """The atasan accounts of the participant's unit, and the unit head's own account."""
    unit = enrollment.employee.unit
    head_user = (
        UnitHead.objects.filter(unit=unit).values_list("employee__user_id", flat=True).first()
    )
    return list(
        User.objects.filter(Q(role=Role.ATASAN, unit=unit) | Q(pk=head_user), is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind whoever has a due, unanswered follow-up, at most once a week each."""
    today = today or timezone.localdate()
    quiet_since = today - dt.timedelta(days=REMINDER_EVERY_DAYS)
    due = FollowUp.objects.filter(answered_at__isnull=True, due_on__lte=today).filter(
        Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lte=quiet_since)
    ).select_related("enrollment__batch__program", "enrollment__employee__user",
                     "enrollment__employee__unit")  # fmt: skip
    sent = 0
    for followup in due:
        enrollment = followup.enrollment
        if followup.respondent == FollowUpRespondent.PARTICIPANT:
            user = enrollment.employee.user
            recipients = [user.email] if user is not None and user.email else []
        else:
            recipients = _supervisor_emails(enrollment)
        if recipients:
            names = {"program": enrollment.batch.program.title, "batch": enrollment.batch.name}
            send_mail(
                subject=gettext("Evaluasi pasca pelatihan: %(program)s") % names,
                message=gettext(
                    'Mohon isi evaluasi penerapan hasil pelatihan "%(program)s" (%(batch)s) '
                    "di menu Pelatihan Saya pada Garda."
                )
                % names,
                from_email=None,
                recipient_list=recipients,
            )
        with transaction.atomic():
            FollowUp.objects.filter(pk=followup.pk).update(
                reminders_sent=followup.reminders_sent + 1, last_reminded_on=today
            )
            audit_record(actor=None, action="learning.followup.remind", target=followup,
                         after={"recipients": len(recipients)})  # fmt: skip
        sent += 1
    return sent


def parse_bank(text: str) -> list[tuple[str, list[str], int]]:
    """Blocks separated by a blank line: the question, then its options, one per line, the
    right one starting with `*`."""
    parsed: list[tuple[str, list[str], int]] = []
    for number, block in enumerate(text.replace("\r\n", "\n").split("\n\n"), start=1):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        question, options = lines[0], lines[1:]
        correct = [i for i, option in enumerate(options) if option.startswith("*")]
        if len(options) < 2 or len(correct) != 1:
            raise ValidationFailed(
                f"Soal {number}: tulis minimal dua pilihan dan tandai satu jawaban benar dengan *.",
                f"Question {number}: give two or more options and mark one right answer with *.",
            )
        parsed.append((question, [o.lstrip("*").strip() for o in options], correct[0]))
    return parsed


@transaction.atomic
def questions_replace(*, actor: User, program_id: int, text: str) -> int:

    program = Program.objects.select_for_update().filter(pk=program_id).first()
    if program is None:
        raise NotFound
    if not policy.can_manage_program(actor, program):
        raise NotAllowed
    parsed = parse_bank(text)
    if TestAttempt.objects.filter(enrollment__batch__program=program).exists():
        raise Conflict(
            "Soal tidak dapat diganti: sudah ada peserta yang mengerjakan tes.",
            "Questions are locked once someone has taken a test.",
        )
    program.questions.all().delete()
    Question.objects.bulk_create(
        Question(program=program, text=q, options=options, correct=correct)
        for q, options, correct in parsed
    )
    learning_stamp.bump()  # a bulk write sends no save signal
    audit_record(actor=actor, action="learning.questions.replace", target=program,
                 after={"questions": len(parsed)})  # fmt: skip
    return len(parsed)
