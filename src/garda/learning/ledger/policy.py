"""Who may do what in the JP ledger. Scope always comes from core/access.py."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from garda.core.access import decides_own_case, units_visible_to
from garda.core.models import User
from garda.core.permissions import access_for
from garda.core.roles import Role
from garda.people.models import Employee

ADMINS = (Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)
# Verify external learning, import history, push to SIASN.
VERIFY_ACCESS = access_for(*ADMINS)
# The conversion rules and yearly targets hold for every government in Garda: the province
# admin edits them, auditors and the other admins read them.
RULES_READ_ACCESS = access_for(*ADMINS, Role.AUDITOR)
RULES_WRITE_ACCESS = access_for(Role.ADMIN_PROVINSI)
# Read dashboards and any ASN's ledger in scope.
DASHBOARD_ACCESS = access_for(*ADMINS, Role.AUDITOR, Role.ATASAN)
# The ASN's own pages ("JP saya", submitting external learning).
OWN_ACCESS = access_for(Role.ASN, Role.ATASAN, *ADMINS)
# Ledger entries through the API: own ones for an ASN, the scope for everyone else.
READ_ACCESS = access_for(Role.ASN, Role.ATASAN, Role.AUDITOR, *ADMINS)


def own_employee(user: User | AnonymousUser) -> Employee | None:
    if not user.is_authenticated:
        return None
    return Employee.objects.filter(user_id=user.pk).select_related("unit").first()


def can_see_employee(user: User | AnonymousUser, employee: Employee) -> bool:
    if not user.is_authenticated:
        return False
    if employee.user_id is not None and employee.user_id == user.pk:
        return True
    if not DASHBOARD_ACCESS.allows(user):
        return False
    return units_visible_to(user).filter(pk=employee.unit_id).exists()


def can_verify(user: User | AnonymousUser, employee: Employee) -> bool:
    if not VERIFY_ACCESS.allows(user):
        return False
    if decides_own_case(user, employee.user_id):
        return False  # nobody verifies their own hours
    return units_visible_to(user).filter(pk=employee.unit_id).exists()
