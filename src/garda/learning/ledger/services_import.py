"""`garda import_learning` and the admins' upload page: training history into the ledger.

All or nothing: one bad row and nothing is written, unless `skip_invalid`. Each row's
`source_key` is derived from its content, so importing the same file again writes nothing.
Rows are inserted in bulk and the yearly totals of the employees touched are recounted in
the same transaction; one audit entry records the import."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.db.models import Count, Sum

from garda.core.access import units_visible_to
from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.core.spreadsheets.errors import RowError
from garda.core.spreadsheets.reader import open_table
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.learning.ledger import stamp
from garda.learning.ledger.imports import LAYOUT, HistoryRow, form_lookup, parse_row
from garda.learning.ledger.models import EntryStatus, JPYearTotal, LedgerEntry, SourceKind
from garda.people.models import Employee

CHUNK = 900  # below SQLite's limit on bound parameters per IN (...)


# "f.csv: 3 baris data; 2 catatan baru, 1 sudah ada di buku JP; 1 baris dilewati."
LEDGER_WORDING = Wording(
    created=("{n} catatan baru", "{n} entries created"),
    updated=None,
    unchanged=("{n} sudah ada di buku JP", "{n} already in the ledger"),
    skipped=("{n} baris dilewati", "{n} rows skipped"),
)


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def refresh_totals(pairs: set[tuple[int, int]]) -> None:
    """Recount the yearly totals of many (employee, year) pairs in a few grouped queries."""
    stamp.bump()
    employees = sorted({employee for employee, _year in pairs})
    for chunk in _chunks(employees):
        figures = (
            LedgerEntry.objects.filter(employee_id__in=chunk, status=EntryStatus.VALID)
            .values("employee_id", "year")
            .annotate(total=Sum("jp"), entries=Count("pk"))
        )
        rows = [
            JPYearTotal(
                employee_id=f["employee_id"], year=f["year"], total_jp=f["total"],
                entries=f["entries"],
            )
            for f in figures
            if (f["employee_id"], f["year"]) in pairs
        ]  # fmt: skip
        JPYearTotal.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["employee", "year"],
            update_fields=["total_jp", "entries"],
        )


@transaction.atomic
def learning_import(
    *, actor: User | None, source: str | Path | IO[bytes], filename: str, skip_invalid: bool
) -> ImportReport:
    started = time.monotonic()
    report = ImportReport(filename=filename, wording=LEDGER_WORDING, kind="ledger")
    forms = form_lookup()
    parsed: list[HistoryRow] = []
    with open_table(source, filename, LAYOUT) as table:
        if table.missing:
            report.errors.append(
                RowError(table.header_row, ", ".join(table.missing),
                         "Kolom wajib tidak ada.", "Required column missing.")
            )  # fmt: skip
            report.seconds = time.monotonic() - started
            return report
        for number, raw in table.rows():
            report.total += 1
            row, errors = parse_row(number, raw, table.columns, forms)
            report.errors.extend(errors)
            if row is not None:
                parsed.append(row)
    nip_column = table.columns.get("nip", "NIP")
    employees: dict[str, tuple[int, int]] = {}
    visible = Employee.objects.all()
    if actor is not None and not actor.is_superuser:
        visible = visible.filter(unit__in=units_visible_to(actor).values("pk"))
    for chunk in _chunks(sorted({row.nip for row in parsed})):
        for pk, nip, unit_id in visible.filter(nip__in=chunk).values_list("pk", "nip", "unit_id"):
            employees[nip] = (pk, unit_id)
    good: list[HistoryRow] = []
    for row in parsed:
        if row.nip not in employees:
            report.errors.append(
                RowError(row.row, nip_column,
                         "NIP tidak ditemukan di data ASN (atau di luar wewenang Anda).",
                         "NIP not found among the ASN (or outside your scope).")
            )  # fmt: skip
        else:
            good.append(row)
    if report.errors and not skip_invalid:
        report.seconds = time.monotonic() - started
        return report
    keys = [row.source_key for row in good]
    known: set[str] = set()
    for chunk in _chunks(keys):
        known.update(
            key for key in LedgerEntry.objects.filter(source_key__in=chunk).values_list(
                "source_key", flat=True
            ) if key
        )  # fmt: skip
    fresh: dict[str, LedgerEntry] = {}
    for row in good:
        key = row.source_key
        if key in known or key in fresh:
            report.unchanged += 1
            continue
        fresh[key] = LedgerEntry(
            employee_id=employees[row.nip][0], year=row.finished_on.year,
            started_on=row.started_on, finished_on=row.finished_on, form_id=row.form_id,
            title=row.title, provider=row.provider, jp=row.jp,
            certificate_number=row.certificate_number, source_kind=SourceKind.IMPORT,
            source_key=key,
        )  # fmt: skip
    entries = list(fresh.values())
    LedgerEntry.objects.bulk_create(entries, batch_size=500)
    refresh_totals({(e.employee_id, e.year) for e in entries})
    report.created = len(entries)
    report.written = bool(entries)
    if entries:
        audit_record(
            actor=actor,
            action="ledger.import",
            object_type="ledger.import",
            object_label=filename[:200],
            after={"file": filename, "created": report.created, "unchanged": report.unchanged,
                   "skipped_rows": report.invalid_rows},
        )  # fmt: skip
    report.seconds = time.monotonic() - started
    return report
