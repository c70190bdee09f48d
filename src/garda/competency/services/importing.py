"""`garda import_standards` / `garda import_assessment` and their upload pages.

All or nothing: one bad row and nothing is written, unless `skip_invalid`. A row that names
what already exists updates it (a standard's level; an assessment of the same ASN, competency
and date), so importing a file twice writes nothing new. The gaps of the employees touched are
recomputed in the same transaction; one audit entry records each import."""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from garda.competency import policy
from garda.competency.imports import (
    ASSESSMENT_LAYOUT,
    STANDARDS_LAYOUT,
    date_value,
    kind_lookup,
    kind_value,
    level_value,
    required_text,
)
from garda.competency.lookup import competency_codes, instansi_of, instansi_of_units
from garda.competency.models import Assessment, Standard
from garda.competency.rules import jabatan_key
from garda.competency.services.gaps import employees_assessed_in, gaps_refresh
from garda.core.access import subtree_ids, units_visible_to
from garda.core.audit.services import audit_record
from garda.core.errors import NotAllowed, ValidationFailed
from garda.core.models import Unit, User
from garda.core.spreadsheets.cells import cell_text
from garda.core.spreadsheets.errors import CellError, RowError
from garda.core.spreadsheets.reader import Table, open_table
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.learning.ledger.imports import nip_text
from garda.people.models import Employee

Source = str | Path | IO[bytes]
_CHUNK = 500


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


STANDARDS_WORDING = Wording(
    subject=("standar", "standards"), unchanged=("{n} tidak berubah", "{n} unchanged")
)
ASSESSMENT_WORDING = Wording(subject=("hasil asesmen", "assessment results"))


Parsers = dict[str, Callable[[Any], Any]]


def _parse_row(
    report: ImportReport, table: Table, number: int, raw: dict[str, Any], parsers: Parsers
) -> dict[str, Any] | None:
    """Every cell of a row through its parser; the row's values, or None after recording each
    bad cell as "Baris N, kolom X"."""
    values: dict[str, Any] = {}
    ok = True
    for key, parse in parsers.items():
        try:
            values[key] = parse(raw.get(key))
        except CellError as error:
            column = table.columns.get(key, key)
            report.errors.append(RowError(number, column, error.message_id, error.message_en))
            ok = False
    return values if ok else None


def _missing_columns(report: ImportReport, table: Table) -> bool:
    if table.missing:
        report.errors.append(
            RowError(table.header_row, ", ".join(table.missing),
                     "Kolom wajib tidak ada.", "Required column missing.")
        )  # fmt: skip
    return bool(table.missing)


def instansi_for_import(*, actor: User | None, code: str | None) -> Unit:
    """The instansi whose standards a file sets: `--instansi CODE`, else the actor's own."""
    if code:
        unit = Unit.objects.filter(code=code).first()
        if unit is None or unit.kind != "instansi":
            raise ValidationFailed(
                f"Instansi {code!r} tidak ada.", f"No instansi {code!r}.",
                errors=[{"field": "instansi", "message": "Instansi tidak ada."}],
            )  # fmt: skip
        return unit
    if actor is not None and actor.unit_id is not None:
        return Unit.objects.get(pk=instansi_of(actor.unit_id))
    raise ValidationFailed(
        "Sebutkan instansi (--instansi KODE).", "Name the instansi (--instansi CODE).",
        errors=[{"field": "instansi", "message": "Instansi wajib diisi."}],
    )  # fmt: skip


@dataclass(frozen=True)
class StandardRow:
    row: int
    jabatan_name: str
    kind_id: int
    competency_id: int
    level: int


@transaction.atomic
def standards_import(
    *,
    actor: User | None,
    source: Source,
    filename: str,
    skip_invalid: bool,
    instansi_code: str | None = None,
) -> ImportReport:
    started = time.monotonic()
    instansi = instansi_for_import(actor=actor, code=instansi_code)
    if actor is not None and not policy.can_edit_standards(actor, instansi.pk):
        raise NotAllowed
    report = ImportReport(filename=filename, wording=STANDARDS_WORDING, kind="standards")
    kinds, codes = kind_lookup(), competency_codes(instansi.pk)
    rows: dict[tuple[int, str, int], StandardRow] = {}
    parsers: Parsers = {
        "jabatan": cell_text,
        "jenis": functools.partial(kind_value, kinds=kinds),
        "code": functools.partial(_code_value, codes=codes),
        "level": level_value,
    }
    with open_table(source, filename, STANDARDS_LAYOUT) as table:
        if _missing_columns(report, table):
            return report
        for number, raw in table.rows():
            report.total += 1
            values = _parse_row(report, table, number, raw, parsers)
            if values is not None:
                row_key = (values["jenis"], jabatan_key(values["jabatan"]), values["code"])
                rows[row_key] = StandardRow(
                    number, values["jabatan"], values["jenis"], values["code"], values["level"]
                )
    if report.errors and not skip_invalid:
        report.seconds = time.monotonic() - started
        return report
    existing = {
        (s.jabatan_kind_id, s.jabatan_key, s.competency_id): s
        for s in Standard.objects.filter(instansi=instansi)
    }
    for (kind_id, key, competency_id), row in rows.items():
        current = existing.get((kind_id, key, competency_id))
        if current is None:
            Standard.objects.create(
                instansi=instansi, jabatan_kind_id=kind_id, jabatan_key=key,
                jabatan_name=row.jabatan_name, competency_id=competency_id, level=row.level,
            )  # fmt: skip
            report.created += 1
        elif current.level != row.level:
            current.level = row.level
            current.save(update_fields=["level", "updated_at"])
            report.updated += 1
        else:
            report.unchanged += 1
    report.written = bool(report.created or report.updated)
    if report.written:
        gaps_refresh(employee_ids=employees_assessed_in(subtree_ids(instansi)))
        audit_record(
            actor=actor, action="competency.standards.import", target=instansi,
            after={"file": filename, "created": report.created, "updated": report.updated,
                   "skipped_rows": report.invalid_rows},
        )  # fmt: skip
    report.seconds = time.monotonic() - started
    return report


