"""The bounds of reading a spreadsheet, checked before the real parser sees the file.

An .xlsx is a zip of XML. A 1 MB upload once drove a worker to 2.2 GB, and a 2 kB one with a
cell at A1 and one at XFD1048576 makes calamine allocate a dense 17-billion-cell range and
abort the whole process (Rust aborts on allocation failure; Python cannot catch it). So, before
calamine opens the file:

- every member is inflated here, with zlib, counting the bytes it really yields (the sizes in
  the zip directory are written by whoever made the file and may lie) and stopping as soon as
  the total passes `max_decompressed_bytes`;
- while the worksheets stream past, the row numbers and column letters of their cells are
  collected, so the dense range calamine will build (rows x columns) is known; it must stay
  within `max_rows` and `max_cells`;
- the whole check, and later the reading of rows, stops at `max_seconds`.

Each refusal is a `SpreadsheetTooLarge` naming the bound, in Indonesian and English.
"""

from __future__ import annotations

import re
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from garda.core.spreadsheets.errors import ImportFileError, SpreadsheetTooLarge

CHUNK = 1 << 20  # compressed bytes read at a time
INFLATE = 4 << 20  # at most this much output per inflate step, so a bomb is stopped early


@dataclass(frozen=True)
class Limits:
    """What one import may cost. The defaults carry a province (60,000 ASN x 19 columns =
    1.1 M cells, 40 MB of XML) with room, and keep a worker under ~300 MB."""

    max_decompressed_bytes: int = 160 * 1024 * 1024
    max_rows: int = 200_000
    max_cells: int = 3_000_000
    max_seconds: float = 300.0
    max_csv_bytes: int = 64 * 1024 * 1024

    def deadline(self) -> Deadline:
        return Deadline(self)


DEFAULT_LIMITS = Limits()


class Deadline:
    """The time bound of one read, shared by the pre-check and the row iteration."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.ends = time.monotonic() + limits.max_seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            seconds = self.limits.max_seconds
            raise SpreadsheetTooLarge(
                f"Pembacaan berkas melebihi batas waktu {seconds:g} detik; bagi berkas menjadi "
                "beberapa bagian.",
                f"Reading the file took longer than the {seconds:g} s limit; split the file.",
            )


def too_large_bytes(limit: int) -> SpreadsheetTooLarge:
    megabytes = limit / 2**20
    return SpreadsheetTooLarge(
        f"Isi berkas terlalu besar setelah dibuka (lebih dari {megabytes:g} MB); bagi berkas "
        "menjadi beberapa bagian.",
        f"The file's content is too large once unpacked (over {megabytes:g} MB); split the file.",
    )


def _id(number: int) -> str:
    """12.345 as Indonesian writes it."""
    return f"{number:,}".replace(",", ".")


def too_many_rows(rows: int, limit: int) -> SpreadsheetTooLarge:
    return SpreadsheetTooLarge(
        f"Lembar kerja berisi {_id(rows)} baris, melebihi batas {_id(limit)} baris; bagi "
        "berkas menjadi beberapa bagian.",
        f"The sheet has {rows:,} rows, over the limit of {limit:,}; split the file.",
    )


def too_many_cells(cells: int, limit: int) -> SpreadsheetTooLarge:
    return SpreadsheetTooLarge(
        f"Lembar kerja mencakup {_id(cells)} sel, melebihi batas {_id(limit)} sel (periksa "
        "sel terisi yang jauh di kanan atau di bawah data).",
        f"The sheet spans {cells:,} cells, over the limit of {limit:,} (look for a filled "
        "cell far to the right of or below the data).",
    )


UNREADABLE = (
    "Berkas .xlsx tidak dapat dibaca (rusak atau bukan berkas Excel).",
    "The .xlsx file cannot be read (damaged or not an Excel file).",
)

# Row numbers and cell references in worksheet XML, with or without a namespace prefix.
_ROW_REF = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=[\"'](\d+)")
_CELL_COLUMN = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=[\"']([A-Z]+)\d")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass
class SheetShape:
    """Upper bounds of the dense range calamine builds for one worksheet."""

    rows: int = 0
    columns: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns


class _ShapeScan:
    """Collects a worksheet's extent from its XML as it streams past, chunk by chunk."""

    def __init__(self) -> None:
        self.max_row = 0
        self.row_tags = 0
        self.column_letters: set[bytes] = set()
        self.cell_tags = 0
        self.cell_refs = 0
        self.carry = b""

    def feed(self, data: bytes, *, final: bool = False) -> None:
        data = self.carry + data
        cut = len(data) if final else data.rfind(b"<")
        if cut <= 0:
            self.carry = data
            return
        part, self.carry = data[:cut], data[cut:]
        rows = _ROW_REF.findall(part)
        if rows:
            self.max_row = max(self.max_row, *map(int, rows))
        self.row_tags += part.count(b"<row") + part.count(b":row")
        columns = _CELL_COLUMN.findall(part)
        self.cell_refs += len(columns)
        self.column_letters.update(columns)
        self.cell_tags += sum(part.count(tag) for tag in (b"<c ", b"<c>", b":c ", b":c>"))

    def shape(self) -> SheetShape:
        columns = max((_column_number(c) for c in self.column_letters), default=0)
        # Cells without a reference sit after the previous one: count each as a further column.
        columns += max(0, self.cell_tags - self.cell_refs)
        return SheetShape(rows=max(self.max_row, self.row_tags), columns=columns)


