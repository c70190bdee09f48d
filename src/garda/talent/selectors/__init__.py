"""Reads of talent records. The `*_of` selectors answer for one employee id the caller has
already found in its own scope (degree studies asks them about an applicant); lists for pages
are scoped through core.access."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models

from garda.core.access import scope_by_unit
from garda.core.models import User
from garda.talent.models import PotentialResult, Sanction, SkpResult
from garda.talent.policy import DISCIPLINE_READ
from garda.talent.vocabulary import at_least_baik


def skp_predikat_of(*, employee_id: int, year: int) -> str | None:
    """The canonical predikat code of the ASN's SKP for `year`, or None when none is recorded."""
    return (
        SkpResult.objects.filter(employee_id=employee_id, year=year)
        .values_list("predikat", flat=True)
        .first()
    )


def skp_at_least_baik(predikat: str) -> bool:
    """Is `predikat` (a canonical code) Baik or better?"""
    return at_least_baik(predikat)


def sanctions_in_force_on(*, employee_id: int, on: dt.date) -> list[Sanction]:
    """The ASN's sanctions in force on `on`: TMT on or before it, not yet ended."""
    return list(
        Sanction.objects.filter(employee_id=employee_id, tmt__lte=on)
        .filter(models.Q(tanggal_selesai__isnull=True) | models.Q(tanggal_selesai__gte=on))
        .order_by("-tmt")
    )


def potensial_of(*, employee_id: int, year: int) -> str | None:
    return (
        PotentialResult.objects.filter(employee_id=employee_id, year=year)
        .values_list("potensial", flat=True)
        .first()
    )


def skp_list(user: User | AnonymousUser, *, year: int | None = None) -> models.QuerySet[SkpResult]:
    """SKP results in the user's scope; an ASN sees its own."""
    queryset = SkpResult.objects.select_related("employee", "employee__unit")
    if year is not None:
        queryset = queryset.filter(year=year)
    return scope_by_unit(
        queryset, user, unit_field="employee__unit", self_field="employee__user"
    ).order_by("-year", "employee__name")


def sanction_list(user: User | AnonymousUser, **filters: Any) -> models.QuerySet[Sanction]:
    """Sanctions in the user's scope, for BKD roles and the auditor only (never public, never
    another admin role)."""
    if not DISCIPLINE_READ.allows(user):
        return Sanction.objects.none()
    queryset = Sanction.objects.select_related("employee", "employee__unit").filter(**filters)
    return scope_by_unit(queryset, user, unit_field="employee__unit").order_by("-tmt")


# The 9-box's selectors that other apps call, importable from here as the contract names them.
from garda.talent.selectors.ninebox import box_seven_employee_ids, talent_box_of  # noqa: E402

__all__ = [
    "box_seven_employee_ids",
    "potensial_of",
    "sanction_list",
    "sanctions_in_force_on",
    "skp_at_least_baik",
    "skp_list",
    "skp_predikat_of",
    "talent_box_of",
]
