"""Reads of the learning app: the public catalog (aggregates only), admins' scoped lists,
the approval queue, a participant's own registrations, and `batches_matching` for the
ledger's one-click nomination."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from garda.core.access import scope_by_unit, sees_everything
from garda.core.errors import NotFound
from garda.core.models import Job, User
from garda.core.roles import Role
from garda.learning import eligibility
from garda.learning.models import (
    ApprovalDecision,
    Batch,
    BatchStatus,
    Enrollment,
    EnrollmentApproval,
    EnrollmentStatus,
    Program,
    Session,
)
from garda.learning.models.enrolment import SEAT_HOLDING
from garda.learning.policy import STEP_ROLES
from garda.people.models import Employee

PUBLIC_BATCH_STATUSES = [s for s in BatchStatus.values if s not in {"draft", "cancelled"}]


def _with_seats(queryset: QuerySet[Batch]) -> QuerySet[Batch]:
    return queryset.annotate(
        seats_taken=Count("enrollments", filter=Q(enrollments__status__in=SEAT_HOLDING)),
        waitlist=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.WAITLISTED)),
    )


# --- The public catalog -----------------------------------------------------------------------


def program_list_public() -> QuerySet[Program]:
    today = timezone.localdate()
    programs = (
        Program.objects.filter(is_published=True)
        .select_related("form")
        .annotate(
            open_batches=Count(
                "batches",
                filter=Q(batches__status=BatchStatus.OPEN, batches__registration_closes__gte=today),
            )
        )
    )
    return programs.order_by("-open_batches", "title")


def program_get_public(*, program_id: int) -> Program:
    program = (
        Program.objects.filter(pk=program_id, is_published=True)
        .select_related("form")
        .prefetch_related("prerequisites", "target_jabatan_kinds", "target_golongan")
        .first()
    )
    if program is None:
        raise NotFound
    return program


def batch_list_public(*, program_id: int | None = None) -> QuerySet[Batch]:
    batches = Batch.objects.filter(
        status__in=PUBLIC_BATCH_STATUSES, program__is_published=True
    ).select_related("program", "organiser_unit")
    if program_id is not None:
        batches = batches.filter(program_id=program_id)
    return _with_seats(batches).order_by("-starts_on", "name")


def batch_get_public(*, batch_id: int) -> Batch:
    batch = (
        batch_list_public()
        .select_related("budget_line")
        .prefetch_related("sessions")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None:
        raise NotFound
    return batch


# --- Admin lists (scoped by the unit tree) -----------------------------------------------------


def program_list(*, user: User | AnonymousUser) -> QuerySet[Program]:
    """Programs an admin may see: all of them for admin_provinsi/auditor, those owned in
    its subtree for the others."""
    return scope_by_unit(Program.objects.select_related("form", "owner_unit"), user,
                         unit_field="owner_unit").order_by("title")  # fmt: skip


def program_get(*, user: User | AnonymousUser, program_id: int) -> Program:
    program = program_list(user=user).filter(pk=program_id).first()
    if program is None:
        raise NotFound
    return program


def batch_list(*, user: User | AnonymousUser) -> QuerySet[Batch]:
    batches = Batch.objects.select_related("program", "organiser_unit")
    scoped = scope_by_unit(batches, user, unit_field="organiser_unit")
    return _with_seats(scoped).order_by("-starts_on", "name")


def batch_get(*, user: User | AnonymousUser, batch_id: int) -> Batch:
    batch = batch_list(user=user).filter(pk=batch_id).first()
    if batch is None:
        raise NotFound
    return batch


def session_get(*, user: User | AnonymousUser, session_id: int) -> Session:
    session = (
        Session.objects.select_related("batch__program")
        .filter(batch__in=batch_list(user=user).values("pk"), pk=session_id)
        .first()
    )
    if session is None:
        raise NotFound
    return session


def participants(*, batch: Batch) -> QuerySet[Enrollment]:
    """Everyone registered on a batch, for its organisers (never for the public)."""
    return (
        batch.enrollments.select_related("employee__unit")
        .prefetch_related("approvals", "documents")
        .annotate(attended=Count("attendances"))
        .order_by(F("waitlisted_at").asc(nulls_first=True), "employee__name")
    )


# --- Participants and approvers ---------------------------------------------------------------


def enrollment_list(*, user: User | AnonymousUser) -> QuerySet[Enrollment]:
    """Registrations `user` may see: its own, its unit subtree's (atasan, admins), all."""
    queryset = Enrollment.objects.select_related("batch__program", "employee__unit")
    return scope_by_unit(queryset, user, unit_field="employee__unit", self_field="employee__user")


