"""Errors of the spreadsheet kit: the file as a whole (`ImportFileError`, `SpreadsheetTooLarge`)
and one cell of one row (`CellError` while parsing, `RowError` in the report)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from garda.core.errors import ValidationFailed


class ImportFileError(ValidationFailed):
    """The file as a whole cannot be read (not rows within it)."""

    code = "import_file"


class SpreadsheetTooLarge(ImportFileError):
    """The file exceeds one of the reading bounds (decompressed size, rows, cells, time)."""

    code = "import_file_too_large"


class CellError(Exception):
    """One cell's problem, raised by a cell parser and turned into a RowError by the caller."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


@dataclass(frozen=True)
class RowError:
    """What is wrong with one cell (or a whole row when `column` names the row's key).

    `row` is the row number a spreadsheet shows; `column` the header as the file writes it,
    so a user finds the cell without counting."""

    row: int
    column: str
    message_id: str
    message_en: str

    def text(self, lang: str = "id") -> str:
        if lang.startswith("en"):
            return f"Row {self.row}, column {self.column}: {self.message_en}"
        return f"Baris {self.row}, kolom {self.column}: {self.message_id}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
