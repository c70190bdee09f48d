"""Who may do what with degree studies: one predicate per rule, used by services (which
refuse) and pages (which hide buttons)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from garda.core.access import (
    decides_own_case,
    unit_is_visible_to,
)
from garda.core.models import User
from garda.core.roles import Role
from garda.people.models import Employee
from garda.studies.models import ApprovalStep, StudyAssignment

STUDY_ADMINS = (Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)
# The approval chain: atasan -> head of OPD -> BKD (the instansi's, or the province's).
STEP_ROLES: dict[str, tuple[str, ...]] = {
    ApprovalStep.ATASAN: (Role.ATASAN,),
    ApprovalStep.OPD: (Role.ADMIN_OPD,),
    ApprovalStep.BKD: (Role.ADMIN_INSTANSI, Role.ADMIN_PROVINSI),
}


def is_study_admin(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or getattr(user, "role", "") in STUDY_ADMINS)
    )


def can_administer(user: User | AnonymousUser, employee: Employee) -> bool:
    """Admins whose subtree holds the employee (BKD for offers, reports, completion)."""
    return is_study_admin(user) and unit_is_visible_to(user, employee.unit_id)


def can_act_for(user: User | AnonymousUser, employee: Employee) -> bool:
    """The ASN itself, or an admin of its unit."""
    if not user.is_authenticated:
        return False
    return employee.user_id == user.pk or can_administer(user, employee)


def can_decide_step(user: User | AnonymousUser, step: str, assignment: StudyAssignment) -> bool:
    """Only the role of the step, with the ASN in its scope, and never on its own case; a
    superuser stands in for any step."""
    employee = assignment.employee
    if not user.is_authenticated or decides_own_case(user, employee.user_id):
        return False
    if user.is_superuser:
        return True
    if getattr(user, "role", "") not in STEP_ROLES.get(step, ()):
        return False
    return unit_is_visible_to(user, employee.unit_id)
