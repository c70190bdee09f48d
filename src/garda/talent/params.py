"""The `?unit=` parameter of the talent pages and API, parsed in one place."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from garda.core.access import units_visible_to
from garda.core.errors import NotFound
from garda.core.models import Unit, User
from garda.core.params import id_from


def unit_param(user: User | AnonymousUser, raw: str | None) -> Unit | None:
    """The unit `?unit=` names, when the user may see it; None when the parameter is absent or
    blank. A value that is not a unit id, or names a unit outside the user's scope, is
    NotFound (a 404 on a page and in the API alike)."""
    if raw is None or not raw.strip():
        return None
    unit_id = id_from(raw.strip())
    root = units_visible_to(user).filter(pk=unit_id).first() if unit_id is not None else None
    if root is None:
        raise NotFound("Unit tidak ditemukan.", "Unit not found.")
    return root
