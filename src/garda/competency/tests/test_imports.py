"""`garda import_standards` and `garda import_assessment`: real .csv and .xlsx files, all or
nothing, "Baris N, kolom X", --skip-invalid, --instansi, the exit codes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from garda.competency.models import Assessment, CurrentGap, Standard
from garda.competency.selectors import gaps_for, jpm_for
from garda.competency.testing import competency, employee_in, instansi_of_test, opd_in
from garda.core.audit.models import AuditEntry
from garda.core.roles import Role
from garda.core.spreadsheets.export import Sheet, csv_bytes, xlsx_bytes
from garda.core.testing import make_user

pytestmark = pytest.mark.django_db

STD_HEADER = ["Jabatan", "Jenis Jabatan", "Kode Kompetensi", "Level"]
ASM_HEADER = ["NIP", "Kode Kompetensi", "Level", "Tanggal", "Metode", "Lembaga"]


def _file(tmp_path: Path, name: str, header: list[str], rows: list[list[Any]]) -> str:
    path = tmp_path / name
    if name.endswith(".xlsx"):
        path.write_bytes(xlsx_bytes([Sheet("Data", header, rows)]))
    else:
        path.write_bytes(csv_bytes(header, rows))
    return str(path)


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_standards_import_sets_kind_defaults_and_named_jabatan(tmp_path: Path) -> None:
    instansi = instansi_of_test()
    path = _file(tmp_path, "standar.xlsx", STD_HEADER, [
        ["", "Pelaksana", "M.1", 2],
        ["", "pelaksana", "m.2", 2],
        ["  Pengolah   DATA ", "Pelaksana", "M.1", 3],
    ])  # fmt: skip
    out, _err = _run("import_standards", path, "--instansi", instansi.code)
    assert "3 baru" in out
    rows = Standard.objects.filter(instansi=instansi)
    assert rows.count() == 3
    assert rows.get(jabatan_key="pengolah data").level == 3
    again, _err = _run("import_standards", path, "--instansi", instansi.code)
    assert "3 tidak berubah" in again
    assert AuditEntry.objects.filter(action="competency.standards.import").count() == 1


def test_a_bad_row_stops_the_whole_standards_file_unless_told(tmp_path: Path) -> None:
    instansi = instansi_of_test()
    path = _file(tmp_path, "standar.csv", STD_HEADER, [
        ["", "Pelaksana", "M.1", 2],
        ["", "Bukan Jabatan", "M.1", 2],
        ["", "Pelaksana", "M.9", 7],
    ])  # fmt: skip
    with pytest.raises(CommandError) as error:
        _run("import_standards", path, "--instansi", instansi.code)
    assert error.value.returncode == 1
    assert not Standard.objects.filter(instansi=instansi).exists()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_standards", path, "--instansi", instansi.code, "--skip-invalid",
                     stdout=io.StringIO(), stderr=err)  # fmt: skip
    problems = err.getvalue()
    assert "Baris 3, kolom Jenis Jabatan" in problems
    assert "Baris 4, kolom Kode Kompetensi" in problems
    assert "Baris 4, kolom Level" in problems
    assert Standard.objects.filter(instansi=instansi).count() == 1


def test_unknown_instansi_is_a_bad_argument(tmp_path: Path) -> None:
    path = _file(tmp_path, "standar.csv", STD_HEADER, [["", "Pelaksana", "M.1", 2]])
    with pytest.raises(CommandError):
        _run("import_standards", path, "--instansi", "TIDAK-ADA")
    with pytest.raises(CommandError):
        _run("import_standards", path)  # no instansi and no actor


def test_assessment_import_computes_gaps_and_jpm(tmp_path: Path) -> None:
    instansi = instansi_of_test()
    employee = employee_in(opd_in(instansi))
    _run("import_standards", _file(tmp_path, "s.csv", STD_HEADER, [
        ["", "Pelaksana", "M.1", 3], ["", "Pelaksana", "M.2", 3], ["", "Pelaksana", "M.3", 3],
    ]), "--instansi", instansi.code)  # fmt: skip
    path = _file(tmp_path, "asesmen.xlsx", ASM_HEADER, [
        [employee.nip, "M.1", 2, "2026-02-01", "Assessment center", "UPT PK"],
        [employee.nip, "m.2", 3, "01-02-2026", "Assessment center", ""],
        [employee.nip, "M.3", 2, "2026-02-01", "Panel", "UPT PK"],
    ])  # fmt: skip
    out, _err = _run("import_assessment", path)
    assert "3 baru" in out
    gaps = {g.code: g.gap for g in gaps_for(employee.pk)}
    assert gaps == {"M.1": -1, "M.2": 0, "M.3": -1}
    jpm = jpm_for(employee.pk)
    assert str(jpm.value) == "77.78"  # 7 / 9
    assert jpm.bands["seleksi"][0] == "MMS"
    assert jpm.bands["pemetaan"][0] == "kurang_optimal"


def test_assessment_import_refuses_unknown_nips_codes_levels_and_dates(tmp_path: Path) -> None:
    employee = employee_in(opd_in(instansi_of_test()))
    path = _file(tmp_path, "asesmen.csv", ASM_HEADER, [
        [employee.nip, "M.1", 3, "2026-02-01", "Assessment center", ""],
        ["199001012015031999", "M.1", 3, "2026-02-01", "Assessment center", ""],
        [employee.nip, "X.1", 3, "2026-02-01", "Assessment center", ""],
        [employee.nip, "M.2", 6, "31-02-2026", "", ""],
    ])  # fmt: skip
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_assessment", path, stdout=io.StringIO(), stderr=err)
    text = err.getvalue()
    assert "Baris 3, kolom NIP" in text
    assert "Baris 4, kolom Kode Kompetensi" in text
    assert "Baris 5, kolom Level" in text
    assert "Baris 5, kolom Tanggal" in text
    assert "Baris 5, kolom Metode" in text
    assert not Assessment.objects.exists()
    with pytest.raises(CommandError):
        _run("import_assessment", path, "--skip-invalid")
    assert Assessment.objects.count() == 1
    assert CurrentGap.objects.filter(employee=employee).count() == 1


def test_an_assessor_imports_only_within_its_instansi(tmp_path: Path) -> None:
    mine, theirs = instansi_of_test(), instansi_of_test()
    make_user(username="asesor.uji", role=Role.ASESOR, unit=opd_in(mine))
    inside, outside = employee_in(opd_in(mine)), employee_in(opd_in(theirs))
    path = _file(tmp_path, "asesmen.csv", ASM_HEADER, [
        [inside.nip, "M.1", 3, "2026-02-01", "Panel", ""],
        [outside.nip, "M.1", 3, "2026-02-01", "Panel", ""],
    ])  # fmt: skip
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_assessment", path, "--actor", "asesor.uji",
                     stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert "Baris 3, kolom NIP" in err.getvalue()
    assert not Assessment.objects.exists()
    make_user(username="asn.uji", role=Role.ASN, unit=opd_in(mine))
    with pytest.raises(CommandError):
        _run("import_assessment", path, "--actor", "asn.uji")


def test_technical_codes_belong_to_their_instansi(tmp_path: Path) -> None:
    from garda.competency.models import Competency  # only this test needs it

    mine, theirs = instansi_of_test(), instansi_of_test()
    Competency.objects.create(code="T.GIZI", name="Gizi", kind="teknis", instansi=theirs,
                              edition="uji")  # fmt: skip
    path = _file(tmp_path, "standar.csv", STD_HEADER, [["", "Pelaksana", "T.GIZI", 2]])
    with pytest.raises(CommandError):
        _run("import_standards", path, "--instansi", mine.code)
    out, _err = _run("import_standards", path, "--instansi", theirs.code)
    assert "1 baru" in out
    assert competency("M.1").instansi is None


def test_gaps_command_prints_json_numbers(tmp_path: Path) -> None:
    import json  # only this test reads JSON

    instansi = instansi_of_test()
    employee = employee_in(opd_in(instansi))
    _run("import_standards", _file(tmp_path, "s.csv", STD_HEADER, [["", "Pelaksana", "M.1", 3]]),
         "--instansi", instansi.code)  # fmt: skip
    _run("import_assessment", _file(tmp_path, "a.csv", ASM_HEADER,
         [[employee.nip, "M.1", 1, "2026-01-05", "Panel", ""]]))  # fmt: skip
    out, _err = _run("competency_gaps", "--format", "json", "--unit", instansi.code, "--refresh")
    rows = json.loads(out)
    assert rows == [{"NIP": employee.nip, "Nama": employee.name, "Unit": employee.unit.name,
                     "Kode Kompetensi": "M.1", "Standar": 3, "Capaian": 1, "Kesenjangan": -2,
                     "Tanggal Asesmen": "2026-01-05"}]  # fmt: skip
    with pytest.raises(CommandError):
        _run("competency_gaps", "--unit", "TIDAK-ADA")
