"""Who may work which puskesmas: one rule, read by services, selectors and views.

petugas_faskes work the facility linked to their unit (or a unit above theirs);
admin_instansi the facilities of their kabupaten/kota; admin_provinsi (and superusers) all.
Auditors may read everything but change nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from garda.core.access import sees_everything, units_visible_to
from garda.core.roles import Role
from garda.queueing.models import Facility

STAFF_ROLES = (Role.PETUGAS_FASKES, Role.ADMIN_INSTANSI, Role.ADMIN_PROVINSI)
MANAGER_ROLES = (Role.ADMIN_INSTANSI, Role.ADMIN_PROVINSI)
READER_ROLES = (*STAFF_ROLES, Role.AUDITOR)


def facilities_visible_to(user: Any) -> QuerySet[Facility]:
    queryset = Facility.objects.all()
    if user is None or not user.is_authenticated:
        return queryset.none()
    if sees_everything(user):
        return queryset
    if user.role not in READER_ROLES:
        return queryset.none()
    if user.role == Role.PETUGAS_FASKES:
        unit = user.unit
        if unit is None:
            return queryset.none()
        # The facility's unit is the petugas' unit or one of its ancestors.
        ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
        return queryset.filter(unit_id__in=ancestors)
    units = units_visible_to(user)
    return queryset.filter(Q(unit__in=units) | Q(kabupaten__in=units))


def can_work(user: Any, facility_id: int) -> bool:
    """May `user` run the queue (call, finish, issue staff tickets) of this facility?"""
    if user is None or not user.is_authenticated:
        return False
    if not (user.is_superuser or user.role in STAFF_ROLES):
        return False
    return facilities_visible_to(user).filter(pk=facility_id).exists()


def can_manage(user: Any, facility_id: int | None = None) -> bool:
    """May `user` change the facility's set-up (polis, hours, counters, doctors)?"""
    if user is None or not user.is_authenticated:
        return False
    if not (user.is_superuser or user.role in MANAGER_ROLES):
        return False
    if facility_id is None:
        return True
    return facilities_visible_to(user).filter(pk=facility_id).exists()


def public_actor(user: Any) -> AnonymousUser:
    """Who a citizen's action on a public page or the public API is recorded as: the public
    ("anonim" in the audit log). Those actions rest on the booking code (or on nothing, for
    a booking), not on an account, so a visitor who happens to be signed in is recorded as
    the public too and is not held to the staff rules of `can_work`."""
    return user if isinstance(user, AnonymousUser) else AnonymousUser()