def enrollment_get(*, user: User | AnonymousUser, enrollment_id: int) -> Enrollment:
    enrollment = (
        enrollment_list(user=user)
        .prefetch_related(
            Prefetch("approvals", EnrollmentApproval.objects.order_by("order")), "documents"
        )
        .filter(pk=enrollment_id)
        .first()
    )
    if enrollment is None:
        raise NotFound
    return enrollment


def my_enrollments(*, user: User) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(employee__user=user)
        .select_related("batch__program", "certificate")
        .order_by("-batch__starts_on")
    )


def approvals_waiting(*, user: User | AnonymousUser) -> QuerySet[Enrollment]:
    """Pending registrations whose next step is this user's to decide."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    role = getattr(user, "role", "")
    steps = [step for step, roles in STEP_ROLES.items() if role in roles]
    if user.is_superuser:
        steps = list(STEP_ROLES)
    if not steps:
        return Enrollment.objects.none()
    earlier_pending = EnrollmentApproval.objects.filter(
        enrollment=OuterRef("enrollment"),
        decision=ApprovalDecision.PENDING,
        order__lt=OuterRef("order"),
    )
    next_is_mine = (
        EnrollmentApproval.objects.filter(decision=ApprovalDecision.PENDING, step__in=steps)
        .annotate(blocked=Exists(earlier_pending))
        .filter(blocked=False)
    )
    queryset = (
        Enrollment.objects.filter(
            status=EnrollmentStatus.PENDING, pk__in=next_is_mine.values("enrollment_id")
        )
        .exclude(employee__user=user.pk)  # nobody decides on their own case (core.access)
        .select_related("batch__program", "employee__unit")
    )
    if role == Role.ADMIN_PROVINSI or sees_everything(user):
        return queryset.order_by("created_at")
    return scope_by_unit(queryset, user, unit_field="employee__unit").order_by("created_at")


def batches_matching(*, employee_id: int) -> QuerySet[Batch]:
    """Batches the employee could be nominated to now: open for registration, seats left,
    the employee among the program's targets with its prerequisites done, not already in."""
    employee = Employee.objects.filter(pk=employee_id).first()
    if employee is None:
        return Batch.objects.none()
    today = timezone.localdate()
    already = Enrollment.objects.filter(employee_id=employee_id).exclude(
        status__in=[EnrollmentStatus.REFUSED, EnrollmentStatus.CANCELLED]
    )
    _taken = (
        Enrollment.objects.filter(batch=OuterRef("pk"), status__in=SEAT_HOLDING)
        .values("batch")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _with_seats(
            eligibility.open_batches(today).filter(
                program__in=eligibility.programs_for(employee).values("pk")
            )
        )
        .exclude(pk__in=already.values("batch_id"))
        .filter(seats__gt=Coalesce(Subquery(_taken), 0))
        .select_related("program")
        .order_by("registration_closes", "pk")
    )


def employee_of(user: User) -> Employee | None:
    return Employee.objects.select_related("unit").filter(user=user).first()


def batch_public_figures(*, batch: Batch) -> dict[str, int]:
    """What the public may know about a batch's participants: counts, never names."""
    rows = batch.enrollments.aggregate(
        registered=Count("pk", filter=Q(status__in=SEAT_HOLDING)),
        completed=Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED)),
        waitlist=Count("pk", filter=Q(status=EnrollmentStatus.WAITLISTED)),
    )
    figures = {key: int(value or 0) for key, value in rows.items()}
    figures["jp_delivered"] = figures["completed"] * batch.program.jp
    return figures


def own_enrollment(*, user: User | AnonymousUser, batch: Batch) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrollment.objects.filter(batch=batch, employee__user_id=user.pk)
        .exclude(status__in=[EnrollmentStatus.CANCELLED])
        .order_by("-created_at")
        .first()
    )


def certificate_job(*, batch: Batch) -> Job | None:
    """The latest certificate run of a batch, for its progress bar."""
    return (
        Job.objects.filter(kind="learning.certificates", result__batch=batch.pk)
        .order_by("-created_at")
        .first()
        or Job.objects.filter(
            kind="learning.certificates", title__endswith=f"#{batch.pk}", finished_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )
