"""The ASN registry journey: an OPD admin imports a real-looking spreadsheet with bad rows,
reads exactly what is wrong, fixes it, imports it, and the new ASN are scoped by role."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from garda.core.identity import make_nip

pytestmark = pytest.mark.e2e

HEADER = [
    "NIP", "Nama", "Gelar Depan", "Gelar Belakang", "Tempat Lahir", "Tanggal Lahir",
    "Jenis Kelamin", "Status Kepegawaian", "Golongan", "TMT Golongan", "Jabatan",
    "Jenis Jabatan", "Unit Kerja", "Pendidikan Terakhir", "Email", "Telepon",
]  # fmt: skip


def _row(n: int, name: str, unit: str, nip: object | None = None) -> list[object]:
    born = dt.date(1988, 4, n)
    return [
        nip if nip is not None else make_nip(born, 2012, 3, "P", n), name, "", "S.Kom.",
        "Jambi", born, "P", "PNS", "III/b", dt.date(2016, 4, 1), "Pranata Komputer Ahli Muda",
        "Fungsional Ahli Muda", unit, "S1", f"uji{n}@jambiprov.go.id", "0812000000",
    ]  # fmt: skip


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cell in sheet["A"][1:]:
        if isinstance(cell.value, str):
            cell.number_format = "@"
    book.save(path)
    return path


def _import(page: Page, file: Path) -> None:
    page.goto("/pegawai/impor/")
    page.get_by_label("Berkas .xlsx atau .csv").set_input_files(str(file))
    page.get_by_role("button", name="Unggah dan Impor").click()
    page.wait_for_url(re.compile(r"/pekerjaan/\d+/"))


def test_admin_imports_fixes_and_finds_the_asn_scoped(
    page: Page, shot, sign_in, tmp_path: Path
) -> None:
    good = [
        _row(1, "Wulan Permata E2E", "15.BPSDM"),
        _row(2, "Ilham Ramadhan E2E", "15.BPSDM.PKM"),
    ]
    bad = [
        *good,
        _row(3, "Rina Excel E2E", "15.BPSDM", nip=1.99004e17),  # Excel ate the NIP
        _row(4, "Tono Salah Unit E2E", "Dinas Yang Tidak Ada"),
    ]
    sign_in(page, "admin.bpsdm")
    _import(page, _workbook(tmp_path / "asn-salah.xlsx", bad))
    expect(page.get_by_text(re.compile(r"Baris 4, kolom NIP"))).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(r"Baris 5, kolom Unit Kerja"))).to_be_visible()
    shot(page, "errors-listed")

    # Nothing was written: the good rows are not in the list either.
    page.goto("/pegawai/?q=E2E")
    expect(page.get_by_text("Wulan Permata E2E")).to_have_count(0)

    fixed = [*good, _row(3, "Rina Excel E2E", "15.BPSDM"), _row(4, "Tono Benar E2E", "15.BPSDM")]
    _import(page, _workbook(tmp_path / "asn-benar.xlsx", fixed))
    expect(page.locator("progress")).to_have_attribute("value", "100", timeout=30_000)
    shot(page, "imported")

    page.goto("/pegawai/?q=E2E")
    for name in ("Wulan Permata E2E", "Ilham Ramadhan E2E", "Rina Excel E2E", "Tono Benar E2E"):
        expect(page.get_by_text(name)).to_be_visible()
    shot(page, "list-bpsdm")

    # Another instansi's admin does not see them.
    page.context.clear_cookies()
    sign_in(page, "admin.kota")
    page.goto("/pegawai/?q=E2E")
    expect(page.get_by_text("Wulan Permata E2E")).to_have_count(0)
    expect(page.get_by_text("Tidak ada pegawai yang cocok.")).to_be_visible()
    shot(page, "list-kota")
