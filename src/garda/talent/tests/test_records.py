"""SKP, discipline and potential imports: any letter case, all or nothing, --skip-invalid,
re-import writes nothing, scope and roles, masked audit entries; the selectors studies uses."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from garda.core.audit.models import AuditEntry
from garda.core.errors import NotAllowed
from garda.core.roles import Role
from garda.core.testing import UnitFactory, UserFactory
from garda.learning.ledger.testing import make_employee
from garda.talent import selectors
from garda.talent.models import PotentialResult, Sanction, SkpResult
from garda.talent.services import disiplin_import, skp_import

pytestmark = pytest.mark.django_db


def _csv(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(command: str, path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_skp_any_case_optional_nilai_and_reimport_writes_nothing(tmp_path: Path) -> None:
    a, b, c = (make_employee(unit=UnitFactory()) for _ in range(3))
    path = _csv(tmp_path, "skp.csv", [
        "nip,TAHUN,predikat,Nilai",
        f"{a.nip},2025,SANGAT BAIK,98.5",
        f"{b.nip},2025,butuh perbaikan,",
        f"{c.nip},2024,Cukup,\"77,25\"",
        f"{c.nip},2025,sangat_kurang,",
    ])  # fmt: skip
    out, _err = _run("import_skp", path)
    assert "4 baru" in out
    assert selectors.skp_predikat_of(employee_id=a.pk, year=2025) == "sangat_baik"
    assert selectors.skp_predikat_of(employee_id=b.pk, year=2025) == "butuh_perbaikan"
    assert selectors.skp_predikat_of(employee_id=c.pk, year=2024) == "cukup"
    assert selectors.skp_predikat_of(employee_id=c.pk, year=2023) is None
    assert SkpResult.objects.get(employee=c, year=2024).nilai == Decimal("77.25")
    assert SkpResult.objects.get(employee=b, year=2025).nilai is None
    entries = AuditEntry.objects.count()
    out, _err = _run("import_skp", path)
    assert "4 tidak berubah" in out
    assert AuditEntry.objects.count() == entries
    # A changed predikat updates the one record of that year, with before and after.
    _csv(tmp_path, "skp.csv", ["NIP,Tahun,Predikat", f"{a.nip},2025,Baik"])
    out, _err = _run("import_skp", path)
    assert "1 diubah" in out
    assert SkpResult.objects.filter(employee=a).count() == 1
    last = AuditEntry.objects.order_by("-pk").first()
    assert last is not None
    assert last.action == "talent.skp.update"
    assert last.before == {"predikat": "sangat_baik"}
    assert last.after == {"predikat": "baik"}


def test_skp_bad_rows_all_or_nothing_then_skip_invalid(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, "skp.csv", [
        "NIP,Tahun,Predikat",
        f"{a.nip},2025,Baik",
        f"{a.nip},20x5,Baik",
        f"{a.nip},2024,Luar Biasa",
        "199003152012031999,2025,Baik",
        "1.99E+17,2025,Baik",
        f"{a.nip},2025,Kurang",
    ])  # fmt: skip
    with pytest.raises(CommandError):
        _run("import_skp", path)
    assert not SkpResult.objects.exists()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_skp", str(path), stdout=io.StringIO(), stderr=err)
    problems = err.getvalue()
    assert "Baris 3, kolom Tahun" in problems
    assert "Baris 4, kolom Predikat" in problems
    assert "Baris 5, kolom NIP" in problems
    assert "Baris 6, kolom NIP" in problems
    assert "Baris 7, kolom NIP: Mengulang baris 2" in problems
    with pytest.raises(CommandError):  # some rows still refused: exit non-zero
        _run("import_skp", path, "--skip-invalid")
    assert list(SkpResult.objects.values_list("year", "predikat")) == [(2025, "baik")]


def test_skp_xlsx_with_dates_and_numbers(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Laporan SKP"])  # a title above the header
    sheet.append(["NIP", "Tahun", "Predikat", "Nilai"])
    sheet.append([a.nip, 2025, "Sangat Baik", 101])
    path = tmp_path / "skp.xlsx"
    book.save(path)
    out, _err = _run("import_skp", path)
    assert "1 baru" in out
    assert SkpResult.objects.get().nilai == Decimal("101.00")


def test_scope_an_admin_imports_only_its_own_instansi(tmp_path: Path) -> None:
    mine, theirs = UnitFactory(kind="instansi"), UnitFactory(kind="instansi")
    opd = UnitFactory(parent=mine)
    a = make_employee(unit=opd)
    b = make_employee(unit=theirs)
    admin = UserFactory(role=Role.ADMIN_INSTANSI, unit=mine)
    path = _csv(tmp_path, "skp.csv", ["NIP,Tahun,Predikat", f"{a.nip},2025,Baik",
                                       f"{b.nip},2025,Baik"])  # fmt: skip
    report = skp_import(actor=admin, source=path, filename=path.name)
    assert not report.written
    assert [e.row for e in report.errors] == [3]
    report = skp_import(actor=admin, source=path, filename=path.name, skip_invalid=True)
    assert list(SkpResult.objects.values_list("employee_id", flat=True)) == [a.pk]


DISIPLIN_HEADER = "NIP,Tingkat,Jenis Hukuman,TMT,Tanggal Selesai,Nomor SK"


def test_disiplin_import_selectors_and_masked_audit(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, "disiplin.csv", [
        DISIPLIN_HEADER,
        f"{a.nip},SEDANG,Penundaan kenaikan gaji berkala 1 tahun,2025-02-01,31-01-2026,800/12/BKD",
        f"{a.nip},ringan,Teguran lisan,2024-05-02,,800/7/BKD",
    ])  # fmt: skip
    out, _err = _run("import_disiplin", path)
    assert "2 baru" in out
    in_force = selectors.sanctions_in_force_on(employee_id=a.pk, on=dt.date(2026, 1, 31))
    assert [s.tingkat for s in in_force] == ["sedang", "ringan"]
    assert [s.tingkat for s in
            selectors.sanctions_in_force_on(employee_id=a.pk, on=dt.date(2026, 2, 1))] == [
        "ringan"]  # fmt: skip
    assert selectors.sanctions_in_force_on(employee_id=a.pk, on=dt.date(2024, 5, 1)) == []
    sedang = Sanction.objects.get(tingkat="sedang")
    assert sedang.tanggal_selesai == dt.date(2026, 1, 31)
    entries = list(AuditEntry.objects.filter(action="talent.disiplin.create"))
    assert len(entries) == 2
    logged = json.dumps([[e.object_label, e.after] for e in entries])
    for secret in (a.nip, a.name, "800/12/BKD", "Penundaan", "Teguran"):
        assert secret not in logged
    out, _err = _run("import_disiplin", path)
    assert "2 tidak berubah" in out


def test_disiplin_is_for_bkd_roles_only(tmp_path: Path) -> None:
    unit = UnitFactory(kind="instansi")
    a = make_employee(unit=unit)
    path = _csv(tmp_path, "d.csv", [DISIPLIN_HEADER, f"{a.nip},Berat,Pemberhentian,2025-01-01,,"])
    for role in (Role.ADMIN_OPD, Role.ATASAN, Role.ASN, Role.AUDITOR):
        with pytest.raises(NotAllowed):
            disiplin_import(actor=UserFactory(role=role, unit=unit), source=path, filename="d.csv")
    opd_admin = UserFactory(role=Role.ADMIN_OPD, unit=unit)
    with pytest.raises(CommandError):
        _run("import_disiplin", path, "--actor", opd_admin.username)
    report = disiplin_import(
        actor=UserFactory(role=Role.ADMIN_INSTANSI, unit=unit), source=path, filename="d.csv"
    )
    assert report.created == 1
    bkd = UserFactory(role=Role.ADMIN_PROVINSI, unit=unit)
    assert selectors.sanction_list(bkd).count() == 1
    assert selectors.sanction_list(UserFactory(role=Role.ADMIN_OPD, unit=unit)).count() == 0


def test_disiplin_bad_rows(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, "d.csv", [
        DISIPLIN_HEADER,
        f"{a.nip},Parah,Teguran,2025-01-01,,",
        f"{a.nip},Ringan,,2025-01-01,,",
        f"{a.nip},Ringan,Teguran,2025-13-01,,",
        f"{a.nip},Sedang,Penurunan jabatan,2025-03-01,2025-02-01,SK/1",
    ])  # fmt: skip
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_disiplin", str(path), stdout=io.StringIO(), stderr=err)
    text = err.getvalue()
    for expected in ("Baris 2, kolom Tingkat", "Baris 3, kolom Jenis Hukuman",
                     "Baris 4, kolom TMT", "Baris 5, kolom Tanggal Selesai"):  # fmt: skip
        assert expected in text
    assert not Sanction.objects.exists()


def test_potensial_import(tmp_path: Path) -> None:
    a = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, "p.csv", ["NIP,Tahun,Potensial", f"{a.nip},2025,TINGGI"])
    out, _err = _run("import_potensial", path)
    assert "1 baru" in out
    assert PotentialResult.objects.get().potensial == "tinggi"
    assert selectors.potensial_of(employee_id=a.pk, year=2025) == "tinggi"


def test_skp_at_least_baik() -> None:
    assert selectors.skp_at_least_baik("sangat_baik")
    assert selectors.skp_at_least_baik("baik")
    for lower in ("butuh_perbaikan", "cukup", "kurang", "sangat_kurang", "buruk", "x"):
        assert not selectors.skp_at_least_baik(lower)


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = _csv(tmp_path, "skp.csv", ["NIP,Tahun", "199003152012031001,2025"])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_skp", str(path), stdout=io.StringIO(), stderr=err)
    assert "Predikat" in err.getvalue()
