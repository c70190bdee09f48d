"""Questionnaire files (.xlsx/.csv) -> checked rows, or "Baris N, kolom X" reasons.

Columns: Tanggal, U1 ... U9 (1-4), and optionally Usia, Jenis Kelamin, Pendidikan, Pekerjaan
(a code or the label the form shows, any letter case) and Saran. Reading, bounds and dates are
the spreadsheet kit's; the services write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from garda.core.params import number_from
from garda.core.spreadsheets.cells import cell_text, parse_date
from garda.core.spreadsheets.errors import CellError, RowError
from garda.core.spreadsheets.reader import Layout
from garda.service.skm.models import ELEMENT_CODES, AgeBand, Education, Occupation, Sex
from garda.service.skm.services.surveys import AnswerInput

PROFILE_CHOICES: dict[str, Any] = {
    "age_band": AgeBand,
    "sex": Sex,
    "education": Education,
    "occupation": Occupation,
}
LAYOUT = Layout(
    columns=[
        ("answered_on", "Tanggal"),
        *[(code.lower(), code) for code in ELEMENT_CODES],
        ("age_band", "Usia"),
        ("sex", "Jenis Kelamin"),
        ("education", "Pendidikan"),
        ("occupation", "Pekerjaan"),
        ("suggestion", "Saran"),
    ],
    required=frozenset({"answered_on", *(code.lower() for code in ELEMENT_CODES)}),
    aliases={"tanggal survei": "answered_on", "umur": "age_band", "jk": "sex", "l/p": "sex"},
    marker="answered_on",
)


def _choice(choices: Any, value: Any) -> str:
    text = cell_text(value)
    if not text:
        return ""
    folded = text.casefold()
    for code, label in choices.choices:
        if folded in (str(code).casefold(), str(label).casefold()):
            return str(code)
    if choices is Sex and folded in ("laki-laki", "pria"):
        return "L"
    allowed = ", ".join(str(code) for code in choices.values)
    raise CellError(f"Nilai {text!r} tidak dikenal ({allowed}).", f"Unknown value {text!r}.")


def _score(value: Any) -> int:
    score = number_from(cell_text(value), maximum=9)
    if score is None or not 1 <= score <= 4:
        raise CellError("Harus angka 1 sampai 4.", "Must be a number from 1 to 4.")
    return score


def _date(value: Any) -> dt.date:
    parsed = parse_date(value)
    if parsed is None:
        raise CellError("Wajib diisi.", "Required.")
    return parsed


def parse_row(
    number: int, raw: dict[str, Any], columns: dict[str, str]
) -> tuple[AnswerInput | None, list[RowError]]:
    errors: list[RowError] = []

    def take(key: str, parse: Any) -> Any:
        try:
            return parse(raw.get(key))
        except CellError as error:
            label = columns.get(key, LAYOUT.label(key))
            errors.append(RowError(number, label, error.message_id, error.message_en))
            return None

    answered_on = take("answered_on", _date)
    scores = {code: take(code.lower(), _score) for code in ELEMENT_CODES}
    profile = {
        key: take(key, lambda value, c=choices: _choice(c, value))
        for key, choices in PROFILE_CHOICES.items()
    }
    suggestion = cell_text(raw.get("suggestion"))[:2000]
    if errors:
        return None, errors
    row = AnswerInput(
        scores=scores, answered_on=answered_on, profile=profile, suggestion=suggestion
    )
    return row, []
