"""Every write of enrolment: registration, nomination, the approval chain, the waitlist and
documents. Each service is one transaction with its audit entry.

Overbooking: every service that takes or frees a seat first locks the batch row
(SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions already serialise
writers), then counts the seats inside that transaction. Two concurrent registrations for
the last seat therefore run one after the other and the second lands on the waitlist.

Catalog writes (programs, batches, sessions) live in catalog_services.py."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import User
from garda.learning import eligibility, policy
from garda.learning.models import (
    ApprovalDecision,
    ApprovalStep,
    Batch,
    BatchStatus,
    DocumentStatus,
    Enrollment,
    EnrollmentApproval,
    EnrollmentDocument,
    EnrollmentStatus,
)
from garda.learning.models.enrolment import SEAT_HOLDING
from garda.people.models import Employee, Unit, UnitKind

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
DOCUMENT_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def budget_touch(batch: Batch) -> None:
    """Participants or cost of a batch paid from a budget line changed: the public budget
    pages cache their figures, so mark them stale in this same transaction."""
    if batch.budget_line_id is not None:
        from garda.core.dataversion import data_version_bump

        data_version_bump(name="budget")


def lock_batch(batch_id: int) -> Batch:
    batch = Batch.objects.select_for_update().select_related("program").filter(pk=batch_id).first()
    if batch is None:
        raise NotFound
    return batch


def opd_of(unit: Unit) -> Unit | None:
    """The OPD (or, failing that, the instansi) a unit belongs to, by its path."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    for kind in (UnitKind.OPD, UnitKind.INSTANSI):
        for unit_id in reversed(ids):
            found = by_id.get(unit_id)
            if found is not None and found.kind == kind:
                return found
    return None


def seats_taken(batch: Batch) -> int:
    return batch.enrollments.filter(status__in=SEAT_HOLDING).count()


def _has_seat(batch: Batch, employee: Employee) -> bool:
    """Inside the batch lock: a seat overall, and one in the employee's OPD quota if any."""
    if seats_taken(batch) >= batch.seats:
        return False
    quotas = list(batch.unit_quotas.select_related("unit"))
    if not quotas:
        return True
    paths = [employee.unit.path]
    for quota in quotas:
        if any(path.startswith(quota.unit.path) for path in paths):
            used = batch.enrollments.filter(
                status__in=SEAT_HOLDING, employee__unit__path__startswith=quota.unit.path
            ).count()
            return used < quota.seats
    return True


def _create_enrollment(
    *, actor: User, batch: Batch, employee: Employee, nominated: bool
) -> Enrollment:
    today = timezone.localdate()
    if not eligibility.open_batches(today).filter(pk=batch.pk).exists():
        raise ValidationFailed(
            "Pendaftaran angkatan ini sedang tidak dibuka.", "Registration is not open."
        )
    reason = eligibility.ineligibility(employee, batch.program)
    if reason:
        raise ValidationFailed(reason, "The employee does not meet the program's requirements.")
    if (
        Enrollment.objects.filter(batch=batch, employee=employee)
        .exclude(status__in=[EnrollmentStatus.REFUSED, EnrollmentStatus.CANCELLED])
        .exists()
    ):
        raise Conflict("Sudah terdaftar di angkatan ini.", "Already registered for this batch.")
    program = batch.program
    steps = [
        step
        for step, on in (
            (ApprovalStep.ATASAN, program.needs_atasan),
            (ApprovalStep.ADMIN_OPD, program.needs_admin_opd),
            (ApprovalStep.BPSDM, program.needs_bpsdm),
        )
        if on
    ]
    seated = _has_seat(batch, employee)
    if not seated:
        status = EnrollmentStatus.WAITLISTED
    else:
        status = EnrollmentStatus.PENDING if steps else EnrollmentStatus.APPROVED
    enrollment = Enrollment.objects.create(
        batch=batch,
        employee=employee,
        status=status,
        nominated_by=actor if nominated else None,
        waitlisted_at=None if seated else timezone.now(),
    )
    EnrollmentApproval.objects.bulk_create(
        EnrollmentApproval(enrollment=enrollment, step=step, order=n)
        for n, step in enumerate(steps, start=1)
    )
    audit_record(
        actor=actor,
        action="learning.enrollment.nominate" if nominated else "learning.enrollment.register",
        target=enrollment,
        after=snapshot(enrollment),
    )
    budget_touch(batch)
    return enrollment


