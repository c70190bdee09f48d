"""The spreadsheet kit with real files made here: .xlsx written by openpyxl (and rewritten at
the zip level where a test needs a hostile file), CSV written as Excel writes it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from garda.core.spreadsheets.bounds import Limits
from garda.core.spreadsheets.cells import ExcelNumberError, cell_text, identity_digits
from garda.core.spreadsheets.errors import ImportFileError, RowError, SpreadsheetTooLarge
from garda.core.spreadsheets.export import Sheet, csv_bytes, neutralise, xlsx_bytes
from garda.core.spreadsheets.reader import Layout, open_rows, open_table
from garda.core.spreadsheets.report import ImportReport, Wording

LAYOUT = Layout(
    columns=[("nip", "NIP"), ("name", "Nama"), ("born", "Tanggal Lahir"), ("jp", "JP")],
    required=frozenset({"nip", "name"}),
    aliases={"nip baru": "nip"},
    marker="nip",
)
NIP = "199001012015031001"


def _workbook(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _rows(path: Path, limits: Limits | None = None) -> list[tuple[int, dict[str, Any]]]:
    with open_table(path, path.name, LAYOUT, limits=limits or Limits()) as table:
        return list(table.rows())


def test_xlsx_rows_keep_the_numbers_a_spreadsheet_shows(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "jp.xlsx",
        [
            ["Rekap JP 2025"],  # a title above the header
            [],
            ["NIP", "Nama", "Tanggal Lahir", "JP", "Kolom lain"],
            [NIP, "Siti", dt.date(1990, 1, 1), 32, "x"],
            [],  # blank: skipped, still counted
            [NIP[:-1] + "2", "Budi", dt.datetime(1991, 2, 3), 2.5, None],  # noqa: DTZ001  # Excel has no zones
        ],
    )
    rows = _rows(path)
    assert [number for number, _row in rows] == [4, 6]
    first, second = rows[0][1], rows[1][1]
    assert first == {"nip": NIP, "name": "Siti", "born": dt.date(1990, 1, 1), "jp": 32}
    assert isinstance(first["jp"], int)  # a whole number reads "32", not "32.0"
    assert second["jp"] == 2.5
    assert cell_text(second["born"]) == "1991-02-03"


def test_header_comes_from_the_layout_and_a_missing_one_is_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "a.xlsx", [["NIP BARU", "JP"], [NIP, 4]])
    with open_table(path, "a.xlsx", LAYOUT) as table:
        assert table.columns == {"nip": "NIP BARU", "jp": "JP"}
        assert table.missing == ["Nama"]
        assert table.header_row == 1
    no_header = _workbook(tmp_path / "b.xlsx", [["Nama"], ["Siti"]])
    with pytest.raises(ImportFileError, match="harus bernama 'NIP'"):
        _rows(no_header)


def test_a_nip_excel_stored_as_a_number_is_refused_with_the_number_shown(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "n.xlsx", [["NIP", "Nama"], [float(NIP), "Siti"], [NIP, "Budi"]])
    (_n1, as_number), (_n2, as_text) = _rows(path)
    with pytest.raises(ExcelNumberError) as refused:
        identity_digits(as_number["nip"], "NIP")
    assert refused.value.number_cell
    assert refused.value.message_id == (
        "NIP terbaca sebagai angka (1.99001E+17); digitnya sudah hilang. Simpan kolom NIP "
        "sebagai Teks di Excel lalu ketik ulang."
    )
    assert identity_digits(as_text["nip"], "NIP") == NIP
    with pytest.raises(ExcelNumberError) as from_csv:
        identity_digits("1.99E+17", "NIP")
    assert not from_csv.value.number_cell
    assert "(1.99E+17)" in from_csv.value.message_en


def test_csv_with_bom_semicolons_and_a_title_line(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = "Rekap JP;;\r\nNIP;Nama;JP\r\n'" + "=1+1;Siti;4\r\n" + f"{NIP};Nurul 'Aini;2,5\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    rows = _rows(path)
    assert [number for number, _row in rows] == [3, 4]
    assert cell_text(rows[0][1]["nip"]) == "=1+1"  # an export's apostrophe comes off again
    assert rows[1][1] == {"nip": NIP, "name": "Nurul 'Aini", "jp": "2,5"}
    cp1252 = tmp_path / "old.csv"
    cp1252.write_bytes("NIP,Nama\r\n1,Andr\xe9\r\n".encode("cp1252"))
    assert _rows(cp1252)[0][1]["name"] == "André"


def test_calamine_reads_what_openpyxl_reads(tmp_path: Path) -> None:
    """Same values as the reference reader, cell by cell (dates compared as dates)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIP", "Nama", "Angka", "Pecahan", "Ya", "Tanggal", "Waktu"])
    moment = dt.datetime(2024, 2, 29, 13, 45, 30)  # noqa: DTZ001  # Excel has no time zones
    sheet.append([NIP, "  spasi & <tanda>  ", 42, 3.5, True, dt.date(1990, 1, 1), moment])
    sheet.append(["x", "Ṣāliḥ\nbaris dua", -7, 1e-7, False, dt.date(1899, 12, 31)])
    sheet["Z3"] = "jauh di kanan"
    sheet["A7"] = "setelah baris kosong"
    path = tmp_path / "all.xlsx"
    book.save(path)

    def plain(value: Any) -> Any:
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date()
        return value

    reference = load_workbook(path, read_only=True, data_only=True)
    active = reference.active
    assert active is not None
    expected = {
        number: [plain(v) for v in values]
        for number, values in enumerate(active.iter_rows(values_only=True), start=1)
        if any(v is not None for v in values)
    }
    with open_rows(path, "all.xlsx") as sheet_rows:
        found = {n: list(v) for n, v in sheet_rows.numbered if any(x is not None for x in v)}
    assert found.keys() == expected.keys()
    for number, values in expected.items():
        assert found[number][: len(values)] == values, number


