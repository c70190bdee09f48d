"""Reading an import file: .xlsx (openpyxl, read-only) or .csv (comma, semicolon or pipe).

The header row is matched ignoring case, spaces and underscores. A file whose headers include
`NIP BARU` is a SIASN "data utama" export and its columns are mapped to Garda's; any other
file must carry Garda's template headers. Columns neither format knows are ignored.

Rows come out as `(row_number, {key: raw value})`, numbered as a spreadsheet shows them (the
header is usually row 1), with blank rows skipped but still counted.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from garda.core.errors import ValidationFailed

GARDA = "garda"
SIASN = "siasn"

# Garda's template: (key, header as written in the template and in exports), in file order.
TEMPLATE_COLUMNS: list[tuple[str, str]] = [
    ("nip", "NIP"),
    ("name", "Nama"),
    ("gelar_depan", "Gelar Depan"),
    ("gelar_belakang", "Gelar Belakang"),
    ("birth_place", "Tempat Lahir"),
    ("birth_date", "Tanggal Lahir"),
    ("gender", "Jenis Kelamin"),
    ("kind", "Status Kepegawaian"),
    ("golongan", "Golongan"),
    ("tmt_golongan", "TMT Golongan"),
    ("jabatan_name", "Jabatan"),
    ("jabatan_kind", "Jenis Jabatan"),
    ("unit", "Unit Kerja"),
    ("education_level", "Pendidikan Terakhir"),
    ("email", "Email"),
    ("phone", "Telepon"),
    # Optional: when absent from a file, these fields are left as they are.
    ("status", "Kedudukan Hukum"),
    ("education_major", "Jurusan"),
    ("education_institution", "Institusi Pendidikan"),
]

# Further headers a Garda-format file may use for the same keys.
_GARDA_ALIASES: dict[str, str] = {
    "nip / ni pppk": "nip",
    "ni pppk": "nip",
    "jenis pegawai": "kind",
    "status": "status",
    "nik": "nik",
    "no hp": "phone",
    "nomor hp": "phone",
}

# SIASN "data utama" headers (../shared/domain/asn.md) -> Garda keys. Others are ignored.
_SIASN_HEADERS: dict[str, str] = {
    "nip baru": "nip",
    "nama": "name",
    "gelar depan": "gelar_depan",
    "gelar belakang": "gelar_belakang",
    "tempat lahir nama": "birth_place",
    "tempat lahir": "birth_place",
    "tanggal lahir": "birth_date",
    "jenis kelamin": "gender",
    "jenis pegawai nama": "kind",
    "status cpns pns": "kind_cpns",
    "kedudukan hukum nama": "status",
    "gol akhir nama": "golongan",
    "tmt golongan": "tmt_golongan",
    "jabatan nama": "jabatan_name",
    "jenis jabatan nama": "jabatan_kind",
    "tingkat pendidikan nama": "education_level",
    "pendidikan nama": "education_major",
    "nama sekolah": "education_institution",
    "unor id": "unit_code",
    "unor nama": "unit",
    "instansi kerja nama": "instansi",
    "nik": "nik",
    "nomor hp": "phone",
    "email": "email",
    "email gov": "email_gov",
}

# Keys a file must have (one of each group), by format.
REQUIRED: dict[str, list[tuple[str, ...]]] = {
    GARDA: [("nip",), ("name",), ("birth_date",), ("gender",), ("kind",), ("unit",)],
    SIASN: [
        ("nip",),
        ("name",),
        ("birth_date",),
        ("gender",),
        ("kind", "kind_cpns"),
        ("unit", "unit_code"),
    ],
}
# How a missing key is named to the user.
_KEY_LABELS: dict[str, dict[str, str]] = {
    GARDA: dict(TEMPLATE_COLUMNS),
    SIASN: {
        "nip": "NIP BARU",
        "name": "NAMA",
        "birth_date": "TANGGAL LAHIR",
        "gender": "JENIS KELAMIN",
        "kind": "JENIS PEGAWAI NAMA",
        "unit": "UNOR NAMA",
    },
}

MAX_HEADER_SEARCH = 10  # rows above the header (a title, a date) are skipped


class ImportFileError(ValidationFailed):
    """The file as a whole cannot be read (not rows within it)."""

    code = "import_file"


def normalise_header(text: object) -> str:
    """`" Tanggal_Lahir "` -> `"tanggal lahir"`; a trailing `*` (marking required) is dropped."""
    if text is None:
        return ""
    return " ".join(str(text).replace("_", " ").split()).casefold().rstrip("*").strip()


def _header_map(headers: list[str]) -> tuple[str, dict[str, int]]:
    """(format, key -> column index) for a header row; the first of two equal columns wins."""
    normalised = [normalise_header(h) for h in headers]
    fmt = SIASN if "nip baru" in normalised else GARDA
    table = _SIASN_HEADERS if fmt == SIASN else _garda_headers()
    index: dict[str, int] = {}
    for position, name in enumerate(normalised):
        key = table.get(name)
        if key is not None and key not in index:
            index[key] = position
    return fmt, index


def _garda_headers() -> dict[str, str]:
    table = {normalise_header(header): key for key, header in TEMPLATE_COLUMNS}
    table.update(_GARDA_ALIASES)
    return table


@dataclass
class ImportFile:
    """An open import file: its format, the columns found, and its data rows."""

    format: str
    columns: dict[str, str]  # key -> header as written in the file (named in row errors)
    missing: list[str]  # required headers that are absent, as the user should write them
    header_row: int
    estimated_rows: int | None
    _index: dict[str, int]
    _rows: Iterator[tuple[int, tuple[Any, ...]]]

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Data rows as `(row_number, {key: raw value})`; blank rows are skipped."""
        pairs = list(self._index.items())
        for number, values in self._rows:
            width = len(values)
            row = {key: values[i] if i < width else None for key, i in pairs}
            if any(v is not None and v != "" for v in row.values()):
                yield number, row


