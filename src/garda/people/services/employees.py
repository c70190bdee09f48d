"""Writes to the ASN registry and the unit heads. Each is one transaction with its audit entry;
each employee write also bumps the registry's data version (people.stamp), which figures cached
from the registry (the IP ASN dashboard) are keyed by.

The tree itself (create, rename, move) is written by `garda.core.org.services`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from garda.core.access import unit_is_visible_to, units_visible_to
from garda.core.audit.services import audit_record, audit_record_many, snapshot
from garda.core.errors import ValidationFailed
from garda.core.identity import (
    canonical_digits,
    check_nik,
    check_nip_against,
    mask_identifier,
    parse_ni_pppk,
)
from garda.core.models import Unit, User
from garda.people import stamp
from garda.people.employee_table import EmployeeTable, insert_many
from garda.people.events import PLACEMENT_FIELDS, Placement, PlacementChange, announce
from garda.people.models import (
    Employee,
    EmployeeHistory,
    EmployeeKind,
    HistoryKind,
    UnitHead,
)
from garda.people.services.search_index import INDEXED_FIELDS, search_index_write


@transaction.atomic
def unit_set_head(*, actor: User | None, unit: Unit, head: Employee | None) -> Unit:
    """Name (or clear) the employee who heads `unit`; the audit entry is about the unit."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    current = UnitHead.objects.filter(unit=unit).values_list("employee_id", flat=True).first()
    if head is None:
        UnitHead.objects.filter(unit=unit).delete()
    else:
        UnitHead.objects.update_or_create(unit=unit, defaults={"employee": head})
    audit_record(
        actor=actor,
        action="unit.set_head",
        target=unit,
        before={"head_id": current},
        after={"head_id": head.pk if head else None},
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


def validate_identity(*, nip: str, kind: str, birth_date: dt.date, gender: str) -> str:
    """The NIP (or NI PPPK) must be well formed and agree with the stored birth date/gender;
    returns it in its canonical form (core.identity)."""
    if kind == EmployeeKind.PNS:
        return check_nip_against(nip, birth_date=birth_date, gender=gender).number
    born = parse_ni_pppk(nip)
    if born != birth_date:
        raise ValidationFailed(
            f"Tanggal lahir {birth_date:%d-%m-%Y} tidak cocok dengan NI PPPK "
            f"(digit 1-8: {born:%d-%m-%Y}).",
            f"Birth date {birth_date:%d-%m-%Y} does not match the NI PPPK "
            f"(digits 1-8: {born:%d-%m-%Y}).",
            code="identity_mismatch",
        )
    return canonical_digits(nip)


def _canonical_nik(values: dict[str, Any]) -> None:
    # The NIK is checked and stored in its canonical form, whichever path sent it.
    if values.get("nik"):
        values["nik"] = check_nik(values["nik"])


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


def _out_of_scope() -> ValidationFailed:
    return ValidationFailed(
        "Unit kerja tujuan berada di luar kewenangan Anda.",
        "The destination unit is outside your scope.",
        code="unit_out_of_scope",
        errors=[{"field": "unit", "code": "unit_out_of_scope"}],
    )


@transaction.atomic
def employee_create(*, actor: User | None, nip: str, **values: Any) -> Employee:
    """One new employee (the record form, the API, the demo): `employees_create` for one."""
    return employees_create(actor=actor, records=[(nip, values)])[0]


def _checked_new(nip: str, values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The rules a new employee must meet, checked one record at a time; the NIP in its
    canonical digits and the values as the model cleaned them."""
    nip = validate_identity(
        nip=nip, kind=values["kind"], birth_date=values["birth_date"], gender=values["gender"]
    )
    _canonical_nik(values)
    if Employee.objects.filter(nip=nip).exists():
        raise ValidationFailed(
            f"NIP {mask_identifier(nip)} sudah terdaftar.",
            f"NIP {mask_identifier(nip)} is already registered.",
            code="nip_taken",
        )
    employee = Employee(nip=nip)
    apply_employee_values(employee, values)
    employee.full_clean()
    return nip, {name: getattr(employee, name) for name in values}


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
        records = [_checked_new(nip, values) for nip, values in records]
    if actor is not None:
        # Nobody places a new employee outside the units it may see (as employee_update).
        visible = set(units_visible_to(actor).values_list("pk", flat=True))
        if any(values.get("unit_id") not in visible for _nip, values in records):
            raise _out_of_scope()
    now = timezone.now()
    today = timezone.localdate()
    created = EmployeeTable().create(records, now)
    search_index_write(created, replace=False)
    history: list[tuple[Any, ...]] = []
    for employee, (_nip, values) in zip(created, records, strict=True):
        with_data = {name for name, value in values.items() if value is not None and value != ""}
        history.extend(history_rows(employee, with_data, today))
    insert_history(history, now)
    if created:
        stamp.bump()
    announce([PlacementChange(e.pk, None, Placement.of(e)) for e in created])
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
    search_index_write(
        [employee for employee, changed, _before in updated if set(changed) & INDEXED_FIELDS],
    )
    history: list[tuple[Any, ...]] = []
    for employee, changed, _before in updated:
        history.extend(history_rows(employee, set(changed), today))
    insert_history(history, now)
    if updated:
        stamp.bump()
    announce(
        [
            PlacementChange(employee.pk, _placed_before(employee, before), Placement.of(employee))
            for employee, changed, before in updated
            if set(changed).intersection(PLACEMENT_FIELDS)
        ]
    )
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


def _placed_before(employee: Employee, before: dict[str, Any]) -> Placement:
    """Where the employee was counted before the change (`before`: the changed fields)."""
    return Placement.of(
        {name: before.get(name, getattr(employee, name)) for name in PLACEMENT_FIELDS}
    )


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
    placed = Placement.of(employee)
    values = dict(values)
    _canonical_nik(values)
    changed = apply_employee_values(employee, values)
    if not changed:
        return EmployeeChange(employee, created=False)
    if (
        "unit_id" in changed
        and actor is not None
        and not unit_is_visible_to(actor, employee.unit_id)
    ):
        # The page offers only the admin's own units; the API and any other path meet the same
        # rule here (an agency admin once moved an employee into another agency via PATCH).
        raise ValidationFailed(
            "Unit kerja tujuan berada di luar kewenangan Anda.",
            "The destination unit is outside your scope.",
            code="unit_out_of_scope",
            errors=[{"field": "unit", "code": "unit_out_of_scope"}],
        )
    validate_identity(
        nip=employee.nip,
        kind=employee.kind,
        birth_date=employee.birth_date,
        gender=employee.gender,
    )
    employee.full_clean()
    employee.save()
    search_index_write([employee], changed=changed)
    announce([PlacementChange(employee.pk, placed, Placement.of(employee))])
    EmployeeHistory.objects.bulk_create(
        history_entries_for(employee, changed, effective_on=timezone.localdate())
    )
    stamp.bump()
    audit_record(
        actor=actor,
        action="employee.self_update" if self_service else "employee.update",
        target=employee,
        before={k: before[k] for k in changed if k in before},
        after={k: snapshot(employee)[k] for k in changed},
    )
    return EmployeeChange(employee, created=False, changed=changed)