@transaction.atomic
def enrollment_register(*, actor: User, batch_id: int) -> Enrollment:
    """An ASN registers itself. Full batch: a place on the waitlist instead."""
    employee = Employee.objects.select_related("unit").filter(user=actor).first()
    if employee is None:
        raise NotAllowed(
            "Akun Anda belum terhubung dengan data pegawai.",
            "Your account is not linked to an employee record.",
        )
    batch = lock_batch(batch_id)
    return _create_enrollment(actor=actor, batch=batch, employee=employee, nominated=False)


@transaction.atomic
def enrollment_nominate(*, actor: User, batch_id: int, employee_id: int) -> Enrollment:
    """An admin puts an employee of its scope forward for a batch (same rules as
    self-registration, same approval chain)."""
    employee = Employee.objects.select_related("unit").filter(pk=employee_id).first()
    if employee is None:
        raise NotFound
    if not policy.can_nominate(actor, employee.unit_id):
        raise NotAllowed
    batch = lock_batch(batch_id)
    return _create_enrollment(actor=actor, batch=batch, employee=employee, nominated=True)


def _next_step(enrollment: Enrollment) -> EnrollmentApproval | None:
    return enrollment.approvals.filter(decision=ApprovalDecision.PENDING).order_by("order").first()


def _locked_enrollment(enrollment_id: int) -> tuple[Batch, Enrollment]:
    batch_id = (
        Enrollment.objects.filter(pk=enrollment_id).values_list("batch_id", flat=True).first()
    )
    if batch_id is None:
        raise NotFound
    batch = lock_batch(batch_id)
    enrollment = Enrollment.objects.select_related("employee__unit", "batch__program").get(
        pk=enrollment_id
    )
    return batch, enrollment


@transaction.atomic
def enrollment_approve(*, actor: User, enrollment_id: int) -> Enrollment:
    """Approve the next step of the chain; the last approval makes the registration final."""
    batch, enrollment = _locked_enrollment(enrollment_id)
    if enrollment.status != EnrollmentStatus.PENDING:
        raise Conflict("Pendaftaran ini tidak sedang menunggu persetujuan.", "Not pending.")
    step = _next_step(enrollment)
    if step is None or not policy.can_decide_step(actor, step.step, enrollment):
        raise NotAllowed
    if (
        enrollment.approvals.filter(decision=ApprovalDecision.PENDING).count() == 1
        and batch.program.needs_surat_tugas
        and not enrollment.documents.filter(status=DocumentStatus.ACCEPTED).exists()
    ):
        raise ValidationFailed(
            "Surat tugas belum diunggah atau belum diterima admin.",
            "The assignment letter is missing or not yet accepted.",
        )
    step.decision = ApprovalDecision.APPROVED
    step.decided_by = actor
    step.decided_at = timezone.now()
    step.save(update_fields=["decision", "decided_by", "decided_at", "updated_at"])
    if _next_step(enrollment) is None:
        enrollment.status = EnrollmentStatus.APPROVED
        enrollment.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="learning.enrollment.approve",
        target=enrollment,
        after={"step": step.step, "status": enrollment.status},
    )
    budget_touch(batch)
    return enrollment


def _promote_waitlist(batch: Batch) -> list[Enrollment]:
    """Fill freed seats from the waitlist, first come first served (inside the batch lock)."""
    promoted: list[Enrollment] = []
    waiting = batch.enrollments.filter(status=EnrollmentStatus.WAITLISTED).select_related(
        "employee__unit"
    )
    for enrollment in waiting.order_by("waitlisted_at", "pk"):
        if seats_taken(batch) >= batch.seats:
            break
        if not _has_seat(batch, enrollment.employee):
            continue
        pending = _next_step(enrollment) is not None
        enrollment.status = EnrollmentStatus.PENDING if pending else EnrollmentStatus.APPROVED
        enrollment.waitlisted_at = None
        enrollment.save(update_fields=["status", "waitlisted_at", "updated_at"])
        audit_record(
            actor=None,
            action="learning.enrollment.promote",
            target=enrollment,
            after={"status": enrollment.status},
        )
        promoted.append(enrollment)
    return promoted


