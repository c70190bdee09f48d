"""Reads of the organisation tree, scoped by the one rule in core.access."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from garda.core.access import units_visible_to
from garda.core.errors import NotFound
from garda.core.models import User
from garda.core.org.models import Unit


def unit_list(*, user: User | AnonymousUser) -> QuerySet[Unit]:
    return units_visible_to(user).order_by("path")


def unit_get(*, user: User | AnonymousUser, unit_id: int) -> Unit:
    unit = unit_list(user=user).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound
    return unit
