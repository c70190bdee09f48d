"""`employee_import`: the one import of the ASN registry (command, upload page and task).

Rows are read and checked first, outside any transaction: progress is visible to the job
page meanwhile, and SQLite's write lock is not held while a 60,000-row sheet is parsed. All
writes then happen in ONE transaction: existing employees loaded by NIP in bulk, new ones
inserted, changed ones updated (only the changed fields), history rows for what changed, and
one audit call with an entry per created/updated employee plus a summary entry. Inserts and
updates go through `executemany` rather than bulk_create/bulk_update (see _EmployeeTable).

All-or-nothing by default: any bad row and nothing is written. `skip_invalid` writes the good
rows. Re-importing the same file writes nothing at all (no history, no audit entry).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from garda.core.audit.services import audit_record_many, snapshot
from garda.core.models import User
from garda.core.spreadsheets.errors import RowError
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.people.imports.reader import GARDA, open_import_file
from garda.people.imports.rows import Lookups, ParsedRow, RowParser
from garda.people.models import Employee, EmployeeHistory, HistoryKind
from garda.people.services import HISTORY_FIELDS

T = TypeVar("T")

Progress = Callable[[int, int], None]

# SQLite allows 999 variables per statement; `nip IN (...)` stays below that.
LOOKUP_CHUNK = 900
WRITE_CHUNK = 5000
PROGRESS_EVERY = 2000


# How the report names what this import counts: "f.xlsx (format SIASN): 3 baris data; ...".
ASN_WORDING = Wording(show_format=True)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
    table = _EmployeeTable()
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
    now = timezone.now()
    today = timezone.localdate()
    new_rows: list[ParsedRow] = []
    changes: list[tuple[ParsedRow, tuple[Any, ...], list[str]]] = []
    position = table.position
    for row in rows:
        stored = existing.get(row.nip)
        if stored is None:
            new_rows.append(row)
            continue
        changed = [name for name, value in row.values.items() if stored[position[name]] != value]
        if changed:
            changes.append((row, stored, sorted(changed)))
        else:
            report.unchanged += 1
    created = table.create(new_rows, now)
    updated = table.update(changes, now)
    timings["employees"] = time.perf_counter() - clock

    clock = time.perf_counter()
    history: list[tuple[Any, ...]] = []
    for employee, row in zip(created, new_rows, strict=True):
        with_data = {
            name for name, value in row.values.items() if value is not None and value != ""
        }
        history.extend(_history_rows(employee, with_data, today))
    for employee, changed, _before in updated:
        history.extend(_history_rows(employee, set(changed), today))
    _insert_history(history, now)
    timings["history"] = time.perf_counter() - clock

    report.created = len(created)
    report.updated = len(updated)
    if not created and not updated:
        return  # nothing changed: nothing to audit either
    clock = time.perf_counter()
    entries: list[dict[str, Any]] = [
        {"action": "employee.import_create", "target": employee, "after": snapshot(employee)}
        for employee in created
    ]
    entries.extend(
        {
            "action": "employee.import_update",
            "target": employee,
            "before": before,
            "after": snapshot(employee, changed),
        }
        for employee, changed, before in updated
    )
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
                "history_rows": len(history),
            },
        }
    )
    audit_record_many(actor=actor, entries=entries)
    timings["audit"] = time.perf_counter() - clock
    report.written = True


class _EmployeeTable:
    """Bulk reads and writes of the employee table for one import.

    `bulk_create`/`bulk_update` prepare every value of every object through several layers of
    field methods, and on SQLite send 39 rows per statement (999 variables); for 60,000 rows
    that was most of the import. Here rows go to `executemany` as plain tuples, with dates and
    datetimes adapted by the backend's own `connection.ops`, so SQLite and PostgreSQL both get
    what the ORM would have sent. Model instances are built (`from_db`) only where snapshots
    and history need them.
    """

    def __init__(self) -> None:
        self.fields = list(Employee._meta.concrete_fields)
        self.names = [f.attname for f in self.fields]
        self.position = {name: i for i, name in enumerate(self.names)}
        ops = connection.ops
        self.adapters: list[Callable[[Any], Any] | None] = []
        for f in self.fields:
            kind = f.get_internal_type()
            if kind == "DateTimeField":
                self.adapters.append(ops.adapt_datetimefield_value)
            elif kind == "DateField":
                self.adapters.append(ops.adapt_datefield_value)
            else:
                self.adapters.append(None)

    def load(self, nips: list[str]) -> dict[str, tuple[Any, ...]]:
        """Stored rows (every concrete field, in `names` order) of the employees with these NIPs."""
        found: dict[str, tuple[Any, ...]] = {}
        nip_at = self.position["nip"]
        for chunk in _chunks(nips, LOOKUP_CHUNK):
            for values in Employee.objects.filter(nip__in=chunk).values_list(*self.names):
                found[values[nip_at]] = values
        return found

    def _instance(self, values: Sequence[Any]) -> Employee:
        return Employee.from_db(connection.alias, self.names, values)

    def create(self, rows: list[ParsedRow], now: dt.datetime) -> list[Employee]:
        if not rows:
            return []
        insert = [f for f in self.fields if not f.primary_key]
        defaults = {f.attname: f.get_default() for f in insert}
        defaults["created_at"] = defaults["updated_at"] = now
        complete: list[dict[str, Any]] = []
        for row in rows:
            values = {**defaults, **row.values}
            values["nip"] = row.nip
            complete.append(values)
        names = [f.attname for f in insert]
        _insert_many(Employee, names, self._adapted(names, complete, now=now))
        ids: dict[str, int] = {}
        for chunk in _chunks([row.nip for row in rows], LOOKUP_CHUNK):
            ids.update(Employee.objects.filter(nip__in=chunk).values_list("nip", "pk"))
        created = []
        for values in complete:
            values["id"] = ids[values["nip"]]
            created.append(self._instance([values[name] for name in self.names]))
        return created

    def _adapted(
        self, names: list[str], rows: Iterable[dict[str, Any]], *, now: dt.datetime
    ) -> Iterator[tuple[Any, ...]]:
        """Parameter tuples; `now` (every row's created_at/updated_at) is adapted once."""
        stamped = [i for i, name in enumerate(names) if name in {"created_at", "updated_at"}]
        adapt = [
            (i, adapter)
            for i, name in enumerate(names)
            if (adapter := self.adapters[self.position[name]]) is not None and i not in stamped
        ]
        now_db = connection.ops.adapt_datetimefield_value(now)
        for values in rows:
            row = [values[name] for name in names]
            for i, adapter in adapt:
                row[i] = adapter(row[i])
            for i in stamped:
                row[i] = now_db
            yield tuple(row)

    def update(
        self, changes: list[tuple[ParsedRow, tuple[Any, ...], list[str]]], now: dt.datetime
    ) -> list[tuple[Employee, list[str], dict[str, Any]]]:
        """Write only the changed fields; (employee after, changed names, snapshot before)."""
        done: list[tuple[Employee, list[str], dict[str, Any]]] = []
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row, stored, changed in changes:
            employee = self._instance(stored)
            before = snapshot(employee, changed)
            for name in changed:
                setattr(employee, name, row.values[name])
            employee.updated_at = now
            done.append((employee, changed, before))
            values = {name: row.values[name] for name in changed}
            values["updated_at"] = now
            values["id"] = employee.pk
            groups.setdefault(tuple(changed), []).append(values)
        ops = connection.ops
        table = ops.quote_name(Employee._meta.db_table)
        for group, values_list in groups.items():
            names = [*group, "updated_at", "id"]
            assignments = ", ".join(
                f"{ops.quote_name(_column(Employee, name))} = %s" for name in names[:-1]
            )
            id_column = ops.quote_name(_column(Employee, "id"))
            sql = f"UPDATE {table} SET {assignments} WHERE {id_column} = %s"  # noqa: S608  # names come from the model, values are parameters
            with connection.cursor() as cursor:
                params = list(self._adapted(names, values_list, now=now))
                for chunk in _chunks(params, WRITE_CHUNK):
                    cursor.executemany(sql, chunk)
        return done


def _column(model: type[Model], attname: str) -> str:
    for model_field in model._meta.concrete_fields:
        if model_field.attname == attname:
            return str(model_field.column)
    raise LookupError(f"{model.__name__} has no column for {attname!r}")


def _insert_many(model: type[Model], names: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERT plain parameter tuples with `executemany` (see _EmployeeTable)."""
    ops = connection.ops
    meta = model._meta
    columns = ", ".join(ops.quote_name(_column(model, name)) for name in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608  # names come from the model, values are parameters
    with connection.cursor() as cursor:
        for chunk in _chunks(list(rows), WRITE_CHUNK):
            cursor.executemany(sql, chunk)


def _history_rows(
    employee: Employee, changed: set[str], today: dt.date
) -> Iterator[tuple[Any, ...]]:
    """(employee id, kind, effective_on, data): what `services.history_entries_for` builds,
    by the same HISTORY_FIELDS, without an EmployeeHistory instance per row (240,000 of them
    for 60,000 new employees cost more than inserting the rows)."""
    for kind, fields in HISTORY_FIELDS.items():
        if changed.intersection(fields):
            data = {name: _plain(getattr(employee, name)) for name in fields}
            when = employee.tmt_golongan if kind == HistoryKind.GOLONGAN else today
            yield employee.pk, kind, when, data


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _insert_history(history: list[tuple[Any, ...]], now: dt.datetime) -> None:
    ops = connection.ops
    recorded = ops.adapt_datetimefield_value(now)
    _insert_many(
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


def _conflicts(
    rows: list[ParsedRow],
    existing: dict[str, tuple[Any, ...]],
    table: _EmployeeTable,
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
        for chunk in _chunks(niks, LOOKUP_CHUNK):
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