@transaction.atomic
def enrollment_refuse(*, actor: User, enrollment_id: int, reason: str) -> Enrollment:
    """Refuse at the current step, with the reason the participant will read. The seat goes
    to the next person on the waitlist."""
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(
            "Alasan penolakan wajib diisi.",
            "A reason is required.",
            errors=[{"field": "reason", "message": "Alasan penolakan wajib diisi."}],
        )
    batch, enrollment = _locked_enrollment(enrollment_id)
    if enrollment.status not in {EnrollmentStatus.PENDING, EnrollmentStatus.WAITLISTED}:
        raise Conflict("Pendaftaran ini tidak sedang menunggu persetujuan.", "Not pending.")
    step = _next_step(enrollment)
    if step is None or not policy.can_decide_step(actor, step.step, enrollment):
        raise NotAllowed
    step.decision = ApprovalDecision.REFUSED
    step.reason = reason
    step.decided_by = actor
    step.decided_at = timezone.now()
    step.save(update_fields=["decision", "reason", "decided_by", "decided_at", "updated_at"])
    enrollment.status = EnrollmentStatus.REFUSED
    enrollment.refusal_reason = reason
    enrollment.save(update_fields=["status", "refusal_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="learning.enrollment.refuse",
        target=enrollment,
        after={"step": step.step, "reason": reason},
    )
    _promote_waitlist(batch)
    budget_touch(batch)
    return enrollment


@transaction.atomic
def enrollment_cancel(*, actor: User, enrollment_id: int) -> Enrollment:
    """The participant withdraws (or an admin of the batch cancels); the seat is passed on."""
    batch, enrollment = _locked_enrollment(enrollment_id)
    own = enrollment.employee.user_id == actor.pk
    if not own and not policy.can_manage_batch(actor, batch):
        raise NotAllowed
    if enrollment.status not in {
        EnrollmentStatus.PENDING, EnrollmentStatus.APPROVED, EnrollmentStatus.WAITLISTED
    }:  # fmt: skip
        raise Conflict("Pendaftaran ini tidak dapat dibatalkan.", "Cannot be cancelled.")
    enrollment.status = EnrollmentStatus.CANCELLED
    enrollment.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="learning.enrollment.cancel", target=enrollment)
    _promote_waitlist(batch)
    budget_touch(batch)
    return enrollment


def promote_after_seat_change(batch: Batch) -> list[Enrollment]:
    """Called by batch_update (inside its lock) when the quota grew."""
    return _promote_waitlist(batch)


@transaction.atomic
def document_upload(
    *, actor: User, enrollment_id: int, file: UploadedFile[bytes]
) -> EnrollmentDocument:
    enrollment = Enrollment.objects.select_related("employee").filter(pk=enrollment_id).first()
    if enrollment is None or enrollment.employee.user_id != actor.pk:
        raise NotFound
    if (file.size or 0) > MAX_DOCUMENT_BYTES or file.content_type not in DOCUMENT_TYPES:
        raise ValidationFailed(
            "Unggah PDF, JPG atau PNG paling besar 5 MB.",
            "Upload a PDF, JPG or PNG of at most 5 MB.",
            errors=[{"field": "file", "message": "Unggah PDF, JPG atau PNG paling besar 5 MB."}],
        )
    document = EnrollmentDocument.objects.create(enrollment=enrollment, file=file)
    audit_record(actor=actor, action="learning.document.upload", target=document,
                 after={"enrollment": enrollment.pk, "kind": document.kind})  # fmt: skip
    return document


@transaction.atomic
def document_check(
    *, actor: User, document_id: int, accepted: bool, note: str = ""
) -> EnrollmentDocument:
    document = (
        EnrollmentDocument.objects.select_for_update()
        .select_related("enrollment__employee")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise NotFound
    if not policy.can_nominate(actor, document.enrollment.employee.unit_id):
        raise NotAllowed
    if not accepted and not note.strip():
        raise ValidationFailed("Tulis alasan dokumen ditolak.", "Say why it is rejected.")
    document.status = DocumentStatus.ACCEPTED if accepted else DocumentStatus.REJECTED
    document.checked_by = actor
    document.note = note.strip()
    document.save(update_fields=["status", "checked_by", "note", "updated_at"])
    audit_record(actor=actor, action="learning.document.check", target=document,
                 after={"status": document.status})  # fmt: skip
    return document


def batch_is_open(batch: Batch) -> bool:
    today = timezone.localdate()
    return (
        batch.status == BatchStatus.OPEN
        and batch.registration_opens <= today <= batch.registration_closes
    )
