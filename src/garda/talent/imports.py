"""SKP, discipline and potential files (.xlsx/.csv) -> checked rows, or "Baris N, kolom X".

The reader, header search, dates and Excel-mangled NIPs are the spreadsheet kit's; what each
column means is here. Every check is made before services/records.py writes anything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from garda.core.identity import InvalidIdentityNumber, check_asn_number
from garda.core.spreadsheets.cells import cell_text, identity_digits, parse_date
from garda.core.spreadsheets.errors import CellError, RowError
from garda.core.spreadsheets.reader import Layout
from garda.talent.vocabulary import (
    Potensial,
    Predikat,
    Tingkat,
    potensial_code,
    predikat_code,
    tingkat_code,
)

_NIP_ALIASES = {"nip baru": "nip", "nip / ni pppk": "nip", "ni pppk": "nip"}

SKP_LAYOUT = Layout(
    columns=[("nip", "NIP"), ("year", "Tahun"), ("predikat", "Predikat"), ("nilai", "Nilai")],
    required=frozenset({"nip", "year", "predikat"}),
    aliases={**_NIP_ALIASES, "predikat kinerja": "predikat", "nilai skp": "nilai"},
    marker="nip",
)
DISIPLIN_LAYOUT = Layout(
    columns=[
        ("nip", "NIP"),
        ("tingkat", "Tingkat"),
        ("jenis_hukuman", "Jenis Hukuman"),
        ("tmt", "TMT"),
        ("tanggal_selesai", "Tanggal Selesai"),
        ("nomor_sk", "Nomor SK"),
    ],
    required=frozenset({"nip", "tingkat", "jenis_hukuman", "tmt"}),
    aliases={**_NIP_ALIASES, "tingkat hukuman": "tingkat", "no sk": "nomor_sk"},
    marker="nip",
)
POTENSIAL_LAYOUT = Layout(
    columns=[("nip", "NIP"), ("year", "Tahun"), ("potensial", "Potensial")],
    required=frozenset({"nip", "year", "potensial"}),
    aliases={**_NIP_ALIASES, "potensi": "potensial"},
    marker="nip",
)

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_NILAI = Decimal("120")


@dataclass
class ParsedRow:
    """One good row: its number, the NIP, and the record's values keyed by field name."""

    row: int
    nip: str
    values: dict[str, Any] = field(default_factory=dict)


Parser = Callable[[Any], Any]


def nip_cell(value: Any) -> str:
    text = identity_digits(value, "NIP")
    if not text:
        raise CellError("Wajib diisi.", "Required.")
    try:
        return check_asn_number(text)
    except InvalidIdentityNumber as error:
        raise CellError(error.message_id, error.message_en) from None


def year_cell(value: Any) -> int:
    text = cell_text(value)
    if not text.isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise CellError(
            f"Tahun {text!r} tidak valid (empat angka, {MIN_YEAR}-{MAX_YEAR}).",
            f"Year {text!r} is not valid (four digits, {MIN_YEAR}-{MAX_YEAR}).",
        )
    return int(text)


def _choice(lookup: Callable[[str], str | None], labels: list[str], what: str) -> Parser:
    def parse(value: Any) -> str:
        text = cell_text(value)
        if not text:
            raise CellError("Wajib diisi.", "Required.")
        code = lookup(text)
        if code is None:
            shown = ", ".join(labels)
            raise CellError(
                f"{what} {text!r} tidak dikenal; gunakan salah satu: {shown}.",
                f"Unknown {what.lower()} {text!r}; use one of: {shown}.",
            )
        return code

    return parse


predikat_cell = _choice(predikat_code, [str(p.label) for p in Predikat], "Predikat")
tingkat_cell = _choice(tingkat_code, [str(t.label) for t in Tingkat], "Tingkat")
potensial_cell = _choice(potensial_code, [str(p.label) for p in Potensial], "Potensial")


def nilai_cell(value: Any) -> Decimal | None:
    text = cell_text(value).replace(",", ".")
    if not text:
        return None
    try:
        nilai = Decimal(text)
    except InvalidOperation:
        raise CellError(
            f"Nilai {text!r} bukan angka.", f"Nilai {text!r} is not a number."
        ) from None
    if not Decimal(0) <= nilai <= MAX_NILAI:
        raise CellError(
            f"Nilai harus antara 0 dan {MAX_NILAI}.", f"Nilai must be between 0 and {MAX_NILAI}."
        )
    return nilai.quantize(Decimal("0.01"))


def text_cell(limit: int, *, required: bool) -> Parser:
    def parse(value: Any) -> str:
        text = cell_text(value)
        if required and not text:
            raise CellError("Wajib diisi.", "Required.")
        if len(text) > limit:
            raise CellError(f"Paling banyak {limit} karakter.", f"At most {limit} characters.")
        return text

    return parse


def date_cell(*, required: bool) -> Parser:
    def parse(value: Any) -> dt.date | None:
        parsed = parse_date(value)
        if parsed is None and required:
            raise CellError("Wajib diisi.", "Required.")
        return parsed

    return parse


SKP_FIELDS: dict[str, Parser] = {"year": year_cell, "predikat": predikat_cell, "nilai": nilai_cell}
DISIPLIN_FIELDS: dict[str, Parser] = {
    "tingkat": tingkat_cell,
    "jenis_hukuman": text_cell(200, required=True),
    "tmt": date_cell(required=True),
    "tanggal_selesai": date_cell(required=False),
    "nomor_sk": text_cell(100, required=False),
}
POTENSIAL_FIELDS: dict[str, Parser] = {"year": year_cell, "potensial": potensial_cell}


def parse_row(
    number: int,
    raw: dict[str, Any],
    columns: dict[str, str],
    layout: Layout,
    fields: dict[str, Parser],
    always: frozenset[str] = frozenset(),
) -> tuple[ParsedRow | None, list[RowError]]:
    """Check one row. An optional column absent from the file is left out of the values (an
    SKP file without `Nilai` keeps the nilai already recorded) unless it is in `always`."""
    errors: list[RowError] = []
    values: dict[str, Any] = {}
    nip = ""
    for key, parse in {"nip": nip_cell, **fields}.items():
        if key not in columns and key not in layout.required and key not in always:
            continue
        try:
            parsed = parse(raw.get(key))
        except CellError as error:
            column = columns.get(key, layout.label(key))
            errors.append(RowError(number, column, error.message_id, error.message_en))
            continue
        if key == "nip":
            nip = parsed
        else:
            values[key] = parsed
    ends, starts = values.get("tanggal_selesai"), values.get("tmt")
    if ends is not None and starts is not None and ends < starts:
        errors.append(
            RowError(number, columns.get("tanggal_selesai", "Tanggal Selesai"),
                     "Tanggal selesai sebelum TMT.", "Ends before its TMT.")
        )  # fmt: skip
    if errors:
        return None, errors
    return ParsedRow(number, nip, values), []
