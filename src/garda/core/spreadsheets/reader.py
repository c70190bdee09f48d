"""Reading an import file: .xlsx (python-calamine, within `bounds`) or .csv (the csv module).

Rows come out numbered as a spreadsheet shows them (the header is usually row 1), blank rows
skipped but still counted, empty cells as None. An app describes its columns with a `Layout`
(`open_table`), or finds its header itself (`open_rows`, `find_header`, `Table`) when, like the
ASN import, the header row decides which format the file is.

Why calamine: the Rust reader turns the 60,000-row ASN sheet into rows several times faster
than openpyxl, and than the expat parser Garda used to keep for speed, and it is maintained by
others (docs/decisions/0008). What it does not do (bounds before parsing), `bounds` does.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from garda.core.spreadsheets.bounds import (
    DEFAULT_LIMITS,
    UNREADABLE,
    Deadline,
    Limits,
    check_xlsx,
    too_large_bytes,
    too_many_cells,
    too_many_rows,
)
from garda.core.spreadsheets.errors import ImportFileError, RowError

Source = str | Path | IO[bytes]
NumberedRows = Iterator[tuple[int, tuple[Any, ...]]]

MAX_HEADER_SEARCH = 10  # rows above the header (a title, a date) are skipped
_DEADLINE_EVERY = 1000  # rows between two looks at the clock
_EXACT_FLOAT = 2.0**53  # beyond this a float no longer holds every integer


def normalise_header(text: object) -> str:
    """`" Tanggal_Lahir "` -> `"tanggal lahir"`; a trailing `*` (marking required) is dropped."""
    if text is None:
        return ""
    return " ".join(str(text).replace("_", " ").split()).casefold().rstrip("*").strip()


def sniff_delimiter(line: str) -> str:
    """The delimiter of a CSV header line: `|` (newer SIASN), `;` (Excel, id locale) or `,`."""
    counts = {d: line.count(d) for d in ("|", ";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def file_kind(filename: str, source: Source) -> str:
    """ "xlsx" or "csv" from the name; a zip signature means xlsx whatever the name says."""
    suffix = Path(filename).suffix.casefold()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    if suffix == ".xls":
        raise ImportFileError(
            "Format .xls (Excel 97-2003) tidak didukung; simpan ulang sebagai .xlsx.",
            "The .xls format (Excel 97-2003) is not supported; save it again as .xlsx.",
        )
    if _peek(source).startswith(b"PK"):
        return "xlsx"
    raise ImportFileError(
        "Hanya berkas .xlsx dan .csv yang dapat diimpor.",
        "Only .xlsx and .csv files can be imported.",
    )


def _peek(source: Source) -> bytes:
    if isinstance(source, str | Path):
        with Path(source).open("rb") as handle:
            return handle.read(4)
    position = source.tell()
    head = source.read(4)
    source.seek(position)
    return head


@dataclass
class SheetRows:
    """The numbered rows of a file's sheet, and how many rows it says it has (for progress)."""

    numbered: NumberedRows
    total: int | None


@contextmanager
def open_rows(
    source: Source,
    filename: str,
    *,
    header_words: Sequence[str] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[SheetRows]:
    """Open `source` (a path or a binary file object) named `filename` within `limits`.

    `header_words`: words the header line contains, used to pick a CSV's delimiter from that
    line rather than from a title above it."""
    deadline = limits.deadline()
    if file_kind(filename, source) == "xlsx":
        with _xlsx_rows(source, limits, deadline) as rows:
            yield rows
    else:
        yield _csv_rows(source, header_words, limits, deadline)


# --- xlsx -------------------------------------------------------------------------------------


@contextmanager
def _opened(source: Source) -> Iterator[IO[bytes]]:
    if isinstance(source, str | Path):
        with Path(source).open("rb") as handle:
            yield handle
    else:
        source.seek(0)
        yield source


_ACTIVE_TAB = re.compile(rb"<(?:\w+:)?workbookView\s[^>]*?\bactiveTab=[\"'](\d+)")


def _active_tab(handle: IO[bytes]) -> int:
    """The sheet Excel opens on (openpyxl's `active`): the one a user last looked at."""
    try:
        with zipfile.ZipFile(handle) as archive:
            data = archive.read("xl/workbook.xml")  # its size was bounded by check_xlsx
    except KeyError:
        return 0
    match = _ACTIVE_TAB.search(data)
    return int(match.group(1)) if match else 0


@contextmanager
def _xlsx_rows(source: Source, limits: Limits, deadline: Deadline) -> Iterator[SheetRows]:
    import python_calamine  # loaded by the process that reads a workbook, not at start

    with _opened(source) as handle:
        check_xlsx(handle, limits, deadline)
        active = _active_tab(handle)
        handle.seek(0)
        try:
            workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
        except python_calamine.CalamineError as exc:
            raise ImportFileError(*UNREADABLE) from exc
        try:
            if not workbook.sheet_names:
                raise ImportFileError(
                    "Berkas .xlsx tidak berisi lembar kerja.", "The .xlsx has no sheet."
                )
            index = active if active < len(workbook.sheet_names) else 0
            try:
                sheet = workbook.get_sheet_by_index(index)
            except python_calamine.CalamineError as exc:
                raise ImportFileError(*UNREADABLE) from exc
            total = sheet.end[0] + 1 if sheet.end is not None else 0
            yield SheetRows(_calamine_rows(sheet.iter_rows(), deadline), total)
        finally:
            workbook.close()


def _calamine_rows(rows: Iterator[list[Any]], deadline: Deadline) -> NumberedRows:
    """calamine's rows as the importers expect them: None for an empty cell, whole numbers as
    int (an .xlsx stores every number as a float; openpyxl gave int for whole ones, and a code
    like 2024 must read "2024", not "2024.0"). calamine's rows start at the sheet's first row,
    so the position is the row number."""
    for number, values in enumerate(rows, start=1):
        if number % _DEADLINE_EVERY == 1:
            deadline.check()
        yield number, tuple(_plain(value) for value in values)


def _plain(value: Any) -> Any:
    if value == "" and isinstance(value, str):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_FLOAT:
        return int(value)
    return value


# --- csv --------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else the Windows code page older Excel
    uses when it saves CSV."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(
    source: Source, header_words: Sequence[str], limits: Limits, deadline: Deadline
) -> SheetRows:
    with _opened(source) as handle:
        data = handle.read(limits.max_csv_bytes + 1)
    if len(data) > limits.max_csv_bytes:
        raise too_large_bytes(limits.max_csv_bytes)
    text = decode(data)
    lines = text.splitlines()
    if len(lines) > limits.max_rows:
        raise too_many_rows(len(lines), limits.max_rows)
    words = [normalise_header(word) for word in header_words]
    header_line = next(
        (ln for ln in lines[:MAX_HEADER_SEARCH] if any(w in normalise_header(ln) for w in words)),
        lines[0] if lines else "",
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line))
    return SheetRows(_counted(reader, limits, deadline), len(lines))


