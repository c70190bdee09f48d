"""Reading a budget or realisasi file (.xlsx or .csv), the way the ASN importer reads its own.

The file-level pieces of `garda.people.imports.reader` are reused as they are (which kind of
file, CSV delimiter, header normalisation, the file-level error); the header search is this
module's own because budget files are found by "Kode Sub Kegiatan", not by "NIP".
Rows come out as `(row_number, {key: raw value})`, numbered as a spreadsheet shows them,
blank rows skipped but counted.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from garda.people.imports.reader import (
    MAX_HEADER_SEARCH,
    ImportFileError,
    file_kind,
    normalise_header,
    sniff_delimiter,
)

Source = str | Path | IO[bytes]


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


@dataclass
class TableFile:
    columns: dict[str, str]  # key -> header as written in the file (named in row errors)
    missing: list[str]  # required headers that are absent, as the template writes them
    header_row: int
    _index: dict[str, int]
    _rows: Iterator[tuple[int, tuple[Any, ...]]]

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        pairs = list(self._index.items())
        for number, values in self._rows:
            width = len(values)
            row = {key: values[i] if i < width else None for key, i in pairs}
            if any(v is not None and str(v).strip() != "" for v in row.values()):
                yield number, row


def _find_header(rows: Iterator[tuple[Any, ...]], layout: Layout) -> TableFile:
    table = layout.header_table()
    for number, values in enumerate(rows, start=1):
        keys = [table.get(normalise_header(v)) for v in values]
        if layout.marker in keys:
            index: dict[str, int] = {}
            for position, key in enumerate(keys):
                if key is not None and key not in index:
                    index[key] = position
            columns = {key: str(values[i]).strip() for key, i in index.items()}
            missing = [
                layout.label(key)
                for key, _header in layout.columns
                if key in layout.required and key not in index
            ]
            header_row = number
            numbered = ((n, v) for n, v in enumerate(rows, start=header_row + 1))
            return TableFile(columns, missing, header_row, index, numbered)
        if number >= MAX_HEADER_SEARCH:
            break
    marker = layout.label(layout.marker)
    raise ImportFileError(
        f"Baris judul kolom tidak ditemukan: salah satu kolom harus bernama {marker!r}.",
        f"No header row found: one column must be named {marker!r}.",
    )


def _xlsx(source: Source) -> tuple[Any, Iterator[tuple[Any, ...]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            "Berkas .xlsx tidak dapat dibaca (rusak atau bukan berkas Excel).",
            "The .xlsx file cannot be read (damaged or not an Excel file).",
        ) from exc
    sheet = workbook.active
    if sheet is None:
        workbook.close()
        raise ImportFileError("Berkas .xlsx tidak berisi lembar kerja.", "The .xlsx has no sheet.")
    return workbook, sheet.iter_rows(values_only=True)


def _csv(source: Source) -> Iterator[tuple[Any, ...]]:
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older Excel on Windows
    lines = text.splitlines()
    header_line = next(
        (ln for ln in lines[:MAX_HEADER_SEARCH] if "kode" in ln.casefold()),
        lines[0] if lines else "",
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line))
    return (tuple(row) for row in reader)


@contextmanager
def open_table(source: Source, filename: str, layout: Layout) -> Iterator[TableFile]:
    """Open `source` (a path or a binary file object) named `filename`."""
    if file_kind(filename, source) == "xlsx":
        workbook, rows = _xlsx(source)
        try:
            yield _find_header(rows, layout)
        finally:
            workbook.close()
    else:
        yield _find_header(_csv(source), layout)
