"""garda import_learning: all or nothing, "Baris N, kolom X" messages, re-import writes
nothing, --skip-invalid, .xlsx and .csv."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from garda.core.testing import UnitFactory
from garda.learning.ledger.models import JPYearTotal, LedgerEntry
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db

HEADER = "NIP,Bentuk,Nama Kegiatan,Penyelenggara,Tanggal Mulai,Tanggal Selesai,JP,Nomor Sertifikat"


def _csv(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "riwayat.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def _run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_learning", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_csv_import_is_idempotent_and_fills_totals(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    b = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, [
        f"{a.nip},Pelatihan teknis,Pengadaan Barang/Jasa,LKPP,2025-03-02,2025-03-05,32,LKPP/1",
        f"{a.nip},Seminar,Seminar SPBE,Kominfo,12-06-2025,12-06-2025,4,",
        f"{b.nip},PKP,Pelatihan Kepemimpinan Pengawas,BPSDM,2025-02-01,2025-05-30,\"279,5\",P/9",
    ])  # fmt: skip
    out, _err = _run(path)
    assert "3 catatan baru" in out
    assert JPYearTotal.objects.get(employee=a, year=2025).total_jp == Decimal("36.0")
    assert JPYearTotal.objects.get(employee=b, year=2025).total_jp == Decimal("279.5")
    out, _err = _run(path)
    assert "0 catatan baru" in out
    assert "3 sudah ada" in out
    assert LedgerEntry.objects.count() == 3


def test_one_bad_row_and_nothing_is_written(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, [
        f"{a.nip},Pelatihan teknis,Baik,LKPP,2025-03-02,2025-03-05,32,",
        f"{a.nip},Pelatihan ajaib,Buruk,LKPP,2025-03-02,2025-03-05,32,",
        "1.99E+17,Seminar,Angka,X,2025-03-02,2025-03-02,4,",
        f"{a.nip},Seminar,Tanggal terbalik,X,2025-03-05,2025-03-02,4,",
        "199001012015031999,Seminar,Tak dikenal,X,2025-03-02,2025-03-02,4,",
    ])  # fmt: skip
    with pytest.raises(CommandError):
        _run(path)
    assert not LedgerEntry.objects.exists()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_learning", str(path), stdout=io.StringIO(), stderr=err)
    text = err.getvalue()
    assert "Baris 3, kolom Bentuk" in text
    assert "Baris 4, kolom NIP: NIP dalam notasi ilmiah" in text
    assert "Baris 5, kolom Tanggal Selesai" in text
    assert "Baris 6, kolom NIP: NIP tidak ditemukan" in text


def test_skip_invalid_imports_the_good_rows(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, [
        f"{a.nip},Pelatihan teknis,Baik,LKPP,2025-03-02,2025-03-05,32,",
        f"{a.nip},Pelatihan teknis,Buruk,LKPP,2025-03-02,2025-03-05,-1,",
    ])  # fmt: skip
    with pytest.raises(CommandError):
        _run(path, "--skip-invalid")
    assert LedgerEntry.objects.count() == 1


def test_xlsx_with_a_numeric_nip_cell(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append([a.nip, "Workshop", "Lokakarya SAKIP", "Bappeda", "2025-07-01", "2025-07-02",
                  10, "W/1"])  # fmt: skip
    sheet.append([float(a.nip), "Workshop", "Lokakarya", "Bappeda", "2025-07-01", "2025-07-02",
                  10, ""])  # fmt: skip
    path = tmp_path / "riwayat.xlsx"
    book.save(path)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_learning", str(path), stdout=io.StringIO(), stderr=err)
    assert "Baris 3, kolom NIP: NIP terbaca sebagai angka" in err.getvalue()
    assert not LedgerEntry.objects.exists()
