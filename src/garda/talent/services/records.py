"""`skp_import`, `disiplin_import`, `potensial_import`: the talent records' one write path
(commands and upload pages alike).

All or nothing: one bad row (unreadable cell, unknown NIP or one outside the actor's scope, a
row repeating another's key) and nothing is written, unless `skip_invalid`. A row whose record
exists with the same values writes nothing, so re-importing a file is a no-op. Each created or
changed record gets its audit entry (personal fields masked by the audit snapshot; the entry's
label names no one) in the same transaction as the writes."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import models, transaction
from django.utils import timezone

from garda.core.access import units_visible_to
from garda.core.audit.services import audit_record_many, snapshot
from garda.core.errors import NotAllowed
from garda.core.models import User
from garda.core.spreadsheets.errors import RowError
from garda.core.spreadsheets.reader import Layout, open_table
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.people.employee_table import LOOKUP_CHUNK, chunks
from garda.people.models import Employee
from garda.talent import imports, stamp
from garda.talent.models import PotentialResult, Sanction, SkpResult
from garda.talent.policy import DISCIPLINE_WRITE, RECORDS_WRITE, may

Source = str | Path | IO[bytes]


@dataclass(frozen=True)
class _Kind:
    name: str
    model: type[models.Model]
    layout: Layout
    fields: dict[str, imports.Parser]
    key_fields: tuple[str, ...]  # besides the employee: what makes a row the same record
    roles: frozenset[str]
    wording: Wording


SKP = _Kind("skp", SkpResult, imports.SKP_LAYOUT, imports.SKP_FIELDS, ("year",),
            RECORDS_WRITE.roles, Wording(subject=("hasil SKP", "SKP results")))  # fmt: skip
POTENSIAL = _Kind("potensial", PotentialResult, imports.POTENSIAL_LAYOUT,
                  imports.POTENSIAL_FIELDS, ("year",), RECORDS_WRITE.roles,
                  Wording(subject=("hasil potensial", "potential results")))  # fmt: skip
DISIPLIN = _Kind("disiplin", Sanction, imports.DISIPLIN_LAYOUT, imports.DISIPLIN_FIELDS,
                 ("tmt", "tingkat", "nomor_sk"), DISCIPLINE_WRITE.roles,
                 Wording(subject=("hukuman disiplin", "discipline sanctions")))  # fmt: skip


def skp_import(
    *, actor: User | None, source: Source, filename: str, skip_invalid: bool = False
) -> ImportReport:
    """SKP results (NIP, Tahun, Predikat, optional Nilai); one per ASN and year."""
    return _import(SKP, actor=actor, source=source, filename=filename, skip_invalid=skip_invalid)


def potensial_import(
    *, actor: User | None, source: Source, filename: str, skip_invalid: bool = False
) -> ImportReport:
    """Potential results (NIP, Tahun, Potensial); one per ASN and year."""
    return _import(
        POTENSIAL, actor=actor, source=source, filename=filename, skip_invalid=skip_invalid
    )


def disiplin_import(
    *, actor: User | None, source: Source, filename: str, skip_invalid: bool = False
) -> ImportReport:
    """Discipline sanctions (NIP, Tingkat, Jenis Hukuman, TMT, Tanggal Selesai, Nomor SK);
    BKD roles only."""
    return _import(
        DISIPLIN, actor=actor, source=source, filename=filename, skip_invalid=skip_invalid
    )


@transaction.atomic
def _import(
    kind: _Kind, *, actor: User | None, source: Source, filename: str, skip_invalid: bool
) -> ImportReport:
    started = time.monotonic()
    if not may(kind.roles, actor):
        raise NotAllowed(
            "Peran Anda tidak boleh mengimpor data ini.", "Your role may not import this data."
        )
    report = ImportReport(filename=filename, wording=kind.wording, kind=kind.name)
    parsed: list[imports.ParsedRow] = []
    with open_table(source, filename, kind.layout) as table:
        missing = table.missing_error()
        if missing is not None:
            report.errors.append(missing)
            report.seconds = time.monotonic() - started
            return report
        for number, raw in table.rows():
            report.total += 1
            row, errors = imports.parse_row(
                number, raw, table.columns, kind.layout, kind.fields, frozenset(kind.key_fields)
            )
            report.errors.extend(errors)
            if row is not None:
                parsed.append(row)
    nip_column = table.columns.get("nip", "NIP")
    employees = _employees_in_scope(actor, {row.nip for row in parsed})
    keyed: dict[tuple[Any, ...], tuple[imports.ParsedRow, int]] = {}
    for row in parsed:
        employee_id = employees.get(row.nip)
        if employee_id is None:
            report.errors.append(
                RowError(row.row, nip_column,
                         "NIP tidak ditemukan di data ASN (atau di luar wewenang Anda).",
                         "NIP not found among the ASN (or outside your scope).")
            )  # fmt: skip
            continue
        key = (employee_id, *(row.values[name] for name in kind.key_fields))
        if key in keyed:
            report.errors.append(
                RowError(row.row, nip_column,
                         f"Mengulang baris {keyed[key][0].row} untuk catatan yang sama.",
                         f"Repeats row {keyed[key][0].row} for the same record.")
            )  # fmt: skip
            continue
        keyed[key] = (row, employee_id)
    if report.errors and not skip_invalid:
        report.seconds = time.monotonic() - started
        return report
    _write(kind, actor, keyed, report)
    report.seconds = time.monotonic() - started
    return report


def _employees_in_scope(actor: User | None, nips: Iterable[str]) -> dict[str, int]:
    visible = Employee.objects.all()
    if actor is not None:
        visible = visible.filter(unit__in=units_visible_to(actor).values("pk"))
    found: dict[str, int] = {}
    for chunk in chunks(sorted(nips), LOOKUP_CHUNK):
        found.update(visible.filter(nip__in=chunk).values_list("nip", "pk"))
    return found


def _existing(kind: _Kind, employee_ids: list[int]) -> dict[tuple[Any, ...], Any]:
    found: dict[tuple[Any, ...], Any] = {}
    for chunk in chunks(employee_ids, LOOKUP_CHUNK):
        records: Iterable[Any] = kind.model._default_manager.filter(employee_id__in=chunk)
        for record in records:
            key = (record.employee_id, *(getattr(record, name) for name in kind.key_fields))
            found[key] = record
    return found


def _write(
    kind: _Kind,
    actor: User | None,
    keyed: dict[tuple[Any, ...], tuple[imports.ParsedRow, int]],
    report: ImportReport,
) -> None:
    existing = _existing(kind, sorted({employee_id for _row, employee_id in keyed.values()}))
    new: list[Any] = []
    changed: list[tuple[Any, dict[str, Any]]] = []
    for key, (row, employee_id) in keyed.items():
        record = existing.get(key)
        if record is None:
            new.append(kind.model(employee_id=employee_id, **row.values))
            continue
        differing = {name: v for name, v in row.values.items() if getattr(record, name) != v}
        if differing:
            changed.append((record, differing))
        else:
            report.unchanged += 1
    entries: list[dict[str, Any]] = []
    if new:
        kind.model._default_manager.bulk_create(new, batch_size=500)
        entries += [
            {"action": f"talent.{kind.name}.create", "target": r, "after": snapshot(r)} for r in new
        ]
    if changed:
        now = timezone.now()
        names: set[str] = set()
        for record, differing in changed:
            before = snapshot(record, differing)
            for name, value in differing.items():
                setattr(record, name, value)
            record.updated_at = now  # bulk_update does not stamp auto_now fields
            names.update(differing)
            entries.append(
                {"action": f"talent.{kind.name}.update", "target": record, "before": before,
                 "after": snapshot(record, differing)}
            )  # fmt: skip
        kind.model._default_manager.bulk_update(
            [record for record, _d in changed], [*sorted(names), "updated_at"], batch_size=500
        )
    report.created, report.updated = len(new), len(changed)
    report.written = bool(new or changed)
    if report.written:
        stamp.bump()
    audit_record_many(actor=actor, entries=entries)
