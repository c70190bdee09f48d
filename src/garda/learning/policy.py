"""Who may do what in the learning app: one predicate per rule, used by services (which
refuse) and by pages (which hide buttons)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from garda.core.access import decides_own_case, sees_everything, units_visible_to
from garda.core.models import Unit, User
from garda.core.roles import Role
from garda.learning.models import ApprovalStep, Batch, Enrollment, Program

CATALOG_ADMINS = (Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)


def _in_scope(user: User | AnonymousUser, unit_id: int) -> bool:
    if not user.is_authenticated:
        return False
    if sees_everything(user):
        return True
    return units_visible_to(user).filter(pk=unit_id).exists()


def is_catalog_admin(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or getattr(user, "role", "") in CATALOG_ADMINS)
    )


def can_manage_unit(user: User | AnonymousUser, unit: Unit) -> bool:
    """Admins of the unit's subtree (admin_provinsi anywhere); auditors only read."""
    if not is_catalog_admin(user):
        return False
    if user.is_superuser or getattr(user, "role", "") == Role.ADMIN_PROVINSI:
        return True
    return _in_scope(user, unit.pk)


def can_manage_program(user: User | AnonymousUser, program: Program) -> bool:
    return can_manage_unit(user, program.owner_unit)


def can_manage_batch(user: User | AnonymousUser, batch: Batch) -> bool:
    return can_manage_unit(user, batch.organiser_unit)


def can_nominate(user: User | AnonymousUser, employee_unit_id: int) -> bool:
    return is_catalog_admin(user) and _in_scope(user, employee_unit_id)


STEP_ROLES: dict[str, tuple[str, ...]] = {
    ApprovalStep.ATASAN: (Role.ATASAN,),
    ApprovalStep.ADMIN_OPD: (Role.ADMIN_OPD, Role.ADMIN_INSTANSI),
    ApprovalStep.BPSDM: (Role.ADMIN_PROVINSI,),
}


def can_decide_step(user: User | AnonymousUser, step: str, enrollment: Enrollment) -> bool:
    """The atasan of the participant's unit, an admin of its OPD/instansi, or BPSDM (an
    admin_provinsi) for the matching step. A superuser stands in for any of them, but nobody
    decides on their own registration."""
    if not user.is_authenticated or decides_own_case(user, enrollment.employee.user_id):
        return False
    if user.is_superuser:
        return True
    if getattr(user, "role", "") not in STEP_ROLES.get(step, ()):
        return False
    return _in_scope(user, enrollment.employee.unit_id)
