"""Writes to the organisation tree. Each is one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import ValidationFailed
from garda.core.models import User
from garda.core.org.events import MOVED, UnitMoved, units
from garda.core.org.models import Unit, UnitHistory


@transaction.atomic
def unit_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    active_from: dt.date | None = None,
) -> Unit:
    if Unit.objects.filter(code=code).exists():
        raise ValidationFailed(
            f"Kode unit {code} sudah dipakai.",
            f"Unit code {code} is already in use.",
            code="unit_code_taken",
        )
    unit = Unit.objects.create(
        code=code, name=name, kind=kind, parent=parent, active_from=active_from
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    audit_record(actor=actor, action="unit.create", target=unit, after=snapshot(unit))
    return unit


def _remember_unit(unit: Unit) -> None:
    UnitHistory.objects.create(
        unit=unit,
        code=unit.code,
        name=unit.name,
        parent_id=unit.parent_id,
        valid_until=timezone.localdate(),
    )


@transaction.atomic
def unit_rename(*, actor: User | None, unit: Unit, name: str, code: str | None = None) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    new_code = code or unit.code
    if new_code != unit.code and Unit.objects.filter(code=new_code).exists():
        raise ValidationFailed(
            f"Kode unit {new_code} sudah dipakai.",
            f"Unit code {new_code} is already in use.",
            code="unit_code_taken",
        )
    before = snapshot(unit)
    _remember_unit(unit)
    unit.name = name
    unit.code = new_code
    unit.save(update_fields=["name", "code", "updated_at"])
    audit_record(
        actor=actor, action="unit.rename", target=unit, before=before, after=snapshot(unit)
    )
    return unit


@transaction.atomic
def unit_move(*, actor: User | None, unit: Unit, new_parent: Unit | None) -> Unit:
    """Re-hang a unit and its whole subtree under another parent."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise ValidationFailed(
            "Unit tidak bisa dipindah ke bawah dirinya sendiri.",
            "A unit cannot move beneath itself.",
            code="unit_move_cycle",
        )
    before = snapshot(unit)
    _remember_unit(unit)
    old_path = unit.path
    new_path = f"{new_parent.path if new_parent else '/'}{unit.pk}/"
    for descendant in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
        descendant.path = new_path + descendant.path[len(old_path) :]
        descendant.save(update_fields=["path"])
    unit.parent = new_parent
    unit.path = new_path
    unit.save(update_fields=["parent", "path", "updated_at"])
    units.publish(MOVED, UnitMoved(unit.pk, old_path, new_path))
    audit_record(actor=actor, action="unit.move", target=unit, before=before, after=snapshot(unit))
    return unit
