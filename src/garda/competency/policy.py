"""Who may do what with competencies: one predicate per rule, used by services (which
refuse) and pages (which hide buttons). The atasan who approves a development plan is the
approver of learning's first approval step (learning.policy.STEP_ROLES), in the same scope."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from garda.competency.models import DevelopmentPlan, PlanStatus
from garda.core.access import (
    decides_own_case,
    unit_is_visible_to,
)
from garda.core.models import User
from garda.core.roles import Role
from garda.learning.models import ApprovalStep
from garda.learning.policy import STEP_ROLES
from garda.people.models import Employee

STANDARD_EDITORS = (Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI)
ASSESSORS = (Role.ASESOR, Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI)
PLAN_APPROVERS = (
    *STEP_ROLES[ApprovalStep.ATASAN],
    Role.ADMIN_OPD,
    Role.ADMIN_INSTANSI,
    Role.ADMIN_PROVINSI,
)


def _role(user: User | AnonymousUser) -> str:
    return str(getattr(user, "role", ""))


def can_edit_standards(user: User | AnonymousUser, instansi_id: int) -> bool:
    """Admins of the instansi (BPSDM/BKD anywhere); auditors only read."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or _role(user) == Role.ADMIN_PROVINSI:
        return True
    return _role(user) in STANDARD_EDITORS and unit_is_visible_to(user, instansi_id)


def can_assess(user: User | AnonymousUser, employee: Employee) -> bool:
    """An assessor (or an instansi admin) whose scope holds the ASN, never on itself."""
    if not user.is_authenticated or decides_own_case(user, employee.user_id):
        return False
    if user.is_superuser:
        return True
    return _role(user) in ASSESSORS and unit_is_visible_to(user, employee.unit_id)


def is_assessor(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or _role(user) in ASSESSORS))


def can_approve_plan(user: User | AnonymousUser, employee: Employee) -> bool:
    """The atasan of the ASN's unit (or an admin of its OPD/instansi); nobody on its own."""
    if not user.is_authenticated or decides_own_case(user, employee.user_id):
        return False
    if user.is_superuser:
        return True
    return _role(user) in PLAN_APPROVERS and unit_is_visible_to(user, employee.unit_id)


def is_plan_owner(user: User | AnonymousUser, employee: Employee) -> bool:
    return bool(user.is_authenticated and employee.user_id == user.pk)


OWNER_EDITS = (PlanStatus.DRAFT, PlanStatus.RETURNED)


def may_edit_plan(user: User | AnonymousUser, plan: DevelopmentPlan) -> bool:
    """The ASN while the plan is a draft (or returned); its atasan until it is approved. The
    services refuse by it and the pages offer their buttons by it."""
    if is_plan_owner(user, plan.employee):
        return plan.status in OWNER_EDITS
    return plan.status != PlanStatus.APPROVED and can_approve_plan(user, plan.employee)


def can_create_plan_batches(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or _role(user) == Role.ADMIN_PROVINSI))
