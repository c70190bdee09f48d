"""Who may see what: the one place where the unit tree scopes a query.

Every selector in every app calls `scope_by_unit` (records that belong to a unit) or
`units_visible_to` rather than filtering by role itself, so the rule lives here once:
- admin_provinsi and auditor see everything;
- admin_instansi and asesor (competency assessor) see the subtree of their instansi,
  admin_opd the subtree of its OPD;
- atasan sees its own unit's subtree;
- petugas_faskes and ppid see their own unit;
- asn sees only itself (the caller passes `self_field`);
- everyone else sees nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

from garda.core.org.models import Unit
from garda.core.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from garda.core.models import User

M = TypeVar("M", bound=models.Model)

SEES_EVERYTHING = frozenset({Role.ADMIN_PROVINSI, Role.AUDITOR})


def scope_root(user: User) -> Unit | None:
    """The top of the subtree a user may see, or None for "no subtree"."""
    unit = user.unit
    if unit is None:
        return None
    if user.role in {Role.ADMIN_INSTANSI, Role.ASESOR}:
        return _ancestor_of_kind(unit, "instansi")
    if user.role == Role.ADMIN_OPD:
        return _ancestor_of_kind(unit, "opd")
    if user.role in {Role.ATASAN, Role.PETUGAS_FASKES, Role.PPID}:
        return unit
    return None


def _ancestor_of_kind(unit: Unit, kind: str) -> Unit:
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    for unit_id in ids:
        ancestor = by_id.get(unit_id)
        if ancestor is not None and ancestor.kind == kind:
            return ancestor
    return unit


def sees_everything(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_superuser or getattr(user, "role", "") in SEES_EVERYTHING)
    )


def scope_by_unit(
    queryset: models.QuerySet[M],
    user: User | AnonymousUser,
    *,
    unit_field: str = "unit",
    self_field: str | None = None,
    self_via: tuple[str, str] | None = None,
) -> models.QuerySet[M]:
    """Restrict `queryset` to what `user` may see.

    `unit_field` is the lookup from the model to its Unit; `self_field` the lookup to the
    User a record is about (so an ASN sees its own records). `self_via` = (foreign key,
    lookup to the User on the row it points to) says the same through a subquery of that
    other table, for a table read without joining it (the search words and their employee).
    Everything not granted is hidden.
    """
    if not user.is_authenticated:
        return queryset.none()
    if sees_everything(user):
        return queryset
    root = scope_root(user)  # authenticated: a real User
    condition = models.Q(pk__in=[])
    if root is not None:
        # `unit IN (ids of the subtree)` rather than a join on the path: the subtree is small
        # and the database then walks the (unit, ...) indexes of the scoped table.
        condition |= models.Q(**{f"{unit_field}__in": subtree_ids(root)})
    if self_field is not None:
        condition |= models.Q(**{self_field: user.pk})
    if self_via is not None:
        key, lookup = self_via
        target = queryset.model._meta.get_field(key).related_model
        own = target._default_manager.filter(**{lookup: user.pk}).values("pk")  # type: ignore[union-attr]  # a foreign key names a model
        condition |= models.Q(**{f"{key}__in": own})
    return queryset.filter(condition)


def subtree_ids(root: Unit) -> models.QuerySet[Unit, Any]:
    """Ids of `root` and every unit below it, as a subquery."""
    return Unit.objects.filter(path__startswith=root.path).values("pk")


def units_visible_to(user: User | AnonymousUser) -> models.QuerySet[Unit]:
    queryset = Unit.objects.all()
    if not user.is_authenticated:
        return queryset.none()
    if sees_everything(user):
        return queryset
    root = scope_root(user)  # authenticated: a real User
    if root is None:
        own = getattr(user, "unit_id", None)
        return queryset.filter(pk=own) if own else queryset.none()
    return queryset.filter(path__startswith=root.path)


def unit_is_visible_to(user: User | AnonymousUser, unit_id: int | None) -> bool:
    """May `user` place or find something in unit `unit_id`? The one check behind every write
    that puts a record in a unit (page forms offer only these units; services refuse others)."""
    return unit_id is not None and units_visible_to(user).filter(pk=unit_id).exists()


def decides_own_case(user: User | AnonymousUser, about_user_id: int | None) -> bool:
    """Would `user` be deciding on its own case (approving its own training registration,
    verifying its own hours, …)? Nobody may, whatever the role: every approval asks this."""
    return bool(user.is_authenticated and about_user_id is not None and about_user_id == user.pk)
