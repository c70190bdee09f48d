"""Who may do what with a request, said once; services enforce it, pages ask it to show forms.

- A `ppid` officer works the requests addressed to its unit's subtree (core.access scoping);
  an admin_provinsi may act as PPID utama for any request.
- The PPID's superior, who answers an objection (keberatan), is the admin_instansi of the
  instansi the request was addressed to, or an admin_provinsi. Nobody answers an objection
  against a decision they made themselves.
- An auditor reads everything and changes nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from garda.core.access import scope_root
from garda.core.models import Unit, User
from garda.core.permissions import access_for
from garda.core.roles import Role
from garda.transparency.ppid.models import InformationRequest, Objection

WORK_ACCESS = access_for(Role.PPID, Role.ADMIN_PROVINSI)
SUPERIOR_ACCESS = access_for(Role.ADMIN_INSTANSI, Role.ADMIN_PROVINSI)
CONSOLE_ACCESS = access_for(Role.PPID, Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.AUDITOR)
PARAMETER_ACCESS = access_for(Role.ADMIN_PROVINSI)


def _in_scope(user: User, unit: Unit) -> bool:
    if user.is_superuser or user.role in {Role.ADMIN_PROVINSI, Role.AUDITOR}:
        return True
    root = scope_root(user)
    return root is not None and unit.path.startswith(root.path)


def can_work_unit(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """Whether `user` answers requests to, and keeps the DIP of, `unit`."""
    return isinstance(user, User) and WORK_ACCESS.allows(user) and _in_scope(user, unit)


def can_work(user: User | AnonymousUser | None, request: InformationRequest) -> bool:
    return can_work_unit(user, request.unit)


def can_decide_objection(user: User | AnonymousUser | None, objection: Objection) -> bool:
    if not isinstance(user, User) or not SUPERIOR_ACCESS.allows(user):
        return False
    request = objection.request
    if request.decided_by_id is not None and request.decided_by_id == user.pk:
        return False
    return _in_scope(user, request.unit)