def _is_header(values: tuple[Any, ...]) -> bool:
    return any(
        normalise_header(v) in {"nip", "nip baru", "nip / ni pppk", "ni pppk"} for v in values
    )


NumberedRows = Iterator[tuple[int, tuple[Any, ...]]]


def _open(rows: NumberedRows, estimated_total: int | None) -> ImportFile:
    """Find the header row among the first rows, then wrap the rest."""
    header: tuple[Any, ...] | None = None
    header_row = 0
    for seen, (number, values) in enumerate(rows, start=1):
        if _is_header(values):
            header, header_row = values, number
            break
        if seen >= MAX_HEADER_SEARCH:
            break
    if header is None:
        raise ImportFileError(
            "Baris judul kolom tidak ditemukan: salah satu kolom harus bernama NIP "
            "(atau NIP BARU untuk ekspor SIASN). Unduh templat untuk contohnya.",
            "No header row found: one column must be named NIP (or NIP BARU for a SIASN "
            "export). Download the template for an example.",
        )
    fmt, index = _header_map(["" if h is None else str(h) for h in header])
    labels = _KEY_LABELS[fmt]
    columns = {key: str(header[i]).strip() for key, i in index.items()}
    missing = [
        labels.get(group[0], group[0])
        for group in REQUIRED[fmt]
        if not any(key in index for key in group)
    ]
    estimated = None if estimated_total is None else max(0, estimated_total - header_row)
    return ImportFile(fmt, columns, missing, header_row, estimated, index, rows)


_UNREADABLE = (
    "Berkas .xlsx tidak dapat dibaca (rusak atau bukan berkas Excel).",
    "The .xlsx file cannot be read (damaged or not an Excel file).",
)


def _openpyxl_rows(source: str | Path | IO[bytes]) -> tuple[Any, NumberedRows, int | None]:
    """The reference reader (used when the fast one does not recognise the workbook)."""
    import openpyxl

    if not isinstance(source, str | Path):
        source.seek(0)
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(*_UNREADABLE) from exc
    sheet = workbook.active
    if sheet is None:
        workbook.close()
        raise ImportFileError("Berkas .xlsx tidak berisi lembar kerja.", "The .xlsx has no sheet.")
    total = sheet.max_row if isinstance(sheet.max_row, int) else None
    return workbook, enumerate(sheet.iter_rows(values_only=True), start=1), total


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Excel on Windows saves CSV in the ANSI code page.
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(line: str) -> str:
    """The delimiter of a CSV header line: `|` (newer SIASN), `;` (Excel, id locale) or `,`."""
    counts = {d: line.count(d) for d in ("|", ";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(source: str | Path | IO[bytes]) -> tuple[NumberedRows, int]:
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    text = _decode(data)
    lines = text.splitlines()
    header_line = next(
        (ln for ln in lines[:MAX_HEADER_SEARCH] if "nip" in ln.casefold()),
        lines[0] if lines else "",
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line))
    return enumerate((tuple(row) for row in reader), start=1), len(lines)


def file_kind(filename: str, source: str | Path | IO[bytes]) -> str:
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
    head = _peek(source)
    if head.startswith(b"PK"):
        return "xlsx"
    raise ImportFileError(
        "Hanya berkas .xlsx dan .csv yang dapat diimpor.",
        "Only .xlsx and .csv files can be imported.",
    )


def _peek(source: str | Path | IO[bytes]) -> bytes:
    if isinstance(source, str | Path):
        with Path(source).open("rb") as handle:
            return handle.read(4)
    position = source.tell()
    head = source.read(4)
    source.seek(position)
    return head


@contextmanager
def open_import_file(source: str | Path | IO[bytes], filename: str) -> Iterator[ImportFile]:
    """Open `source` (a path or a binary file object) named `filename`."""
    if file_kind(filename, source) == "xlsx":
        fast = read_xlsx_fast(source)
        if fast is not None:
            with fast:
                yield _open(fast.rows(), fast.dimension_rows)
            return
        workbook, rows, total = _openpyxl_rows(source)
        try:
            yield _open(rows, total)
        finally:
            workbook.close()
    else:
        csv_rows, line_count = _csv_rows(source)
        yield _open(csv_rows, line_count)


# --- A fast reader of the sheet XML ------------------------------------------------------------
#
# openpyxl (read-only) turns every cell into objects before giving its value: on the 2-core
# server this was ~15 s of a 60,000-row import. The sheet's XML is read here with expat (the C
# parser behind ElementTree) and converted exactly as openpyxl converts it (same number, date,
# shared/inline string and boolean rules, reusing openpyxl's date helpers). Anything it does not
# recognise in the workbook's structure makes `read_xlsx_fast` return None, and openpyxl reads
# the file instead; tests compare both readers cell by cell.

_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "http://purl.oclc.org/ooxml/spreadsheetml/main")  # fmt: skip
_REL_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
           "http://purl.oclc.org/ooxml/officeDocument/relationships")  # fmt: skip
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SHEET_TAGS = {f"{ns}}}{tag}": tag for ns in _NS for tag in ("row", "c", "v", "t", "is", "rPh")}