def _counted(reader: Iterator[list[str]], limits: Limits, deadline: Deadline) -> NumberedRows:
    cells = 0
    for number, values in enumerate(reader, start=1):
        cells += len(values)
        if cells > limits.max_cells:
            raise too_many_cells(cells, limits.max_cells)
        if number % _DEADLINE_EVERY == 1:
            deadline.check()
        yield number, tuple(values)


# --- header and columns -----------------------------------------------------------------------


@dataclass
class Table:
    """An open file past its header: the columns found and the data rows."""

    columns: dict[str, str]  # key -> header as written in the file (named in row errors)
    missing: list[str]  # required headers that are absent, as the user should write them
    header_row: int
    estimated_rows: int | None
    index: dict[str, int]  # key -> column position
    numbered: NumberedRows

    def missing_error(self) -> RowError | None:
        """The header row's error when required columns are absent (the file is then refused)."""
        if not self.missing:
            return None
        return RowError(self.header_row, ", ".join(self.missing), "Kolom wajib tidak ada.",
                        "Required column missing.")  # fmt: skip

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Data rows as `(row_number, {key: raw value})`; blank rows are skipped."""
        pairs = list(self.index.items())
        for number, values in self.numbered:
            width = len(values)
            row = {key: values[i] if i < width else None for key, i in pairs}
            if any(v is not None and str(v).strip() != "" for v in row.values()):
                yield number, row


def find_header(
    numbered: NumberedRows, is_header: Callable[[tuple[Any, ...]], bool]
) -> tuple[int, tuple[Any, ...]] | None:
    """The first row among the first MAX_HEADER_SEARCH that `is_header`; the iterator is left
    at the row below it."""
    for seen, (number, values) in enumerate(numbered, start=1):
        if is_header(values):
            return number, values
        if seen >= MAX_HEADER_SEARCH:
            break
    return None


def header_index(values: Sequence[Any], table: Mapping[str, str]) -> dict[str, int]:
    """key -> position of the header row's cells that `table` (normalised header -> key)
    knows; the first of two equal columns wins."""
    index: dict[str, int] = {}
    for position, value in enumerate(values):
        key = table.get(normalise_header(value))
        if key is not None and key not in index:
            index[key] = position
    return index


def make_table(
    sheet: SheetRows,
    header_row: int,
    header: Sequence[Any],
    index: dict[str, int],
    missing: list[str],
) -> Table:
    columns = {key: str(header[i]).strip() for key, i in index.items()}
    estimated = None if sheet.total is None else max(0, sheet.total - header_row)
    return Table(columns, missing, header_row, estimated, index, sheet.numbered)


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of file: (key, header as the template writes it), which keys
    are required, further header spellings, and the key whose header marks the header row."""

    columns: Sequence[tuple[str, str]]
    required: frozenset[str]
    aliases: Mapping[str, str]
    marker: str

    def header_table(self) -> dict[str, str]:
        table = {normalise_header(header): key for key, header in self.columns}
        table.update({normalise_header(alias): key for alias, key in self.aliases.items()})
        return table

    def label(self, key: str) -> str:
        return dict(self.columns).get(key, key)

    def marker_words(self) -> list[str]:
        return [name for name, key in self.header_table().items() if key == self.marker]


@contextmanager
def open_table(
    source: Source, filename: str, layout: Layout, *, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Table]:
    """Open a file whose header row is the one holding `layout.marker`'s column."""
    table = layout.header_table()
    with open_rows(source, filename, header_words=layout.marker_words(), limits=limits) as sheet:
        found = find_header(
            sheet.numbered,
            lambda values: any(table.get(normalise_header(v)) == layout.marker for v in values),
        )
        if found is None:
            marker = layout.label(layout.marker)
            raise ImportFileError(
                f"Baris judul kolom tidak ditemukan: salah satu kolom harus bernama {marker!r}.",
                f"No header row found: one column must be named {marker!r}.",
            )
        number, header = found
        index = header_index(header, table)
        missing = [
            layout.label(key)
            for key, _header in layout.columns
            if key in layout.required and key not in index
        ]
        yield make_table(sheet, number, header, index, missing)