def _bomb(path: Path, member: str, payload_bytes: int) -> Path:
    """A valid workbook plus one extra member of `payload_bytes` zeros (deflates ~1000:1)."""
    base = _workbook(tmp := path.with_suffix(".base.xlsx"), [["NIP"], [NIP]])
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item.filename, source.read(item.filename))
        with out.open(member, "w") as handle:
            chunk = b"<si><t>" + b"0" * (1 << 20) + b"</t></si>"
            for _ in range(payload_bytes // len(chunk) + 1):
                handle.write(chunk)
    tmp.unlink()
    return path


def _refused_quickly(path: Path, limits: Limits) -> SpreadsheetTooLarge:
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(SpreadsheetTooLarge) as refused:
            _rows(path, limits)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 5
    assert peak < 32 * 2**20, peak  # streamed, never held whole
    return refused.value


def test_a_zip_bomb_is_refused_by_its_directory_before_anything_is_unpacked(
    tmp_path: Path,
) -> None:
    path = _bomb(tmp_path / "bomb.xlsx", "xl/sharedStrings.xml", 64 * 2**20)
    assert path.stat().st_size < 2**20  # under 1 MB on disk
    error = _refused_quickly(path, Limits(max_decompressed_bytes=16 * 2**20))
    assert error.code == "import_file_too_large"
    assert "16 MB" in error.message_id
    assert "16 MB" in error.message_en


def test_a_zip_bomb_that_lies_about_its_size_is_stopped_while_unpacking(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "liar.xlsx", "xl/sharedStrings.xml", 64 * 2**20)
    data = bytearray(path.read_bytes())
    name = b"xl/sharedStrings.xml"
    # Rewrite the member's uncompressed size to 1 kB in its local header and the directory.
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, start + size_at, 1024)
            start += 4
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert sum(info.file_size for info in archive.infolist()) < 16 * 2**20
    _refused_quickly(path, Limits(max_decompressed_bytes=16 * 2**20))