def _column_index(letters: str) -> int:
    """`C` -> 2, `AB` -> 27 (0-based)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


class FastXlsx:
    """The active sheet of an .xlsx as numbered rows of values (see the note above)."""

    CHUNK = 1 << 16

    def __init__(
        self,
        archive: zipfile.ZipFile,
        sheet_path: str,
        strings: list[str],
        date_styles: set[int],
        timedelta_styles: set[int],
        epoch: Any,
    ) -> None:
        self.archive = archive
        self.sheet_path = sheet_path
        self.strings = strings
        self.date_styles = date_styles
        self.timedelta_styles = timedelta_styles
        self.epoch = epoch
        self.dimension_rows = self._dimension()

    def __enter__(self) -> FastXlsx:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def _dimension(self) -> int | None:
        with self.archive.open(self.sheet_path) as handle:
            head = handle.read(4096).decode("utf-8", errors="ignore")
        match = re.search(r"<(?:\w+:)?dimension\s+ref=[\"'][A-Z]+\d+:[A-Z]+(\d+)[\"']", head)
        return int(match.group(1)) if match else None

    def rows(self) -> NumberedRows:
        from xml.parsers import expat

        from openpyxl.utils.datetime import from_excel, from_ISO8601

        strings, dates, deltas, epoch = (
            self.strings, self.date_styles, self.timedelta_styles, self.epoch
        )  # fmt: skip
        tags = _SHEET_TAGS
        columns: dict[str, int] = {}  # "AB" -> 27, cached
        done: list[tuple[int, tuple[Any, ...]]] = []
        cells: dict[int, Any] = {}
        parts: list[str] = []
        row_number = 0
        column = -1
        kind = "n"
        style = 0
        collecting = False  # inside a <v> or a (non-phonetic) <t>
        has_text = False
        phonetic = False

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal row_number, column, kind, style, collecting, has_text, phonetic
            tag = tags.get(name)
            if tag == "c":
                ref = attrs.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = _column_index(letters)
                    column = index
                else:
                    column += 1
                kind = attrs.get("t", "n")
                raw_style = attrs.get("s")
                style = int(raw_style) if raw_style else 0
                has_text = False
                parts.clear()
            elif tag == "v" or (tag == "t" and not phonetic):
                collecting = has_text = True
            elif tag == "row":
                ref = attrs.get("r")
                row_number = int(ref) if ref else row_number + 1
                column = -1
                cells.clear()
            elif tag == "rPh":
                phonetic = True

        def end(name: str) -> None:
            nonlocal collecting, phonetic
            tag = tags.get(name)
            if tag == "c":
                cells[column] = convert() if has_text else None
            elif tag == "v" or tag == "t":
                collecting = False
            elif tag == "row":
                if cells:
                    done.append((row_number, tuple(cells.get(i) for i in range(max(cells) + 1))))
            elif tag == "rPh":
                phonetic = False

        def text(data: str) -> None:
            if collecting:
                parts.append(data)

        def convert() -> Any:
            value = parts[0] if len(parts) == 1 else "".join(parts)
            if kind == "s":
                return strings[int(value)] if value else None
            if kind == "inlineStr":
                return value
            if not value:
                return None
            if kind == "n":
                number: int | float = (
                    float(value) if "." in value or "E" in value or "e" in value else int(value)
                )
                if style in dates:
                    try:
                        return from_excel(number, epoch, timedelta=style in deltas)
                    except (OverflowError, ValueError):
                        return "#VALUE!"
                return number
            if kind == "b":
                return bool(int(value))
            if kind == "d":
                return from_ISO8601(value)
            return value  # "str" (a formula's text), "e" (an error such as #N/A), unknown

        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        try:
            with self.archive.open(self.sheet_path) as handle:
                while chunk := handle.read(self.CHUNK):
                    parser.Parse(chunk, False)
                    yield from done
                    done.clear()
                parser.Parse(b"", True)
                yield from done
        except (expat.ExpatError, ValueError, IndexError, zipfile.BadZipFile) as exc:
            raise ImportFileError(*_UNREADABLE) from exc


def _xml(archive: zipfile.ZipFile, path: str) -> Any:
    from xml.etree import ElementTree

    return ElementTree.fromstring(archive.read(path))  # noqa: S314  # an xlsx from a signed-in admin; expat refuses external entities


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """id -> (type suffix, target path) of a part's relationships."""
    folder, _, name = part.rpartition("/")
    rels_path = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    found: dict[str, tuple[str, str]] = {}
    for rel in _xml(archive, rels_path).iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}".lstrip("/")
        found[rel.get("Id", "")] = (rel.get("Type", "").rpartition("/")[2], _normpath(path))
    return found