def check_xlsx(handle: IO[bytes], limits: Limits, deadline: Deadline) -> list[SheetShape]:
    """Inflate every member of the zip in `handle` within the bounds; the worksheets' shapes.

    Raises SpreadsheetTooLarge past a bound, ImportFileError when it is not a readable zip."""
    try:
        archive = zipfile.ZipFile(handle)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(*UNREADABLE) from exc
    # The directory's own sizes first: an honest bomb is refused without inflating anything.
    if sum(info.file_size for info in infos) > limits.max_decompressed_bytes:
        raise too_large_bytes(limits.max_decompressed_bytes)
    shapes: list[SheetShape] = []
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        scan = _ShapeScan() if info.filename.startswith("xl/worksheets/") else None
        budget = limits.max_decompressed_bytes - total
        for piece in _inflated(handle, info, budget, deadline):
            total += len(piece)
            if scan is not None:
                scan.feed(piece)
        if scan is not None:
            scan.feed(b"", final=True)
            shape = scan.shape()
            if shape.rows > limits.max_rows:
                raise too_many_rows(shape.rows, limits.max_rows)
            if shape.cells > limits.max_cells:
                raise too_many_cells(shape.cells, limits.max_cells)
            shapes.append(shape)
    return shapes


def _inflated(
    handle: IO[bytes], info: zipfile.ZipInfo, budget: int, deadline: Deadline
) -> Iterator[bytes]:
    """The inflated bytes of one member, read from its local header on; never more than
    `budget` bytes whatever the directory claims, and the stream must really end."""
    if info.flag_bits & 0x1:
        raise ImportFileError(
            "Berkas .xlsx terenkripsi; simpan ulang tanpa kata sandi.",
            "The .xlsx file is encrypted; save it again without a password.",
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ImportFileError(*UNREADABLE)  # Excel and LibreOffice write only these two
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise ImportFileError(*UNREADABLE)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    produced = 0
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            piece = handle.read(min(CHUNK, left))
            if not piece:
                raise ImportFileError(*UNREADABLE)
            left -= len(piece)
            produced += len(piece)
            if produced > budget:
                raise too_large_bytes(deadline.limits.max_decompressed_bytes)
            deadline.check()
            yield piece
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    pending = b""
    while not inflater.eof:
        if not pending and left > 0:
            pending = handle.read(min(CHUNK, left))
            if not pending:
                raise ImportFileError(*UNREADABLE)
            left -= len(pending)
        try:
            piece = inflater.decompress(pending, INFLATE)
        except zlib.error as exc:
            raise ImportFileError(*UNREADABLE) from exc
        pending = inflater.unconsumed_tail
        if not piece and not pending and left <= 0 and not inflater.eof:
            raise ImportFileError(*UNREADABLE)  # the stream stops before its end: truncated
        produced += len(piece)
        if produced > budget:
            raise too_large_bytes(deadline.limits.max_decompressed_bytes)
        deadline.check()
        if piece:
            yield piece
