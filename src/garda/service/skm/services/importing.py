"""`garda import_skm FILE --unit CODE` and the staff upload: paper questionnaires in bulk.

All or nothing unless `skip_invalid`. Each row goes to the unit's survey whose period holds
its date; a date no survey of the unit covers gets a yearly survey created for it. One audit
entry records the import."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import IO

from django.db import transaction

from garda.core.audit.services import audit_record
from garda.core.models import Unit, User
from garda.core.spreadsheets.errors import RowError
from garda.core.spreadsheets.reader import open_table
from garda.core.spreadsheets.report import ImportReport, Wording
from garda.service.skm.imports import LAYOUT, parse_row
from garda.service.skm.models import Channel, Survey
from garda.service.skm.periods import period_of
from garda.service.skm.services.surveys import (
    AnswerInput,
    answers_store,
    check_unit,
    survey_create,
)

SKM_WORDING = Wording(
    created=("{n} jawaban baru", "{n} answers created"),
    updated=None,
    unchanged=("{n} tidak berubah", "{n} unchanged"),
    skipped=("{n} baris dilewati", "{n} rows skipped"),
)


def _survey_for(unit: Unit, row: AnswerInput, actor: User | None, made: list[Survey]) -> Survey:
    day = row.answered_on
    found = (
        Survey.objects.filter(unit=unit, starts_on__lte=day, ends_on__gte=day)
        .order_by("ends_on")  # the shortest period holding the date
        .first()
    )
    if found is not None:
        return found
    year, number = period_of("year", day)
    survey = survey_create(
        actor=actor, unit_id=unit.pk, period_kind="year", year=year, number=number
    )
    made.append(survey)
    return survey


@transaction.atomic
def answers_import(
    *, actor: User | None, unit: Unit, source: str | Path | IO[bytes], filename: str,
    skip_invalid: bool,
) -> ImportReport:  # fmt: skip
    started = time.monotonic()
    check_unit(actor, unit.pk)
    report = ImportReport(filename=filename, wording=SKM_WORDING, kind="skm")
    rows: list[AnswerInput] = []
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
            row, errors = parse_row(number, raw, table.columns)
            report.errors.extend(errors)
            if row is not None:
                rows.append(row)
    if report.errors and not skip_invalid:
        report.seconds = time.monotonic() - started
        return report
    made: list[Survey] = []
    by_survey: dict[int, list[AnswerInput]] = defaultdict(list)
    surveys: dict[int, Survey] = {}
    for row in rows:
        survey = _survey_for(unit, row, actor, made)
        surveys[survey.pk] = survey
        by_survey[survey.pk].append(row)
    for survey_id, survey_rows in by_survey.items():
        answers_store(survey=surveys[survey_id], rows=survey_rows, channel=Channel.IMPORT)
    report.created = len(rows)
    report.written = bool(rows)
    if rows:
        audit_record(
            actor=actor, action="skm.import", object_type="core.unit", object_id=str(unit.pk),
            object_label=unit.name[:200],
            after={"file": filename[:200], "created": report.created,
                   "skipped_rows": report.invalid_rows,
                   "surveys_created": [survey.pk for survey in made]},
        )  # fmt: skip
    report.seconds = time.monotonic() - started
    return report