def _normpath(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in {"", "."}:
            parts.append(piece)
    return "/".join(parts)


def _text_of(node: Any) -> str:
    """A shared or inline string: its <t>, or its runs' <t>, without phonetic hints."""
    pieces: list[str] = []
    for child in node:
        local = _local(child.tag)
        if local == "t":
            pieces.append(child.text or "")
        elif local == "r":
            pieces.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(pieces)


def read_xlsx_fast(source: str | Path | IO[bytes]) -> FastXlsx | None:
    """The fast reader for `source`, or None when openpyxl should read it instead."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(*_UNREADABLE) from exc
    try:
        package = _relations(archive, "")
        workbook_path = next(t for kind, t in package.values() if kind == "officeDocument")
        workbook = _xml(archive, workbook_path)
        if _local(workbook.tag) != "workbook" or workbook.tag[1:].partition("}")[0] not in _NS:
            raise LookupError("not a spreadsheetml workbook")
        relations = _relations(archive, workbook_path)
        sheets = [s for s in workbook.iter() if _local(s.tag) == "sheet"]
        view = next((v for v in workbook.iter() if _local(v.tag) == "workbookView"), None)
        active = int(view.get("activeTab", "0")) if view is not None else 0
        sheet = sheets[active if active < len(sheets) else 0]
        rel_id = next(v for k, v in sheet.attrib.items() if k.partition("}")[0][1:] in _REL_NS)
        kind, sheet_path = relations[rel_id]
        if kind != "worksheet":
            raise LookupError("the active sheet is not a worksheet")
        properties = next((p for p in workbook.iter() if _local(p.tag) == "workbookPr"), None)
        date1904 = properties is not None and properties.get("date1904") in {"1", "true"}
        strings: list[str] = []
        styles: set[int] = set()
        deltas: set[int] = set()
        for kind, path in relations.values():
            if kind == "sharedStrings":
                strings = [_text_of(si) for si in _xml(archive, path)]
            elif kind == "styles":
                styles, deltas = _date_styles(
                    _xml(archive, path), BUILTIN_FORMATS, is_date_format, is_timedelta_format
                )
        return FastXlsx(
            archive,
            sheet_path,
            strings,
            styles,
            deltas,
            CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900,
        )
    except (KeyError, LookupError, StopIteration, ValueError, IndexError, SyntaxError):
        # SyntaxError: ElementTree's ParseError. The reference reader decides what it is.
        archive.close()
        return None


def _date_styles(
    stylesheet: Any,
    builtin: dict[int, str],
    is_date: Callable[[str], bool],
    is_timedelta: Callable[[str], bool],
) -> tuple[set[int], set[int]]:
    """Indexes of the cell formats (`s` attribute) whose number format shows a date."""
    custom: dict[int, str] = {}
    dates: set[int] = set()
    deltas: set[int] = set()
    for node in stylesheet:
        local = _local(node.tag)
        if local == "numFmts":
            for fmt in node:
                custom[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
        elif local == "cellXfs":
            for index, xf in enumerate(node):
                number_format_id = int(xf.get("numFmtId", "0"))
                code = custom.get(number_format_id) or builtin.get(number_format_id, "General")
                if is_date(code):
                    dates.add(index)
                    if is_timedelta(code):
                        deltas.add(index)
    return dates, deltas
