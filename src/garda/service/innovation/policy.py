"""Who may do what with innovations: one place, read by services, selectors and views."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from garda.core.access import scope_by_unit, unit_is_visible_to, units_visible_to
from garda.core.models import Unit, UnitKind, User
from garda.core.roles import Role
from garda.service.innovation.models import Innovation

# Register and edit innovations (an ASN only its own, in its own unit).
EDITOR_ROLES = frozenset(
    {
        Role.ADMIN_PROVINSI,
        Role.ADMIN_INSTANSI,
        Role.ADMIN_OPD,
        Role.ATASAN,
        Role.PETUGAS_FASKES,
        Role.ASN,
    }
)
# Publish to the showcase, enter a region's SPD indicators: the unit's heads and admins.
PUBLISHER_ROLES = frozenset({Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.ATASAN})
READER_ROLES = EDITOR_ROLES | {Role.AUDITOR, Role.PPID}
REGION_ROLES = frozenset({Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI})
PROVINCE_VIEW_ROLES = frozenset({Role.ADMIN_PROVINSI, Role.AUDITOR, Role.ADMIN_INSTANSI})


def innovations_visible(user: User | AnonymousUser) -> QuerySet[Innovation]:
    """Innovations of the user's subtree, and those it registered itself."""
    return scope_by_unit(Innovation.objects.all(), user, unit_field="unit", self_field="author")


def may_place(user: User, unit_id: int | None) -> bool:
    """May `user` register an innovation in unit `unit_id`? Its scope, or its own unit."""
    if user.role not in EDITOR_ROLES and not user.is_superuser:
        return False
    return unit_id is not None and (unit_id == user.unit_id or unit_is_visible_to(user, unit_id))


def may_edit(user: User, innovation: Innovation) -> bool:
    if user.role not in EDITOR_ROLES and not user.is_superuser:
        return False
    if user.role == Role.ASN:
        return innovation.author_id == user.pk
    return innovations_visible(user).filter(pk=innovation.pk).exists()


def may_publish(user: User, innovation: Innovation) -> bool:
    return (user.is_superuser or user.role in PUBLISHER_ROLES) and may_edit(user, innovation)


def instansi_of(unit: Unit) -> Unit:
    """The kabupaten/kota (or province) government a unit belongs to: the nearest instansi
    on its path, or the root when the tree has none."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    found = {u.pk: u for u in Unit.objects.filter(pk__in=ids, kind=UnitKind.INSTANSI)}
    for unit_id in reversed(ids):
        if unit_id in found:
            return found[unit_id]
    return unit if not ids else Unit.objects.get(pk=ids[0])


def may_score_region(user: User, region: Unit) -> bool:
    if user.is_superuser or user.role == Role.ADMIN_PROVINSI:
        return True
    return user.role == Role.ADMIN_INSTANSI and unit_is_visible_to(user, region.pk)


def units_for_placing(user: User) -> QuerySet[Unit]:
    """The units a user may register innovations in (its scope, or its own unit)."""
    if user.role not in EDITOR_ROLES and not user.is_superuser:
        return Unit.objects.none()
    visible = units_visible_to(user)
    if user.unit_id:
        return Unit.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk=user.unit_id))
    return visible


def regions_visible(user: User) -> QuerySet[Unit]:
    """Regions (instansi) whose index the user may read: all for the province and auditors,
    otherwise the instansi above the user's unit."""
    if user.is_superuser or user.role in {Role.ADMIN_PROVINSI, Role.AUDITOR}:
        return Unit.objects.filter(kind=UnitKind.INSTANSI)
    if user.unit is None:
        return Unit.objects.none()
    return Unit.objects.filter(pk=instansi_of(user.unit).pk)
