"""`garda import_accreditation FILE`: institutions and programmes with their accreditation.

Columns: Perguruan Tinggi, Program Studi, Jenjang, Akreditasi, Berlaku Sampai (optional),
Luar Negeri (optional, ya/tidak). A row is keyed by (institution, programme, level): a known
one is updated, a new one created. All or nothing unless `skip_invalid`; one audit entry."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.core.spreadsheets.cells import cell_text, parse_date
from garda.core.spreadsheets.errors import CellError, RowError
from garda.core.spreadsheets.reader import Layout, open_table
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.studies.models import AccreditationGrade, AccreditedProgram, StudyLevel

LAYOUT = Layout(
    columns=[
        ("institution", "Perguruan Tinggi"),
        ("name", "Program Studi"),
        ("level", "Jenjang"),
        ("grade", "Akreditasi"),
        ("valid_until", "Berlaku Sampai"),
        ("abroad", "Luar Negeri"),
    ],
    required=frozenset({"institution", "name", "level", "grade"}),
    aliases={
        "institusi": "institution",
        "prodi": "name",
        "peringkat": "grade",
        "kedaluwarsa": "valid_until",
        "tanggal kedaluwarsa": "valid_until",
    },
    marker="name",
)
WORDING = Wording(subject=("program studi", "programmes"))
YES = {"ya", "y", "yes", "1", "true", "luar negeri"}
LEVEL_SPELLINGS = {v.replace("-", "").upper(): v for v in StudyLevel.values}
LEVEL_SPELLINGS.update({"DI": "D1", "DII": "D2", "DIII": "D3", "DIV": "D4"})


@dataclass(frozen=True)
class ProgramRow:
    row: int
    institution: str
    name: str
    level: str
    grade_id: int
    valid_until: dt.date | None
    abroad: bool


def _parse(
    number: int, raw: dict[str, Any], columns: dict[str, str], grades: dict[str, int]
) -> tuple[ProgramRow | None, list[RowError]]:
    errors: list[RowError] = []

    def fail(key: str, message_id: str, message_en: str) -> None:
        errors.append(RowError(number, columns.get(key, LAYOUT.label(key)), message_id, message_en))

    institution = cell_text(raw.get("institution"))[:200]
    name = cell_text(raw.get("name"))[:200]
    for key, value in (("institution", institution), ("name", name)):
        if not value:
            fail(key, "Wajib diisi.", "Required.")
    level_text = cell_text(raw.get("level")).upper().replace("-", "").replace(" ", "")
    level = LEVEL_SPELLINGS.get(level_text, "")
    if not level:
        fail(
            "level",
            f"Jenjang {level_text!r} tidak dikenal (D1-D4, S1-S3).",
            f"Unknown level {level_text!r} (D1-D4, S1-S3).",
        )
    grade_text = cell_text(raw.get("grade"))
    grade_id = grades.get(grade_text.lower().replace(" ", "-"), 0)
    if not grade_id:
        fail(
            "grade",
            f"Peringkat akreditasi {grade_text!r} tidak dikenal.",
            f"Unknown accreditation grade {grade_text!r}.",
        )
    valid_until = None
    try:
        valid_until = parse_date(raw.get("valid_until"))
    except CellError as error:
        fail("valid_until", error.message_id, error.message_en)
    abroad = cell_text(raw.get("abroad")).lower() in YES
    if errors:
        return None, errors
    return ProgramRow(number, institution, name, level, grade_id, valid_until, abroad), []


@transaction.atomic
def accreditation_import(
    *, actor: User | None, source: str | Path | IO[bytes], filename: str, skip_invalid: bool
) -> ImportReport:
    started = time.monotonic()
    report = ImportReport(filename=filename, wording=WORDING, kind="accreditation")
    grades = dict(AccreditationGrade.objects.values_list("code", "pk"))
    grades.update(
        {
            n.lower().replace(" ", "-"): pk
            for n, pk in AccreditationGrade.objects.values_list("name", "pk")
        }
    )
    good: dict[tuple[str, str, str], ProgramRow] = {}
    with open_table(source, filename, LAYOUT) as table:
        missing = table.missing_error()
        if missing is not None:
            report.errors.append(missing)
            report.seconds = time.monotonic() - started
            return report
        for number, raw in table.rows():
            report.total += 1
            row, errors = _parse(number, raw, table.columns, grades)
            report.errors.extend(errors)
            if row is not None:
                good[(row.institution.lower(), row.name.lower(), row.level)] = row
    if report.errors and not skip_invalid:
        report.seconds = time.monotonic() - started
        return report
    existing = {
        (p.institution.lower(), p.name.lower(), p.level): p for p in AccreditedProgram.objects.all()
    }
    fields = ("grade_id", "valid_until", "abroad")
    new, changed = [], []
    for key, row in good.items():
        known = existing.get(key)
        if known is None:
            new.append(
                AccreditedProgram(
                    institution=row.institution,
                    name=row.name,
                    level=row.level,
                    grade_id=row.grade_id,
                    valid_until=row.valid_until,
                    abroad=row.abroad,
                )
            )
        elif any(getattr(known, f) != getattr(row, f) for f in fields):
            for f in fields:
                setattr(known, f, getattr(row, f))
            changed.append(known)
        else:
            report.unchanged += 1
    AccreditedProgram.objects.bulk_create(new, batch_size=500)
    AccreditedProgram.objects.bulk_update(changed, list(fields), batch_size=500)
    report.created, report.updated = len(new), len(changed)
    report.written = bool(new or changed)
    if report.written:
        audit_record(
            actor=actor,
            action="studies.accreditation.import",
            object_type="studies.accreditation",
            object_label=filename[:200],
            after={"file": filename, "created": report.created, "updated": report.updated},
        )
    report.seconds = time.monotonic() - started
    return report
