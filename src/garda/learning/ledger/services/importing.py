"""`garda import_learning` and the admins' upload page: training history into the ledger.

All or nothing: one bad row and nothing is written, unless `skip_invalid`. Each row's
`source_key` is derived from its content, so importing the same file again writes nothing.
Rows go through `services.ledger_entries_record` like every ledger write, so a row's JP is
min(stated, the form's rule) with the caps across the ASN's entries (and earlier rows of the
file); a row cut down by a cap is kept, with a warning in the report. The yearly totals of
the employees touched are recounted in the same transaction; one audit entry records it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import IO

from django.db import transaction

from garda.core.access import units_visible_to
from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.core.spreadsheets.errors import RowError
from garda.core.spreadsheets.reader import open_table
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.learning.ledger.imports import LAYOUT, HistoryRow, form_lookup, parse_row
from garda.learning.ledger.models import SourceKind
from garda.learning.ledger.rules import cap_warning
from garda.learning.ledger.services import EntryDraft, chunks, ledger_entries_record
from garda.people.models import Employee

# "f.csv: 3 baris data; 2 catatan baru, 1 sudah ada di buku JP; 1 baris dilewati."
LEDGER_WORDING = Wording(
    created=("{n} catatan baru", "{n} entries created"),
    updated=None,
    unchanged=("{n} sudah ada di buku JP", "{n} already in the ledger"),
    skipped=("{n} baris dilewati", "{n} rows skipped"),
    flagged=(
        "{n} baris tersimpan dengan JP dibatasi aturan konversi",
        "{n} rows saved with their JP capped by the conversion rule",
    ),
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
        missing = table.missing_error()
        if missing is not None:
            report.errors.append(missing)
            report.seconds = time.monotonic() - started
            return report
        for number, raw in table.rows():
            report.total += 1
            row, errors = parse_row(number, raw, table.columns, forms)
            report.errors.extend(errors)
            if row is not None:
                parsed.append(row)
    nip_column = table.columns.get("nip", "NIP")
    jp_column = table.columns.get("jp", "JP")
    employees: dict[str, tuple[int, int]] = {}
    visible = Employee.objects.all()
    if actor is not None and not actor.is_superuser:
        visible = visible.filter(unit__in=units_visible_to(actor).values("pk"))
    for chunk in chunks(sorted({row.nip for row in parsed})):
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
    drafts = [
        EntryDraft(
            employee_id=employees[row.nip][0], form_id=row.form_id, title=row.title,
            provider=row.provider, started_on=row.started_on, finished_on=row.finished_on,
            stated_jp=row.jp, certificate_number=row.certificate_number,
            source_kind=SourceKind.IMPORT, source_key=row.source_key, ref=row.row,
        )
        for row in good
    ]  # fmt: skip
    results = ledger_entries_record(drafts=drafts)
    entries = [result.entry for result in results if result.created]
    report.unchanged = len(results) - len(entries)
    for draft, result in zip(drafts, results, strict=True):
        if result.capped and result.outcome is not None and result.rule is not None:
            report.warnings.append(
                RowError(draft.ref, jp_column, cap_warning(result.outcome, result.rule, "id"),
                         cap_warning(result.outcome, result.rule, "en"))
            )  # fmt: skip
    report.created = len(entries)
    report.written = bool(entries)
    if entries:
        audit_record(
            actor=actor,
            action="ledger.import",
            object_type="ledger.import",
            object_label=filename[:200],
            after={"file": filename, "created": report.created, "unchanged": report.unchanged,
                   "skipped_rows": report.invalid_rows, "capped_rows": len(report.warnings)},
        )  # fmt: skip
    report.seconds = time.monotonic() - started
    return report
