"""`employee_import`: the one import of the ASN registry (command, upload page and task).

Rows are read and checked first, outside any transaction: progress is visible to the job
page meanwhile, and SQLite's write lock is not held while a 60,000-row sheet is parsed. All
writes then happen in ONE transaction: existing employees loaded by NIP in bulk, new ones
inserted, changed ones updated (only the changed fields), history rows for what changed, and
one audit call with an entry per created/updated employee plus a summary entry. Employees are
written by the one write path, `people.services.employees_create` / `employees_update_changed`
(bulk `executemany`, see people/employee_table.py).

All-or-nothing by default: any bad row and nothing is written. `skip_invalid` writes the good
rows. Re-importing the same file writes nothing at all (no history, no audit entry).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record_many
from garda.core.models import User
from garda.core.spreadsheets.errors import RowError
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.people.employee_table import LOOKUP_CHUNK, EmployeeTable, chunks
from garda.people.imports.lookups import Lookups
from garda.people.imports.reader import GARDA, open_import_file
from garda.people.imports.rows import ParsedRow, RowParser
from garda.people.models import Employee
from garda.people.services import employees_create, employees_update_changed

Progress = Callable[[int, int], None]

PROGRESS_EVERY = 2000


# How the report names what this import counts: "f.xlsx (format SIASN): 3 baris data; ...".
ASN_WORDING = Wording(show_format=True)


def employee_import(
    *,
    actor: User | None,
    source: str | Path | IO[bytes],
    filename: str,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import employees from an .xlsx/.csv (Garda template or SIASN export).

    Raises ImportFileError when the file cannot be read at all; problems with rows end up in
    `report.errors` (with nothing written unless `skip_invalid`).
    """
    started = time.perf_counter()
    report = ImportReport(filename=filename, wording=ASN_WORDING, kind="asn", format=GARDA)
    lookups = Lookups.load(actor)
    good: list[ParsedRow] = []
    with open_import_file(source, filename) as data:
        report.format = data.format
        if data.missing:
            report.errors = [
                RowError(
                    data.header_row,
                    column,
                    "Kolom wajib ini tidak ada di baris judul.",
                    "This required column is missing from the header row.",
                )
                for column in data.missing
            ]
            report.seconds = time.perf_counter() - started
            return report
        parser = RowParser(
            lookups, columns=data.columns, fmt=data.format, today=timezone.localdate()
        )
        estimated = data.estimated_rows or 0
        errors = report.errors
        total = 0
        for number, raw in data.rows():
            total += 1
            result = parser.parse(number, raw)
            if isinstance(result, list):
                errors.extend(result)
            else:
                good.append(result)
            if progress is not None and total % PROGRESS_EVERY == 0:
                progress(total, max(estimated, total + 1))
        report.total = total
    report.timings["read_and_check"] = time.perf_counter() - started
    if report.errors and not skip_invalid:
        report.seconds = time.perf_counter() - started
        return report
    _write(
        actor=actor,
        rows=good,
        report=report,
        lookups=lookups,
        label=parser.label,
        skip_invalid=skip_invalid,
    )
    report.errors.sort(key=lambda error: error.row)
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress(report.total, report.total)
    return report


@transaction.atomic
def _write(
    *,
    actor: User | None,
    rows: list[ParsedRow],
    report: ImportReport,
    lookups: Lookups,
    label: Callable[[str], str],
    skip_invalid: bool,
) -> None:
    clock = time.perf_counter()
    timings = report.timings
    table = EmployeeTable()
    existing = table.load([row.nip for row in rows])
    late_errors = _conflicts(rows, existing, table, lookups, label)
    if late_errors:
        report.errors.extend(late_errors)
        if not skip_invalid:
            return
        bad_rows = {error.row for error in late_errors}
        rows = [row for row in rows if row.row not in bad_rows]
    timings["load_existing"] = time.perf_counter() - clock

    clock = time.perf_counter()
    new_rows: list[ParsedRow] = []
    changes: list[tuple[dict[str, Any], tuple[Any, ...], list[str]]] = []
    position = table.position
    for row in rows:
        stored = existing.get(row.nip)
        if stored is None:
            new_rows.append(row)
            continue
        changed = [name for name, value in row.values.items() if stored[position[name]] != value]
        if changed:
            changes.append((row.values, stored, sorted(changed)))
        else:
            report.unchanged += 1
    if not new_rows and not changes:
        return  # nothing changed: nothing to write, nothing to audit either
    # The one write path of employees (people.services), with this file's rows already
    # checked by RowParser and _conflicts; entries are audited below, last, with the summary.
    entries: list[dict[str, Any]] = []
    created = employees_create(
        actor=actor,
        records=[(row.nip, row.values) for row in new_rows],
        checked=True,
        action="employee.import_create",
        audit_entries=entries,
    )
    updated = employees_update_changed(
        actor=actor, changes=changes, table=table, audit_entries=entries
    )
    timings["employees_and_history"] = time.perf_counter() - clock

    report.created = len(created)
    report.updated = len(updated)
    clock = time.perf_counter()
    entries.append(
        {
            "action": "employee.import",
            "object_type": "people.employee",
            "object_label": report.filename,
            "after": {
                "filename": report.filename,
                "format": report.format,
                "total": report.total,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "invalid_rows": len({error.row for error in report.errors}),
            },
        }
    )
    audit_record_many(actor=actor, entries=entries)
    timings["audit"] = time.perf_counter() - clock
    report.written = True


def _conflicts(
    rows: list[ParsedRow],
    existing: dict[str, tuple[Any, ...]],
    table: EmployeeTable,
    lookups: Lookups,
    label: Callable[[str], str],
) -> list[RowError]:
    """Problems only the database can tell: an employee kept outside the actor's units, a
    NIK that belongs to someone else."""
    errors: list[RowError] = []
    allowed = lookups.allowed_unit_ids
    unit_at = table.position["unit_id"]
    if allowed is not None:
        for row in rows:
            stored = existing.get(row.nip)
            if stored is not None and stored[unit_at] not in allowed:
                errors.append(
                    RowError(
                        row.row,
                        label("nip"),
                        "Pegawai dengan NIP ini terdaftar di unit kerja di luar kewenangan Anda.",
                        "The employee with this NIP belongs to a unit outside your authority.",
                    )
                )
    with_nik = [row for row in rows if row.values.get("nik")]
    if with_nik:
        owners: dict[str, str] = {}
        niks = [str(row.values["nik"]) for row in with_nik]
        for chunk in chunks(niks, LOOKUP_CHUNK):
            for nik, nip in Employee.objects.filter(nik__in=chunk).values_list("nik", "nip"):
                owners[str(nik)] = nip
        for row in with_nik:
            owner = owners.get(str(row.values["nik"]))
            if owner is not None and owner != row.nip:
                errors.append(
                    RowError(
                        row.row,
                        label("nik"),
                        "NIK ini sudah tercatat untuk pegawai lain.",
                        "This NIK is already recorded for another employee.",
                    )
                )
    return errors
