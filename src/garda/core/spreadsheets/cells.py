"""Cell values as imports need them: trimmed text, dates, and identity numbers that Excel may
have turned into numbers. Messages are Indonesian with an English twin (CellError)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from garda.core.spreadsheets.errors import CellError

# Cells a spreadsheet would run as a formula. Exports prefix them with an apostrophe
# (export.neutralise); imports take that apostrophe off again so an exported file re-imports
# unchanged.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_ISO_DATE = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"  # YYYY-MM-DD
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a midnight time a CSV may carry
)
_DMY_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")


def cell_text(value: Any) -> str:
    """A cell as trimmed text; numbers without a spurious ".0"; the export's apostrophe off."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] == "'" and text[1:2] in FORMULA_START and text[1:2] != "":
            return text[1:]
        return text
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any) -> dt.date | None:
    """A real Excel date, `YYYY-MM-DD` or `DD-MM-YYYY` (also with `/` or `.`); None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    match = _ISO_DATE.fullmatch(text)
    if match is not None:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DMY_DATE.fullmatch(text)
        if match is None:
            raise CellError(
                f"Tanggal {text!r} tidak dikenali; gunakan tanggal Excel, YYYY-MM-DD, "
                "atau DD-MM-YYYY.",
                f"Date {text!r} is not understood; use an Excel date, YYYY-MM-DD or DD-MM-YYYY.",
            )
        day, month, year = (int(part) for part in match.groups())
    if not 1900 <= year <= 2100:
        raise CellError(
            f"Tahun {year} pada tanggal {text} tidak masuk akal.",
            f"The year {year} in the date {text} is not plausible.",
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(
            f"Tanggal {day:02d}-{month:02d}-{year} tidak ada di kalender.",
            f"The date {day:02d}-{month:02d}-{year} does not exist.",
        ) from None


class ExcelNumberError(CellError):
    """An identity number that Excel stored as a number (`number_cell`) or that a CSV carries
    in the scientific notation Excel showed; its digits are lost."""

    def __init__(self, message_id: str, message_en: str, *, number_cell: bool) -> None:
        super().__init__(message_id, message_en)
        self.number_cell = number_cell


def identity_digits(value: Any, name: str = "NIP") -> str:
    """An identity number cell (NIP 18 digits, NIK 16) as text, spaces removed.

    Excel keeps 15 significant digits of a number, so a NIP or NIK typed into a cell formatted
    as a number has lost its last digits (1.99001012015031E+17): they cannot be recovered and
    guessing would attach the row to someone else. Such a cell, or its scientific-notation text
    in a CSV, is refused, naming the number the user sees. Length and structure are the
    identity rules' business (core.identity), not the reader's. An import that words the
    refusal its own way catches ExcelNumberError."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise _lost_digits(name, f"{float(value):.5E}", number_cell=True)
    text = cell_text(value).replace(" ", "")
    if _SCIENTIFIC.match(text) or (text.replace(".", "", 1).isdigit() and "." in text):
        raise _lost_digits(name, text, number_cell=False)
    return text


def _lost_digits(name: str, shown: str, *, number_cell: bool) -> ExcelNumberError:
    return ExcelNumberError(
        f"{name} terbaca sebagai angka ({shown}); digitnya sudah hilang. Simpan kolom {name} "
        "sebagai Teks di Excel lalu ketik ulang.",
        f"{name} was read as a number ({shown}) and has lost digits. Format the {name} "
        "column as Text in Excel and re-enter it.",
        number_cell=number_cell,
    )
