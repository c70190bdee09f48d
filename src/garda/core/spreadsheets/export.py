"""The one writer of CSV and .xlsx exports.

Every text cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
gets a leading apostrophe, so `=HYPERLINK("http://evil", "klik")` typed into a name, a unit or
a citizen's request shows as text instead of running when an admin opens the export (CSV
injection, OWASP). Numbers, dates, NIPs (text of digits) and totals are written as they are.
Importers take the apostrophe off again (cells.cell_text), so an export re-imports unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from garda.core.spreadsheets.cells import FORMULA_START

CSV_FLUSH_ROWS = 500  # rows per chunk of a streamed CSV


def neutralise(value: Any) -> Any:
    """`=HYPERLINK(...)` -> `'=HYPERLINK(...)`: a cell a spreadsheet shows, never runs."""
    if isinstance(value, str) and value[:1] in FORMULA_START and value:
        return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    # Dates need nothing: the csv module writes str(), which is YYYY-MM-DD for a date.
    return "" if value is None else neutralise(value)


def csv_chunks(
    header: Sequence[str] | None,
    rows: Iterable[Sequence[Any]],
    *,
    bom: bool = True,
    lineterminator: str = "\r\n",
) -> Iterator[bytes]:
    """A CSV as a stream of UTF-8 chunks (no 60,000-row string in memory).

    `bom`: a byte-order mark so Excel opens the file as UTF-8 ("Nurul 'Aini", "Ṣāliḥ");
    machine readers (open data) are better served without it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    if bom:
        buffer.write("\ufeff")
    if header is not None:
        writer.writerow([_csv_cell(value) for value in header])
    for count, row in enumerate(rows, start=1):
        writer.writerow([_csv_cell(value) for value in row])
        if count % CSV_FLUSH_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def csv_bytes(
    header: Sequence[str] | None,
    rows: Iterable[Sequence[Any]],
    *,
    bom: bool = True,
    lineterminator: str = "\r\n",
) -> bytes:
    return b"".join(csv_chunks(header, rows, bom=bom, lineterminator=lineterminator))


def write_csv(
    out: Any,
    header: Sequence[str] | None,
    rows: Iterable[Sequence[Any]],
    *,
    bom: bool = False,
    lineterminator: str = "\r\n",
) -> None:
    """The same CSV written to a text stream (a command's stdout, an open file)."""
    for chunk in csv_chunks(header, rows, bom=bom, lineterminator=lineterminator):
        out.write(chunk.decode())


@dataclass
class Sheet:
    """One worksheet of an .xlsx export.

    `text_columns` are stored as text (a NIP, a code: never a number Excel could round),
    `date_columns` shown as yyyy-mm-dd; `int_format`/`float_format` format every number."""

    title: str
    header: Sequence[str] | None
    rows: Iterable[Sequence[Any]]
    text_columns: frozenset[int] = frozenset()
    date_columns: frozenset[int] = frozenset()
    widths: Mapping[int, float] = field(default_factory=dict)
    default_width: float | None = None
    freeze: str | None = "A2"
    int_format: str | None = None
    float_format: str | None = None


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx (openpyxl, write-only: rows stream to the file) of `sheets`, in order."""
    # openpyxl takes ~0.2 s to import: paid by the process that writes a workbook, not by
    # every worker at start.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        columns = len(spec.header) if spec.header is not None else max(spec.widths, default=-1) + 1
        for position in range(columns):
            width = spec.widths.get(position, spec.default_width)
            if width is not None:
                sheet.column_dimensions[get_column_letter(position + 1)].width = width
        if spec.header is not None:
            cells = []
            for title in spec.header:
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", neutralise(title)))
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)
            if spec.freeze:
                sheet.freeze_panes = spec.freeze
        for row in spec.rows:
            out: list[Any] = []
            for position, value in enumerate(row):
                cell = WriteOnlyCell(sheet)
                if value is None:
                    out.append(None)
                    continue
                if position in spec.text_columns:
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("", neutralise(str(value)))
                    cell.number_format = "@"
                elif isinstance(value, str):
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
                elif isinstance(value, dt.date) and position in spec.date_columns:
                    cell.value = value
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(value, bool):
                    cell.value = value
                elif isinstance(value, int) and spec.int_format:
                    cell.value = value
                    cell.number_format = spec.int_format
                elif isinstance(value, float) and spec.float_format:
                    cell.value = value
                    cell.number_format = spec.float_format
                else:
                    cell.value = value
                out.append(cell)
            sheet.append(out)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
