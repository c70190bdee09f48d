"""During the study: a report per semester (transcript, GPA, credits), accepted or returned
by an admin; each accepted semester records its JP in the ledger by the ledger's rule for
tugas/izin belajar (one source key per semester, so accepting twice records once) and
releases that semester's payment. Reminders before a report is due, escalation when late;
extension and cancellation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from garda.core.access import decides_own_case
from garda.core.audit.services import audit_record
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import User
from garda.learning.ledger.models import LearningForm, SourceKind
from garda.learning.ledger.services import EntryDraft, ledger_entries_record
from garda.learning.services.results import add_months
from garda.studies import policy
from garda.studies.emails import Step, notify
from garda.studies.models import (
    AssignmentStatus,
    FundingKind,
    ReportStatus,
    SemesterReport,
    StudyAssignment,
    StudyKind,
)
from garda.studies.selectors.eligibility import rule_for
from garda.studies.services.applications import _locked
from garda.studies.services.documents import check_file

SEMESTER_MONTHS = 6
REMIND_DAYS_BEFORE = 14
LEDGER_FORM = {StudyKind.TUGAS: "tugas-belajar", StudyKind.IZIN: "izin-belajar"}


def semester_period(assignment: StudyAssignment, semester: int) -> tuple[dt.date, dt.date]:
    start = add_months(assignment.starts_on, (semester - 1) * SEMESTER_MONTHS)
    return start, add_months(start, SEMESTER_MONTHS) - dt.timedelta(days=1)


def semesters_planned(assignment: StudyAssignment) -> int:
    return -(-assignment.total_months // SEMESTER_MONTHS)


def ledger_key(report: SemesterReport) -> str:
    return f"studies-semester:{report.assignment_id}:{report.semester}"


@transaction.atomic
def report_submit(
    *,
    actor: User,
    assignment_id: int,
    semester: int,
    transcript: UploadedFile[bytes],
    gpa: Decimal,
    credits: int,
) -> SemesterReport:
    """A second report for the same semester is refused and changes nothing."""
    assignment = _locked(assignment_id)
    if not policy.can_act_for(actor, assignment.employee):
        raise NotFound("Data studi tidak ditemukan.", "Study not found.")
    if assignment.status != AssignmentStatus.APPROVED:
        raise Conflict("Studi ini tidak sedang berjalan.", "This study is not under way.")
    if not 1 <= semester <= semesters_planned(assignment):
        raise ValidationFailed(
            f"Semester harus antara 1 dan {semesters_planned(assignment)}.",
            f"Semester must be between 1 and {semesters_planned(assignment)}.",
            errors=[{"field": "semester", "message": "Di luar masa studi."}],
        )
    if not Decimal("0") <= gpa <= Decimal("4"):
        raise ValidationFailed(
            "IPK harus antara 0 dan 4.",
            "GPA must be between 0 and 4.",
            errors=[{"field": "gpa", "message": "0-4"}],
        )
    if SemesterReport.objects.filter(assignment=assignment, semester=semester).exists():
        raise Conflict(
            f"Laporan semester {semester} sudah dikirim; tidak dapat dikirim dua kali.",
            f"The report for semester {semester} was already sent.",
            code="study_report_duplicate",
        )
    check_file(transcript, field="transcript")
    start, end = semester_period(assignment, semester)
    try:
        with transaction.atomic():
            report = SemesterReport.objects.create(
                assignment=assignment,
                semester=semester,
                transcript=transcript,
                gpa=gpa,
                credits=credits,
                period_start=start,
                period_end=end,
            )
    except IntegrityError as error:
        raise Conflict(
            f"Laporan semester {semester} sudah dikirim.",
            f"Semester {semester} already reported.",
            code="study_report_duplicate",
        ) from error
    audit_record(
        actor=actor,
        action="studies.report.submit",
        target=report,
        after={
            "assignment": assignment.pk,
            "semester": semester,
            "gpa": str(gpa),
            "credits": credits,
        },
    )
    notify(assignment, Step.REPORT_SUBMITTED)
    return report


@transaction.atomic
def report_decide(*, actor: User, report_id: int, accepted: bool, note: str = "") -> SemesterReport:
    report = SemesterReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise NotFound("Laporan tidak ditemukan.", "Report not found.")
    assignment = _locked(report.assignment_id)
    employee = assignment.employee
    if not policy.can_administer(actor, employee) or decides_own_case(actor, employee.user_id):
        raise NotAllowed
    if report.status != ReportStatus.SUBMITTED:
        raise Conflict("Laporan ini sudah diperiksa.", "Already checked.")
    if not accepted and not note.strip():
        raise ValidationFailed(
            "Tulis alasan laporan dikembalikan.",
            "Say why.",
            errors=[{"field": "note", "message": "Wajib diisi."}],
        )
    report.status = ReportStatus.ACCEPTED if accepted else ReportStatus.REJECTED
    report.checked_by = actor
    report.note = note.strip()
    jp = None
    if accepted:
        jp = _record_jp(assignment, report)
        if assignment.funding_source.kind != FundingKind.MANDIRI and assignment.cost_per_semester:
            report.payment_amount = assignment.cost_per_semester
            report.paid_at = timezone.now()
    report.save()
    audit_record(
        actor=actor,
        action="studies.report.decide",
        target=report,
        after={
            "status": report.status,
            "jp": str(jp) if jp is not None else None,
            "payment": str(report.payment_amount or 0),
        },
    )
    notify(assignment, Step.REPORT_DECIDED)
    return report


def _record_jp(assignment: StudyAssignment, report: SemesterReport) -> Decimal:
    form = LearningForm.objects.get(code=LEDGER_FORM[StudyKind(assignment.kind)])
    program = assignment.program
    (result,) = ledger_entries_record(
        drafts=[
            EntryDraft(
                employee_id=assignment.employee_id,
                form_id=form.pk,
                started_on=report.period_start,
                finished_on=report.period_end,
                stated_jp=None,
                quantity=1,
                abroad=program.abroad,
                title=f"{assignment.get_kind_display()} {assignment.level} {program.name}, "
                f"semester {report.semester}",
                provider=program.institution,
                source_kind=SourceKind.EXTERNAL,
                source_key=ledger_key(report),
            )
        ]
    )
    return result.entry.jp


def reports_remind(*, today: dt.date | None = None) -> int:
    """Remind the ASN two weeks before a semester ends without a report; escalate to the
    admins once it is past. At most once a week per study. Returns the studies notified."""
    today = today or timezone.localdate()
    sent = 0
    quiet = today - dt.timedelta(days=7)
    running = StudyAssignment.objects.filter(status=AssignmentStatus.APPROVED)
    for assignment in running.select_related("employee"):
        if assignment.last_reminded_on is not None and assignment.last_reminded_on > quiet:
            continue
        reported = set(assignment.reports.values_list("semester", flat=True))
        due = [
            n
            for n in range(1, semesters_planned(assignment) + 1)
            if n not in reported
            and semester_period(assignment, n)[1] - dt.timedelta(days=REMIND_DAYS_BEFORE) <= today
        ]
        if not due:
            continue
        late = any(semester_period(assignment, n)[1] < today for n in due)
        with transaction.atomic():
            fields = {"last_reminded_on": today}
            if late and assignment.escalated_on is None:
                fields["escalated_on"] = today
            StudyAssignment.objects.filter(pk=assignment.pk).update(**fields)
            audit_record(
                actor=None,
                action="studies.report.remind",
                target=assignment,
                after={"late": late, "semesters": due},
            )
            notify(assignment, Step.REPORT_LATE if late else Step.REPORT_DUE)
        sent += 1
    return sent


@transaction.atomic
def study_extend(*, actor: User, assignment_id: int, months: int, reason: str) -> StudyAssignment:
    assignment = _locked(assignment_id)
    if not policy.can_administer(actor, assignment.employee):
        raise NotAllowed
    if assignment.status != AssignmentStatus.APPROVED:
        raise Conflict("Studi ini tidak sedang berjalan.", "This study is not under way.")
    if not reason.strip() or months < 1:
        raise ValidationFailed("Isi lama perpanjangan dan alasannya.", "Give months and reason.")
    # The rule row's limit (one year by default); beyond it, only as izin belajar.
    limit = rule_for(kind=assignment.kind, level=assignment.level).max_extension_months
    if assignment.extended_months + months > limit:
        raise ValidationFailed(
            f"Perpanjangan paling lama {limit} bulan; selebihnya hanya sebagai izin belajar.",
            f"At most {limit} months of extension; beyond, only as izin belajar.",
            code="study_extension_limit",
        )
    before = assignment.extended_months
    assignment.extended_months += months
    if assignment.return_planned_on is not None:
        assignment.return_planned_on = add_months(assignment.starts_on, assignment.total_months)
    assignment.save()
    audit_record(
        actor=actor,
        action="studies.extend",
        target=assignment,
        before={"extended_months": before},
        after={"extended_months": assignment.extended_months, "reason": reason.strip()},
    )
    notify(assignment, Step.EXTENDED)
    return assignment


@transaction.atomic
def study_cancel(*, actor: User, assignment_id: int, reason: str) -> StudyAssignment:
    assignment = _locked(assignment_id)
    if not policy.can_administer(actor, assignment.employee):
        raise NotAllowed
    if assignment.status not in {AssignmentStatus.SUBMITTED, AssignmentStatus.APPROVED}:
        raise Conflict("Studi ini sudah ditutup.", "This study is closed.")
    if not reason.strip():
        raise ValidationFailed(
            "Tulis alasan pembatalan.",
            "Give the reason.",
            errors=[{"field": "reason", "message": "Wajib diisi."}],
        )
    assignment.status = AssignmentStatus.CANCELLED
    assignment.next_step = ""
    assignment.closing_reason = reason.strip()
    assignment.save()
    audit_record(
        actor=actor,
        action="studies.cancel",
        target=assignment,
        after={"reason": assignment.closing_reason},
    )
    notify(assignment, Step.CANCELLED)
    return assignment
