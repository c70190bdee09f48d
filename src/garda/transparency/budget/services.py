"""Writes of the budget: imports of budget lines and monthly realisasi, and the data version
that cached public pages are keyed by.

Files are read and every row checked first, outside any transaction (importing.py); then all
writes happen in ONE transaction with their audit entries and a bump of the "budget" data
version. All-or-nothing by default: any bad row and nothing is written; `skip_invalid` writes
the good rows. Re-importing the same file writes nothing (no audit entry, no version bump).
Lines absent from a file are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from garda.core.audit.services import audit_record_many, snapshot
from garda.core.dataversion import data_version_bump
from garda.core.models import User
from garda.core.spreadsheets.errors import RowError
from garda.core.spreadsheets.reader import open_table
from garda.core.spreadsheets.report import ImportReport
from garda.transparency.budget.importing import (
    BUDGET_LAYOUT,
    REALISASI_LAYOUT,
    BudgetRow,
    BudgetRowParser,
    RealisasiRow,
    RealisasiRowParser,
    budget_import_report,
    over_pagu_warning,
)
from garda.transparency.budget.models import (
    BudgetLine,
    BudgetRealisation,
    Nomenclature,
    NomenclatureKind,
)

BUDGET = "budget"
T = TypeVar("T")
CHUNK = 500
LINE_FIELDS = ["year", "unit_id", "code", "name", "pagu_murni", "pagu_perubahan"]


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Budget lines ---------------------------------------------------------------------------


def _parsed_rows(
    source: str | Path | IO[bytes],
    filename: str,
    layout: Any,
    parser_class: Any,
    actor: User | None,
    report: ImportReport,
) -> list[Any] | None:
    """Every row of the file parsed; bad rows go to `report.errors`. None when the file lacks
    required columns (also reported), so the caller writes nothing."""
    rows: list[Any] = []
    with open_table(source, filename, layout) as table:
        if table.missing:
            report.errors = _missing_columns(table.header_row, table.missing)
            return None
        parser = parser_class(actor, table.columns)
        for number, raw in table.rows():
            report.total += 1
            result = parser.parse(number, raw)
            if isinstance(result, list):
                report.errors.extend(result)
            else:
                rows.append(result)
    return rows


def budget_import(
    *,
    actor: User | None,
    source: str | Path | IO[bytes],
    filename: str,
    skip_invalid: bool = False,
) -> ImportReport:
    """`Tahun, Kode Unit, Kode Sub Kegiatan, Nama Sub Kegiatan, Pagu Murni, Pagu Perubahan`
    (optionally `Nama Program`, `Nama Kegiatan`) from an .xlsx/.csv. Raises ImportFileError
    when the file cannot be read at all; row problems end up in the report."""
    report = budget_import_report(filename=filename, kind="anggaran")
    rows = _parsed_rows(source, filename, BUDGET_LAYOUT, BudgetRowParser, actor, report)
    if rows is None or (report.errors and not skip_invalid):
        return report
    budget_lines_write(actor=actor, rows=rows, report=report)
    return report


def _missing_columns(header_row: int, missing: list[str]) -> list[RowError]:
    return [
        RowError(
            header_row,
            column,
            "Kolom wajib ini tidak ada di baris judul.",
            "This required column is missing from the header row.",
        )
        for column in missing
    ]


@transaction.atomic
def budget_lines_write(
    *, actor: User | None, rows: Sequence[BudgetRow], report: ImportReport
) -> None:
    """Create or update the lines of checked rows (the demo seeds through here too)."""
    existing: dict[tuple[int, int, str], BudgetLine] = {}
    for year in sorted({row.year for row in rows}):
        for stored in BudgetLine.objects.filter(year=year):
            existing[(stored.year, stored.unit_id, stored.code)] = stored
    now = timezone.now()
    created: list[BudgetLine] = []
    updated: list[tuple[BudgetLine, list[str], dict[str, Any]]] = []
    for row in rows:
        values: dict[str, Any] = {
            "name": row.name,
            "pagu_murni": row.pagu_murni,
            "pagu_perubahan": row.pagu_perubahan,
            "instansi_id": row.unit.instansi_id,
            "opd_id": row.unit.opd_id,
            "program_code": row.code.program_code,
            "kegiatan_code": row.code.kegiatan_code,
        }
        line = existing.get(row.key)
        if line is None:
            created.append(
                BudgetLine(year=row.year, unit_id=row.unit.id, code=row.code.full, **values)
            )
            continue
        changed = sorted(name for name, value in values.items() if getattr(line, name) != value)
        if not changed:
            report.unchanged += 1
            continue
        before = snapshot(line, changed)
        for name in changed:
            setattr(line, name, values[name])
        line.updated_at = now
        updated.append((line, changed, before))
        if line.is_over_pagu:
            report.warnings.append(
                over_pagu_warning(
                    row.row,
                    BUDGET_LAYOUT.label("pagu_murni"),
                    line.code,
                    line.realisasi_total,
                    line.pagu,
                )
            )
    BudgetLine.objects.bulk_create(created, batch_size=CHUNK)
    fields = sorted({name for _line, changed, _before in updated for name in changed})
    if updated:
        BudgetLine.objects.bulk_update(
            [line for line, _changed, _before in updated], [*fields, "updated_at"], CHUNK
        )
    names = _nomenclature_write(rows)
    report.created, report.updated = len(created), len(updated)
    if not created and not updated and not names:
        return  # nothing changed: nothing to audit, caches stay valid
    entries: list[dict[str, Any]] = [
        {"action": "budget.line_create", "target": line, "after": snapshot(line, LINE_FIELDS)}
        for line in created
    ]
    entries += [
        {
            "action": "budget.line_update",
            "target": line,
            "before": before,
            "after": snapshot(line, changed),
        }
        for line, changed, before in updated
    ]
    entries += names
    entries.append(_summary_entry("budget.import", report))
    audit_record_many(actor=actor, entries=entries)
    data_version_bump(name=BUDGET)
    report.written = True


def _nomenclature_write(rows: Sequence[BudgetRow]) -> list[dict[str, Any]]:
    """Program and kegiatan names given in the file; returns audit entries of the changes."""
    wanted: dict[str, tuple[str, str]] = {}
    for row in rows:
        if row.program_name:
            wanted[row.code.program_code] = (NomenclatureKind.PROGRAM, row.program_name)
        if row.kegiatan_name:
            wanted[row.code.kegiatan_code] = (NomenclatureKind.KEGIATAN, row.kegiatan_name)
    if not wanted:
        return []
    known = {n.code: n for n in Nomenclature.objects.filter(code__in=list(wanted))}
    entries: list[dict[str, Any]] = []
    for code, (kind, name) in sorted(wanted.items()):
        entry = known.get(code)
        if entry is None:
            entry = Nomenclature.objects.create(code=code, kind=kind, name=name)
            entries.append(
                {"action": "budget.nomenclature_create", "target": entry, "after": {"name": name}}
            )
        elif entry.name != name:
            before = {"name": entry.name}
            entry.name = name
            entry.save(update_fields=["name"])
            entries.append(
                {
                    "action": "budget.nomenclature_update",
                    "target": entry,
                    "before": before,
                    "after": {"name": name},
                }
            )
    return entries


def _summary_entry(action: str, report: ImportReport) -> dict[str, Any]:
    return {
        "action": action,
        "object_type": "transparency.budgetline",
        "object_label": report.filename,
        "after": {
            "filename": report.filename,
            "total": report.total,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "invalid_rows": report.invalid_rows,
            "flagged": len(report.warnings),
        },
    }


# --- Realisasi ------------------------------------------------------------------------------


def realisasi_import(
    *,
    actor: User | None,
    source: str | Path | IO[bytes],
    filename: str,
    skip_invalid: bool = False,
) -> ImportReport:
    """`Tahun, Bulan, Kode Unit, Kode Sub Kegiatan, Realisasi` from an .xlsx/.csv: the
    month's own realisasi of a line already in the budget. Realisasi above pagu is imported
    and flagged (report.warnings), not refused."""
    report = budget_import_report(filename=filename, kind="realisasi")
    rows = _parsed_rows(source, filename, REALISASI_LAYOUT, RealisasiRowParser, actor, report)
    if rows is None or (report.errors and not skip_invalid):
        return report
    realisasi_write(actor=actor, rows=rows, report=report)
    return report


@transaction.atomic
def realisasi_write(
    *, actor: User | None, rows: Sequence[RealisasiRow], report: ImportReport
) -> None:
    line_ids = sorted({row.line_id for row in rows})
    existing: dict[tuple[int, int], BudgetRealisation] = {}
    for chunk in _chunks(line_ids):
        for stored in BudgetRealisation.objects.filter(line_id__in=chunk):
            existing[(stored.line_id, stored.month)] = stored
    created: list[BudgetRealisation] = []
    updated: list[BudgetRealisation] = []
    before: dict[int, dict[str, int]] = {}
    after: dict[int, dict[str, int]] = {}
    last_row: dict[int, int] = {}
    now = timezone.now()
    for row in rows:
        last_row[row.line_id] = max(row.row, last_row.get(row.line_id, 0))
        item = existing.get((row.line_id, row.month))
        if item is None:
            created.append(
                BudgetRealisation(line_id=row.line_id, month=row.month, amount=row.amount)
            )
        elif item.amount != row.amount:
            before.setdefault(row.line_id, {})[str(row.month)] = item.amount
            item.amount = row.amount
            item.updated_at = now  # bulk_update does not apply auto_now
            updated.append(item)
        else:
            report.unchanged += 1
            continue
        after.setdefault(row.line_id, {})[str(row.month)] = row.amount
    BudgetRealisation.objects.bulk_create(created, batch_size=CHUNK)
    BudgetRealisation.objects.bulk_update(updated, ["amount", "updated_at"], batch_size=CHUNK)
    report.created, report.updated = len(created), len(updated)
    touched = sorted(after)
    lines = _refresh_totals(touched)
    # Flag every line of the file that stands above its pagu, changed now or before.
    for line_id in sorted(last_row):
        line = lines.get(line_id)
        if line is None:
            line = BudgetLine.objects.get(pk=line_id)
        if line.is_over_pagu:
            report.warnings.append(
                over_pagu_warning(
                    last_row[line_id],
                    REALISASI_LAYOUT.label("amount"),
                    line.code,
                    line.realisasi_total,
                    line.pagu,
                )
            )
    if not touched:
        return
    entries: list[dict[str, Any]] = [
        {
            "action": "budget.realisasi_import",
            "target": lines[line_id],
            "before": before.get(line_id, {}),
            "after": after[line_id],
        }
        for line_id in touched
    ]
    entries.append(_summary_entry("budget.realisasi_import_file", report))
    audit_record_many(actor=actor, entries=entries)
    data_version_bump(name=BUDGET)
    report.written = True


def _refresh_totals(line_ids: Sequence[int]) -> dict[int, BudgetLine]:
    """Recompute `realisasi_total` of these lines from their monthly rows."""
    lines: dict[int, BudgetLine] = {}
    now = timezone.now()
    for chunk in _chunks(line_ids):
        sums = dict(
            BudgetRealisation.objects.filter(line_id__in=chunk)
            .values_list("line_id")
            .annotate(total=Sum("amount"))
            .values_list("line_id", "total")
        )
        batch = list(BudgetLine.objects.filter(pk__in=chunk))
        for line in batch:
            line.realisasi_total = int(sums.get(line.pk) or 0)
            line.updated_at = now
            lines[line.pk] = line
        BudgetLine.objects.bulk_update(batch, ["realisasi_total", "updated_at"])
    return lines
