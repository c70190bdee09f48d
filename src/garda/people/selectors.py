"""Reads of the unit tree and the ASN registry, scoped by the one rule in core.access."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from garda.core.access import scope_by_unit, units_visible_to
from garda.core.errors import NotFound
from garda.core.models import User
from garda.people.models import Employee, EmployeeHistory, Unit


def unit_list(*, user: User | AnonymousUser) -> QuerySet[Unit]:
    return units_visible_to(user).order_by("path")


def unit_get(*, user: User | AnonymousUser, unit_id: int) -> Unit:
    unit = unit_list(user=user).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound
    return unit


def employee_list(*, user: User | AnonymousUser) -> QuerySet[Employee]:
    """Every employee `user` may see: admins their subtree, an atasan its unit, an ASN itself."""
    return scope_by_unit(
        Employee.objects.select_related("unit", "golongan", "jabatan_kind", "education_level"),
        user,
        unit_field="unit",
        self_field="user",
    )


def employee_get(*, user: User | AnonymousUser, employee_id: int) -> Employee:
    employee = employee_list(user=user).filter(pk=employee_id).first()
    if employee is None:
        raise NotFound
    return employee


def employee_of_user(*, user: User) -> Employee | None:
    return Employee.objects.select_related("unit").filter(user=user).first()


def employee_search(queryset: QuerySet[Employee], text: str) -> QuerySet[Employee]:
    """By name (any part, any case) or by NIP (from its start)."""
    text = text.strip()
    if not text:
        return queryset
    if text.isdigit():
        return queryset.filter(nip__startswith=text)
    return queryset.filter(Q(name__icontains=text) | Q(jabatan_name__icontains=text))


def employee_history(*, employee: Employee) -> dict[str, list[EmployeeHistory]]:
    grouped: dict[str, list[EmployeeHistory]] = {}
    for row in EmployeeHistory.objects.filter(employee=employee).order_by("-recorded_at", "-pk"):
        grouped.setdefault(row.kind, []).append(row)
    return grouped