def _code_value(value: Any, codes: dict[str, int]) -> int:
    text = cell_text(value)
    found = codes.get(text.casefold())
    if found is None:
        raise CellError(
            f"Kode kompetensi {text!r} tidak dikenal di instansi ini.",
            f"Competency code {text!r} is unknown in this instansi.",
        )
    return found


@dataclass(frozen=True)
class AssessmentRow:
    row: int
    nip: str
    code: str
    level: int
    date: dt.date
    method: str
    institution: str


ASSESSMENT_PARSERS: Parsers = {
    "nip": nip_text,
    "code": functools.partial(required_text, limit=20),
    "level": level_value,
    "date": date_value,
    "method": required_text,
    "institution": lambda value: cell_text(value)[:200],
}


@transaction.atomic
def assessment_import(
    *, actor: User | None, source: Source, filename: str, skip_invalid: bool
) -> ImportReport:
    started = time.monotonic()
    if actor is not None and not policy.is_assessor(actor):
        raise NotAllowed
    report = ImportReport(filename=filename, wording=ASSESSMENT_WORDING, kind="assessment")
    parsed: list[AssessmentRow] = []
    with open_table(source, filename, ASSESSMENT_LAYOUT) as table:
        if _missing_columns(report, table):
            return report
        for number, raw in table.rows():
            report.total += 1
            values = _parse_row(report, table, number, raw, ASSESSMENT_PARSERS)
            if values is not None:
                parsed.append(AssessmentRow(row=number, **values))
    columns = table.columns
    visible = Employee.objects.all()
    if actor is not None and not actor.is_superuser:
        visible = visible.filter(unit__in=units_visible_to(actor).values("pk"))
    employees: dict[str, tuple[int, int, int | None]] = {}
    for chunk in _chunks(sorted({row.nip for row in parsed})):
        for nip, pk, unit_id, user_id in visible.filter(nip__in=chunk).values_list(
            "nip", "pk", "unit_id", "user_id"
        ):
            employees[nip] = (pk, unit_id, user_id)
    instansi = instansi_of_units({unit for _pk, unit, _u in employees.values()})
    code_tables: dict[int, dict[str, int]] = {}
    good: list[tuple[AssessmentRow, int, int]] = []
    for row in parsed:
        found = employees.get(row.nip)
        if found is None:
            report.errors.append(
                RowError(row.row, columns.get("nip", "NIP"),
                         "NIP tidak ditemukan di data ASN (atau di luar wewenang Anda).",
                         "NIP not found among the ASN (or outside your scope).")
            )  # fmt: skip
            continue
        if actor is not None and found[2] == actor.pk:
            report.errors.append(
                RowError(row.row, columns.get("nip", "NIP"),
                         "Anda tidak boleh mencatat hasil asesmen Anda sendiri.",
                         "You may not record your own assessment.")
            )  # fmt: skip
            continue
        owner = instansi[found[1]]
        codes = code_tables.setdefault(owner, competency_codes(owner))
        competency_id = codes.get(row.code.casefold())
        if competency_id is None:
            report.errors.append(
                RowError(row.row, columns.get("code", "Kode Kompetensi"),
                         f"Kode kompetensi {row.code!r} tidak dikenal di instansi ASN ini.",
                         f"Competency code {row.code!r} is unknown in this ASN's instansi.")
            )  # fmt: skip
            continue
        good.append((row, found[0], competency_id))
    if report.errors and not skip_invalid:
        report.seconds = time.monotonic() - started
        return report
    existing: dict[tuple[int, int, dt.date], Assessment] = {}
    for chunk in _chunks(sorted({pk for _r, pk, _c in good})):
        for a in Assessment.objects.filter(employee_id__in=chunk):
            existing[a.employee_id, a.competency_id, a.assessed_on] = a
    new: dict[tuple[int, int, dt.date], Assessment] = {}
    for row, employee_id, competency_id in good:
        key = (employee_id, competency_id, row.date)
        current = existing.get(key)
        if current is None:
            if key in new:
                report.unchanged += 1  # a repeated row of the file: the first one counts
                continue
            new[key] = Assessment(
                employee_id=employee_id, competency_id=competency_id, level=row.level,
                assessed_on=row.date, method=row.method, institution=row.institution,
                recorded_by=actor,
            )  # fmt: skip
        elif (current.level, current.method, current.institution) != (
            row.level,
            row.method,
            row.institution,
        ):
            current.level, current.method, current.institution = (
                row.level, row.method, row.institution
            )  # fmt: skip
            current.save(update_fields=["level", "method", "institution", "updated_at"])
            report.updated += 1
        else:
            report.unchanged += 1
    Assessment.objects.bulk_create(new.values(), batch_size=1000)
    report.created = len(new)
    report.written = bool(report.created or report.updated)
    if report.written:
        gaps_refresh(employee_ids={pk for _r, pk, _c in good})
        audit_record(
            actor=actor, action="competency.assessment.import",
            object_type="competency.import", object_label=filename[:200],
            after={"file": filename, "created": report.created, "updated": report.updated,
                   "skipped_rows": report.invalid_rows},
        )  # fmt: skip
    report.seconds = time.monotonic() - started
    return report
