"""`garda import_budget` and `garda import_realisasi`: all-or-nothing, real .xlsx/.csv files,
row/column/reason for every bad row, idempotent re-import, flagged over-realisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from garda.core.audit.models import AuditEntry
from garda.core.dataversion import DataVersion, data_version_bump
from garda.core.models import Unit
from garda.core.roles import Role
from garda.core.testing import make_user
from garda.transparency.budget.models import BudgetLine, BudgetRealisation
from garda.transparency.budget.services import budget_import, realisasi_import
from garda.transparency.budget.testing import (
    BUDGET_HEADERS,
    HAND_BUDGET,
    HAND_REALISASI,
    REALISASI_HEADERS,
    load_hand_budget,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _version() -> int:
    return DataVersion.objects.filter(name="budget").values_list("version", flat=True).first() or 0


def test_xlsx_import_creates_lines_with_derived_codes(tmp_path: Path) -> None:
    rows = [
        [2026, "15.BPSDM", "5.04.02.1.01.01", "Latsar CPNS", 1_250_000, None],  # 2-digit sub
        [2026, "15.71.DINKES", "1.02.02.2.02.0016", "Kesehatan Lingkungan", "1.000.000", "900000"],
    ]
    path = write_xlsx(tmp_path / "anggaran.xlsx", BUDGET_HEADERS, rows)
    report = budget_import(actor=None, source=path, filename=path.name)
    assert report.ok, report.problems()
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    bpsdm = BudgetLine.objects.get(unit__code="15.BPSDM")
    assert bpsdm.code == "5.04.02.1.01.0001"
    assert bpsdm.program_code == "5.04.02"
    assert bpsdm.kegiatan_code == "5.04.02.1.01"
    assert bpsdm.pagu_murni == 1_250_000
    assert bpsdm.pagu_perubahan is None
    assert bpsdm.instansi.code == "15"
    assert bpsdm.opd == bpsdm.unit
    kota = BudgetLine.objects.get(unit__code="15.71.DINKES")
    assert kota.instansi.code == "15.71"
    assert kota.pagu == 900_000
    assert AuditEntry.objects.filter(action="budget.line_create").count() == 2
    assert AuditEntry.objects.filter(action="budget.import").count() == 1


def test_reimporting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "anggaran.csv", BUDGET_HEADERS, HAND_BUDGET)
    budget_import(actor=None, source=path, filename=path.name)
    version, entries = _version(), AuditEntry.objects.count()
    before = list(BudgetLine.objects.order_by("pk").values())

    again = budget_import(actor=None, source=path, filename=path.name)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert not again.written
    assert _version() == version  # caches stay valid
    assert AuditEntry.objects.count() == entries
    assert list(BudgetLine.objects.order_by("pk").values()) == before


def test_a_changed_pagu_updates_and_is_audited(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "anggaran.csv", BUDGET_HEADERS, HAND_BUDGET)
    budget_import(actor=None, source=path, filename=path.name)
    changed = [list(row) for row in HAND_BUDGET]
    changed[0][5] = "1.100.000"  # APBD-P adopted for the first line
    path = write_csv(tmp_path / "anggaran-p.csv", BUDGET_HEADERS, changed)
    version = _version()
    report = budget_import(actor=None, source=path, filename=path.name)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert _version() == version + 1
    entry = AuditEntry.objects.get(action="budget.line_update")
    assert entry.before == {"pagu_perubahan": None}
    assert entry.after == {"pagu_perubahan": 1_100_000}


def test_any_bad_row_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [
        [2026, "15.BPSDM", "5.04.02.1.01.0001", "Baik", "1.000.000", ""],  # row 2: fine
        [2026, "15.BPSDM", "5.04.02.2.01.0002", "Level salah", "1.000.000", ""],  # row 3
        [2026, "15.TIDAKADA", "5.04.02.1.01.0003", "Unit tidak ada", "1.000.000", ""],  # row 4
        [2026, "15.BPSDM", "5.04.02.1.01", "Kode pendek", "1.000.000", ""],  # row 5
        [2026, "15.BPSDM", "5.04.02.1.01.0004", "Negatif", "-5", ""],  # row 6
        [26, "15.BPSDM", "5.04.02.1.01.0005", "Tahun", "1.000.000", ""],  # row 7
        [2026, "15.BPSDM", "5.04.02.1.01.0006", "", "1.000.000", "1.250.000,50"],  # row 8
        [2026, "15.BPSDM", "5.04.02.1.01.01", "Ulang baris 2", "1.000.000", ""],  # row 9
        [2026, "15.71.DINKES", "1.02.02.1.02.0016", "Kota berlevel provinsi", "1", ""],  # 10
    ]
    path = write_xlsx(tmp_path / "salah.xlsx", BUDGET_HEADERS, rows)
    report = budget_import(actor=None, source=path, filename=path.name)

    assert not report.ok
    assert not report.written
    assert BudgetLine.objects.count() == 0
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (3, "Kode Sub Kegiatan"),
        (4, "Kode Unit"),
        (5, "Kode Sub Kegiatan"),
        (6, "Pagu Murni"),
        (7, "Tahun"),
        (8, "Nama Sub Kegiatan"),
        (8, "Pagu Perubahan"),
        (9, "Kode Sub Kegiatan"),
        (10, "Kode Sub Kegiatan"),
    }
    by_row = {e.row: e for e in report.errors}
    assert "segmen ke-4 harus 1" in by_row[3].message_id
    assert "4th segment must be 1" in by_row[3].message_en
    assert "mengulang data baris 2" in by_row[9].message_id
    assert "segmen ke-4 harus 2" in by_row[10].message_id
    assert "Nothing was saved" in report.summary("en")
    assert report.problems("id")[0].startswith("Baris 3, kolom Kode Sub Kegiatan:")
    assert report.problems("en")[0].startswith("Row 3, column Kode Sub Kegiatan:")


def test_command_exit_status_and_skip_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        [2026, "15.BPSDM", "5.04.02.1.01.0001", "Baik", "1.000.000", ""],
        [2026, "15.BPSDM", "5.04.02.9.01.0002", "Salah", "1.000.000", ""],
    ]
    path = write_csv(tmp_path / "campur.csv", BUDGET_HEADERS, rows)
    with pytest.raises(CommandError) as caught:
        call_command("import_budget", str(path))
    assert caught.value.returncode == 1
    assert BudgetLine.objects.count() == 0
    assert "Baris 3, kolom Kode Sub Kegiatan" in capsys.readouterr().err

    with pytest.raises(CommandError) as caught:
        call_command("import_budget", str(path), "--skip-invalid", "--lang", "en")
    assert caught.value.returncode == 1  # exit 0 only when every row was imported
    assert BudgetLine.objects.count() == 1
    assert "1 rows with problems were skipped" in capsys.readouterr().out

    good = write_csv(tmp_path / "baik.csv", BUDGET_HEADERS, rows[:1])
    call_command("import_budget", str(good))  # no exception: exit status 0
    assert "1 tidak berubah" in capsys.readouterr().out


def test_semicolon_csv_with_rupiah_text_and_sipd_headers(tmp_path: Path) -> None:
    path = tmp_path / "sipd.csv"
    path.write_text(
        "Rekap APBD 2026\n"
        "tahun_anggaran;Kode Unit;kode_sub_giat;nama_sub_giat;pagumurni;Pagu Perubahan;"
        "Nama Program\n"
        "2026;15.BPSDM;5.04.02.1.01.0001;Latsar;Rp 1.250.000,00;;Program Pengembangan SDM\n",
        encoding="utf-8-sig",
    )
    report = budget_import(actor=None, source=path, filename=path.name)
    assert report.ok, report.problems()
    line = BudgetLine.objects.get()
    assert line.pagu_murni == 1_250_000
    from garda.transparency.budget.models import Nomenclature

    assert Nomenclature.objects.get(code="5.04.02").name == "Program Pengembangan SDM"


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kurang.csv", BUDGET_HEADERS[:4], [HAND_BUDGET[0][:4]])
    report = budget_import(actor=None, source=path, filename=path.name)
    assert {e.column for e in report.errors} == {"Pagu Murni", "Pagu Perubahan"}
    assert all(e.row == 1 for e in report.errors)


def test_an_admin_cannot_import_outside_its_units(tmp_path: Path) -> None:
    admin = make_user(role=Role.ADMIN_OPD, unit=Unit.objects.get(code="15.BPSDM"))
    rows = [
        [2026, "15.BPSDM", "5.04.02.1.01.0001", "Sendiri", "1.000.000", ""],
        [2026, "15.DINKES", "1.02.02.1.02.0016", "Orang lain", "1.000.000", ""],
    ]
    path = write_csv(tmp_path / "scope.csv", BUDGET_HEADERS, rows)
    report = budget_import(actor=admin, source=path, filename=path.name)
    assert [(e.row, e.column) for e in report.errors] == [(3, "Kode Unit")]
    assert "di luar kewenangan" in report.errors[0].message_id


# --- Realisasi --------------------------------------------------------------------------------


def test_realisasi_import_totals_and_over_pagu_flag(tmp_path: Path) -> None:
    load_hand_budget(tmp_path)
    kota = BudgetLine.objects.get(unit__code="15.71.DINKES")
    assert kota.realisasi_total == 600_000
    assert kota.is_over_pagu
    assert BudgetLine.objects.get(code="5.04.02.1.01.0001").realisasi_total == 875_000
    assert BudgetRealisation.objects.count() == 6


def test_over_realisation_is_imported_flagged_and_exit_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    budget = write_csv(tmp_path / "anggaran.csv", BUDGET_HEADERS, HAND_BUDGET)
    budget_import(actor=None, source=budget, filename=budget.name)
    path = write_csv(tmp_path / "realisasi.csv", REALISASI_HEADERS, HAND_REALISASI)
    call_command("import_realisasi", str(path))  # exit status 0
    out = capsys.readouterr().out
    assert "Baris 7, kolom Realisasi" in out  # the Kota Jambi line, 120% of its pagu
    assert "melebihi pagu" in out
    assert "1 ditandai" in out


def test_realisasi_update_recomputes_and_reimport_is_a_no_op(tmp_path: Path) -> None:
    load_hand_budget(tmp_path)
    version = _version()
    path = write_csv(tmp_path / "realisasi.csv", REALISASI_HEADERS, HAND_REALISASI)
    again = realisasi_import(actor=None, source=path, filename=path.name)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert _version() == version

    corrected = [list(row) for row in HAND_REALISASI]
    corrected[1][4] = "125.000"  # February of line 1: 625.000 -> 125.000
    corrected.append([2026, "Maret", "15.BPSDM", "5.04.02.1.01.0001", 50_000])
    path = write_xlsx(tmp_path / "koreksi.xlsx", REALISASI_HEADERS, corrected)
    report = realisasi_import(actor=None, source=path, filename=path.name)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 5)
    assert BudgetLine.objects.get(code="5.04.02.1.01.0001").realisasi_total == 425_000
    assert _version() == version + 1
    # The newest by id: numbers are given after commit, which a test's transaction never has.
    entry = AuditEntry.objects.filter(action="budget.realisasi_import").latest("id")
    assert entry.before == {"2": 625_000}
    assert entry.after == {"2": 125_000, "3": 50_000}


def test_realisasi_for_a_line_not_in_the_budget_is_refused(tmp_path: Path) -> None:
    load_hand_budget(tmp_path)
    rows = [
        [2026, 4, "15.BPSDM", "5.04.02.1.01.0001", "10.000"],
        [2026, 4, "15.BPSDM", "5.04.02.1.01.0099", "10.000"],  # not budgeted
        [2025, 4, "15.BPSDM", "5.04.02.1.01.0001", "10.000"],  # other year
        [2026, 13, "15.BPSDM", "5.04.02.1.01.0001", "10.000"],  # no month 13
        [2026, 4, "15.BPSDM", "5.04.02.1.01.0001", "20.000"],  # repeats row 2
    ]
    path = write_csv(tmp_path / "realisasi-salah.csv", REALISASI_HEADERS, rows)
    count = BudgetRealisation.objects.count()
    report = realisasi_import(actor=None, source=path, filename=path.name)
    assert [(e.row, e.column) for e in sorted(report.errors, key=lambda e: e.row)] == [
        (3, "Kode Sub Kegiatan"),
        (4, "Kode Sub Kegiatan"),
        (5, "Bulan"),
        (6, "Bulan"),
    ]
    assert "impor anggarannya dulu" in report.errors[0].message_id
    assert BudgetRealisation.objects.count() == count


@transaction.atomic
def _bump_then_fail() -> None:
    data_version_bump(name="budget")
    _ = 1 / 0  # the write fails after the bump


@pytest.mark.django_db(transaction=True)
def test_data_version_moves_with_the_write_or_not_at_all() -> None:
    with pytest.raises(RuntimeError):
        data_version_bump(name="budget")  # outside a transaction: refused
    with transaction.atomic():
        first = data_version_bump(name="budget")
    stamp = DataVersion.objects.get(name="budget").stamp
    with pytest.raises(ZeroDivisionError):
        _bump_then_fail()
    assert DataVersion.objects.get(name="budget").version == first
    assert DataVersion.objects.get(name="budget").stamp == stamp
