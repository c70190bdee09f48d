"""Writes to the unit tree and the ASN registry. Each is one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, audit_record_many, snapshot
from garda.core.errors import ValidationFailed
from garda.core.models import User
from garda.people.employee_table import EmployeeTable, insert_many
from garda.people.identity import check_nip_against, parse_ni_pppk
from garda.people.models import (
    Employee,
    EmployeeHistory,
    EmployeeKind,
    HistoryKind,
    Unit,
    UnitHistory,
)

# --- Units ------------------------------------------------------------------------------------


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
    audit_record(actor=actor, action="unit.move", target=unit, before=before, after=snapshot(unit))
    return unit


@transaction.atomic
def unit_set_head(*, actor: User | None, unit: Unit, head: Employee | None) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, ["head_id"])
    unit.head = head
    unit.save(update_fields=["head", "updated_at"])
    audit_record(
        actor=actor,
        action="unit.set_head",
        target=unit,
        before=before,
        after=snapshot(unit, ["head_id"]),
    )
    return unit


# --- Employees --------------------------------------------------------------------------------

# Fields whose change opens a new history entry, grouped by what the history is about.
HISTORY_FIELDS: dict[str, tuple[str, ...]] = {
    HistoryKind.GOLONGAN: ("golongan_id", "tmt_golongan"),
    HistoryKind.JABATAN: ("jabatan_name", "jabatan_kind_id"),
    HistoryKind.UNIT: ("unit_id",),
    HistoryKind.PENDIDIKAN: ("education_level_id", "education_major", "education_institution"),
    HistoryKind.STATUS: ("status",),
}
EDITABLE_FIELDS: frozenset[str] = frozenset(
    {
        "kind", "name", "gelar_depan", "gelar_belakang", "nik", "birth_place", "birth_date",
        "gender", "golongan_id", "tmt_golongan", "jabatan_name", "jabatan_kind_id", "unit_id",
        "education_level_id", "education_major", "education_institution", "email", "phone",
        "status", "user_id",
    }
)  # fmt: skip
# What an ASN may change about itself on the self-service profile.
SELF_SERVICE_FIELDS: frozenset[str] = frozenset({"email", "phone"})


def validate_identity(*, nip: str, kind: str, birth_date: dt.date, gender: str) -> None:
    """The NIP (or NI PPPK) must be well formed and agree with the stored birth date/gender."""
    if kind == EmployeeKind.PNS:
        check_nip_against(nip, birth_date=birth_date, gender=gender)
    else:
        born = parse_ni_pppk(nip)
        if born != birth_date:
            raise ValidationFailed(
                f"Tanggal lahir {birth_date:%d-%m-%Y} tidak cocok dengan NI PPPK "
                f"(digit 1-8: {born:%d-%m-%Y}).",
                f"Birth date {birth_date:%d-%m-%Y} does not match the NI PPPK "
                f"(digits 1-8: {born:%d-%m-%Y}).",
                code="identity_mismatch",
            )


def history_entries_for(
    employee: Employee, changed: set[str], *, effective_on: dt.date | None = None
) -> list[EmployeeHistory]:
    """One history row per kind whose fields changed, holding the new values."""
    rows: list[EmployeeHistory] = []
    for kind, fields in HISTORY_FIELDS.items():
        if changed.intersection(fields):
            data = {name: _plain(getattr(employee, name)) for name in fields}
            when = employee.tmt_golongan if kind == HistoryKind.GOLONGAN else effective_on
            rows.append(EmployeeHistory(employee=employee, kind=kind, data=data, effective_on=when))
    return rows


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class EmployeeChange:
    employee: Employee
    created: bool
    changed: set[str] = field(default_factory=set)


def apply_employee_values(employee: Employee, values: dict[str, Any]) -> set[str]:
    """Set `values` on `employee`; return the names that really changed."""
    unknown = set(values) - EDITABLE_FIELDS - {"nip"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changed = set()
    for name, value in values.items():
        if getattr(employee, name) != value:
            setattr(employee, name, value)
            changed.add(name)
    return changed


@transaction.atomic
def employee_create(*, actor: User | None, nip: str, **values: Any) -> Employee:
    """One new employee (the record form, the API, the demo): `employees_create` for one."""
    return employees_create(actor=actor, records=[(nip, values)])[0]


def _checked_new(nip: str, values: dict[str, Any]) -> dict[str, Any]:
    """The rules a new employee must meet, checked one record at a time; the values as the
    model cleaned them."""
    validate_identity(
        nip=nip, kind=values["kind"], birth_date=values["birth_date"], gender=values["gender"]
    )
    if Employee.objects.filter(nip=nip).exists():
        raise ValidationFailed(
            f"NIP {nip[:4]}…{nip[-4:]} sudah terdaftar.",
            f"NIP {nip[:4]}…{nip[-4:]} is already registered.",
            code="nip_taken",
        )
    employee = Employee(nip=nip)
    apply_employee_values(employee, values)
    employee.full_clean()
    return {name: getattr(employee, name) for name in values}


@transaction.atomic
def employees_create(
    *,
    actor: User | None,
    records: Sequence[tuple[str, dict[str, Any]]],
    checked: bool = False,
    action: str = "employee.create",
    audit_entries: list[dict[str, Any]] | None = None,
) -> list[Employee]:
    """The one way employees come into being: the record form, the API, the demo and the ASN
    import all end here. `records` are (nip, values) pairs; values are EDITABLE_FIELDS.

    Each record gets its history rows (one per kind of field that has data) and an audit entry.
    Unless `checked`, each is validated as above (identity, NIP not yet taken, the model's
    full_clean). The ASN import passes `checked=True`: its row parser (people.imports.rows)
    makes each of those checks for every row against reference data loaded once, and it has
    loaded the NIPs already stored; a full_clean per row would cost more than the import's
    2,000 rows/s allow. `audit_entries`: a list to append the entries to, for a caller that
    records them with its own as its transaction's last write; otherwise they are recorded
    here."""
    if not checked:
        records = [(nip, _checked_new(nip, values)) for nip, values in records]
    now = timezone.now()
    today = timezone.localdate()
    created = EmployeeTable().create(records, now)
    history: list[tuple[Any, ...]] = []
    for employee, (_nip, values) in zip(created, records, strict=True):
        with_data = {name for name, value in values.items() if value is not None and value != ""}
        history.extend(history_rows(employee, with_data, today))
    insert_history(history, now)
    entries = [{"action": action, "target": e, "after": snapshot(e)} for e in created]
    if audit_entries is None:
        audit_record_many(actor=actor, entries=entries)
    else:
        audit_entries.extend(entries)
    return created


@transaction.atomic
def employees_update_changed(
    *,
    actor: User | None,
    changes: Sequence[tuple[dict[str, Any], tuple[Any, ...], list[str]]],
    table: EmployeeTable,
    action: str = "employee.import_update",
    audit_entries: list[dict[str, Any]] | None = None,
) -> list[Employee]:
    """Many employees at once, for the ASN import: (new values, the stored row as
    `table.load` read it, the names that differ). Only those fields are written, each change
    gets its history rows and an audit entry with before and after. The values were checked
    as `employees_create(checked=True)` says."""
    now = timezone.now()
    today = timezone.localdate()
    updated = table.update(changes, now)
    history: list[tuple[Any, ...]] = []
    for employee, changed, _before in updated:
        history.extend(history_rows(employee, set(changed), today))
    insert_history(history, now)
    entries: list[dict[str, Any]] = [
        {
            "action": action,
            "target": employee,
            "before": before,
            "after": snapshot(employee, changed),
        }
        for employee, changed, before in updated
    ]
    if audit_entries is None:
        audit_record_many(actor=actor, entries=entries)
    else:
        audit_entries.extend(entries)
    return [employee for employee, _changed, _before in updated]


def history_rows(
    employee: Employee, changed: set[str], today: dt.date
) -> Iterator[tuple[Any, ...]]:
    """(employee id, kind, effective_on, data): what `history_entries_for` builds, by the
    same HISTORY_FIELDS, without an EmployeeHistory instance per row (240,000 of them
    for 60,000 new employees cost more than inserting the rows)."""
    for kind, fields in HISTORY_FIELDS.items():
        if changed.intersection(fields):
            data = {name: _plain(getattr(employee, name)) for name in fields}
            when = employee.tmt_golongan if kind == HistoryKind.GOLONGAN else today
            yield employee.pk, kind, when, data


def insert_history(history: list[tuple[Any, ...]], now: dt.datetime) -> None:
    ops = connection.ops
    recorded = ops.adapt_datetimefield_value(now)
    insert_many(
        EmployeeHistory,
        ["employee_id", "kind", "effective_on", "data", "recorded_at"],
        (
            (
                employee_id,
                kind,
                ops.adapt_datefield_value(effective_on),
                ops.adapt_json_value(data, None),
                recorded,
            )
            for employee_id, kind, effective_on, data in history
        ),
    )


@transaction.atomic
def employee_update(
    *, actor: User | None, employee: Employee, values: dict[str, Any], self_service: bool = False
) -> EmployeeChange:
    """Change an employee; golongan, jabatan, unit, education and status keep their history."""
    if self_service and set(values) - SELF_SERVICE_FIELDS:
        raise ValidationFailed(
            "Data ini hanya dapat diubah oleh admin kepegawaian.",
            "Only a personnel administrator can change this.",
            code="self_service_field",
        )
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    before = snapshot(employee)
    changed = apply_employee_values(employee, values)
    if not changed:
        return EmployeeChange(employee, created=False)
    validate_identity(
        nip=employee.nip,
        kind=employee.kind,
        birth_date=employee.birth_date,
        gender=employee.gender,
    )
    employee.full_clean()
    employee.save()
    EmployeeHistory.objects.bulk_create(
        history_entries_for(employee, changed, effective_on=timezone.localdate())
    )
    audit_record(
        actor=actor,
        action="employee.self_update" if self_service else "employee.update",
        target=employee,
        before={k: before[k] for k in changed if k in before},
        after={k: snapshot(employee)[k] for k in changed},
    )
    return EmployeeChange(employee, created=False, changed=changed)