def test_a_cell_far_away_is_refused_before_calamine_builds_its_range(tmp_path: Path) -> None:
    """A 2 kB file with a cell at XFD1048576 would make calamine allocate 17 billion cells and
    abort the process; the bounds see it in the XML first."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "NIP"
    sheet["XFD1048576"] = "jauh"
    path = tmp_path / "far.xlsx"
    book.save(path)
    error = _refused_quickly(path, Limits())
    assert "1.048.576 baris" in error.message_id
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "NIP"
    sheet["XFD200"] = "lebar"
    book.save(path)
    error = _refused_quickly(path, Limits())
    assert "3.276.800 sel" in error.message_id  # 200 rows x 16,384 columns


def test_rows_cells_and_time_are_bounded_for_csv_too(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["NIP", "Nama"])
        writer.writerows([[str(n), "x"] for n in range(50)])
    with pytest.raises(SpreadsheetTooLarge, match="51 baris"):
        _rows(path, Limits(max_rows=20))
    with pytest.raises(SpreadsheetTooLarge, match="sel"):
        _rows(path, Limits(max_cells=40))
    with (
        open_rows(path, "big.csv", limits=Limits(max_seconds=-1)) as sheet,
        pytest.raises(SpreadsheetTooLarge, match="batas waktu"),
    ):
        next(sheet.numbered)
    with pytest.raises(SpreadsheetTooLarge, match="MB"):
        _rows(path, Limits(max_csv_bytes=100))
    assert len(_rows(path)) == 50


def test_files_that_are_not_spreadsheets(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match="tidak dapat dibaca"):
        _rows(junk)
    with pytest.raises(ImportFileError, match=r"\.xls "):
        _rows(tmp_path / "lama.xls")
    pdf = tmp_path / "berkas"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(ImportFileError, match="Hanya berkas"):
        _rows(pdf)


def test_the_report_counts_words_and_renders_for_command_and_job() -> None:
    report = ImportReport(
        filename="f.csv",
        wording=Wording(
            subject=("sub kegiatan", "budget lines"), flagged=("{n} ditandai", "{n} flagged")
        ),
        total=4,
        created=1,
        updated=1,
        unchanged=1,
    )
    report.errors.append(RowError(5, "Pagu", "Kosong.", "Empty."))
    report.errors.append(RowError(3, "Kode", "Salah.", "Wrong."))
    report.warnings.append(RowError(2, "Realisasi", "Melebihi pagu.", "Above pagu."))
    report.written = True
    assert report.summary() == (
        "f.csv: 4 baris data; sub kegiatan: 1 baru, 1 diubah, 1 tidak berubah; "
        "2 baris bermasalah dilewati. 1 ditandai."
    )
    assert report.problems("en") == ["Row 3, column Kode: Wrong.", "Row 5, column Pagu: Empty."]
    assert report.problems(limit=1)[-1] == "… dan 1 masalah lainnya."
    assert report.text().splitlines()[2] == "Baris 2, kolom Realisasi: Melebihi pagu."
    payload = report.as_dict(lang="en", limit=1)
    assert (payload["ok"], payload["invalid_rows"], payload["warning_count"]) == (False, 2, 1)
    assert payload["errors"] == [
        {"row": 5, "column": "Pagu", "message_id": "Kosong.", "message_en": "Empty."}
    ]
    refused = ImportReport(filename="g.xlsx", total=2)
    refused.errors.append(RowError(2, "NIP", "Wajib diisi.", "Required."))
    assert refused.summary("en").endswith("Nothing was saved: 1 rows have problems.")


FORMULAS = ['=HYPERLINK("http://x","klik")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_the_writer_neutralises_formulas_in_csv_and_xlsx() -> None:
    rows = [[text, 5, -3, 2.5, NIP, dt.date(2025, 1, 2)] for text in FORMULAS]
    content = csv_bytes(["Teks", "A", "B", "C", "NIP", "Tanggal"], rows).decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(content, newline="")))
    assert [row[0] for row in parsed[1:]] == ["'" + text for text in FORMULAS]
    assert parsed[1][1:] == ["5", "-3", "2.5", NIP, "2025-01-02"]  # numbers stay numbers
    book = load_workbook(
        io.BytesIO(
            xlsx_bytes(
                [Sheet("Data", ["=Judul", "A", "B", "C", "NIP", "Tanggal"], rows,
                       text_columns=frozenset({4}), date_columns=frozenset({5}))]
            )
        )
    )  # fmt: skip
    sheet = book["Data"]
    assert sheet["A1"].value == "'=Judul"
    # (XML stores a CR as a line feed; the apostrophe is what matters.)
    # (Written with lxml, which PyLD brings in, openpyxl keeps the CR itself.)
    assert [str(sheet.cell(row=n, column=1).value).replace("\r", "\n") for n in range(2, 8)] == [
        "'" + text.replace("\r", "\n") for text in FORMULAS
    ]
    assert [sheet.cell(row=2, column=c).value for c in (2, 3, 4)] == [5, -3, 2.5]
    assert (sheet["E2"].value, sheet["E2"].number_format) == (NIP, "@")
    assert sheet["F2"].value == dt.datetime(2025, 1, 2)  # noqa: DTZ001  # openpyxl reads naive
    assert all(sheet.cell(row=n, column=1).data_type == "s" for n in range(2, 8))
    assert neutralise(-3) == -3
    assert neutralise("Biasa") == "Biasa"
