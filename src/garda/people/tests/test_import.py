"""Import of the ASN registry: Garda template (.xlsx/.csv) and SIASN exports, all-or-nothing or
skipping bad rows, re-import as a no-op, the `import_asn` command and the upload page.

The sample files live in tests/fixtures (fixtures/make_fixtures.py writes them); files that
a test changes are built in tmp_path with openpyxl or csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from garda.core.audit.models import AuditEntry
from garda.core.identity import make_nip
from garda.core.models import Job, JobStatus, Unit, User
from garda.core.roles import Role
from garda.core.spreadsheets.cells import parse_date
from garda.core.spreadsheets.errors import CellError
from garda.core.spreadsheets.reader import normalise_header, sniff_delimiter
from garda.core.testing import login_client, make_user
from garda.people.imports.reader import TEMPLATE_COLUMNS
from garda.people.imports.vocabulary import golongan_key as _golongan_key
from garda.people.imports.vocabulary import jabatan_kind_code
from garda.people.models import Employee, EmployeeHistory, HistoryKind
from garda.people.services.asn_import import employee_import

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADERS = [header for _key, header in TEMPLATE_COLUMNS[:16]]


def fixture(name: str) -> Path:
    return FIXTURES / name


def row(
    *,
    born: dt.date = dt.date(1985, 4, 10),
    gender: str = "L",
    sequence: int = 1,
    name: str = "Budi Santoso",
    golongan: str = "III/c",
    unit: str = "15.BKD",
    kind: str = "PNS",
    **overrides: Any,
) -> list[Any]:
    """One valid template row (16 columns); `overrides` by header name."""
    values: dict[str, Any] = {
        "NIP": make_nip(born, 2010, 3, gender, sequence),
        "Nama": name,
        "Gelar Depan": "",
        "Gelar Belakang": "S.T.",
        "Tempat Lahir": "Jambi",
        "Tanggal Lahir": born,
        "Jenis Kelamin": gender,
        "Status Kepegawaian": kind,
        "Golongan": golongan,
        "TMT Golongan": dt.date(2020, 4, 1),
        "Jabatan": "Analis Kepegawaian Ahli Muda",
        "Jenis Jabatan": "Fungsional Ahli Muda",
        "Unit Kerja": unit,
        "Pendidikan Terakhir": "S1",
        "Email": f"pegawai{sequence}@example.id",
        "Telepon": "081200000000",
    }
    values.update(overrides)
    return [values[header] for header in HEADERS]


def write_xlsx(path: Path, rows: list[list[Any]], headers: list[str] | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headers or HEADERS)
    for values in rows:
        sheet.append(values)
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: list[list[Any]], *, delimiter: str = ",", headers: list[str] | None = None
) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers or HEADERS)
        for values in rows:
            writer.writerow([f"{v:%Y-%m-%d}" if isinstance(v, dt.date) else v for v in values])
    return path


def counts() -> tuple[int, int, int]:
    return Employee.objects.count(), EmployeeHistory.objects.count(), AuditEntry.objects.count()


# --- Happy paths --------------------------------------------------------------------------------


def test_template_xlsx_imports_every_row_with_history_and_audit() -> None:
    report = employee_import(
        actor=None, source=fixture("garda_valid.xlsx"), filename="garda_valid.xlsx"
    )
    assert report.ok
    assert (report.format, report.total, report.created, report.updated) == ("garda", 6, 6, 0)
    ahmad = Employee.objects.select_related(
        "golongan", "jabatan_kind", "unit", "education_level"
    ).get(nip="198003122005011001")
    assert ahmad.full_name == "Dr. Ahmad Hidayat, M.Si."
    assert ahmad.birth_date == dt.date(1980, 3, 12)
    assert ahmad.golongan is not None
    assert ahmad.golongan.code == "IV/a"
    assert ahmad.tmt_golongan == dt.date(2018, 4, 1)
    assert ahmad.jabatan_kind is not None
    assert ahmad.jabatan_kind.code == "administrator"
    assert ahmad.unit.code == "15.BKD"
    assert ahmad.education_level is not None
    assert ahmad.education_level.code == "S3"
    # By exact name, by code, SIASN-style education spellings, a PPPK golongan.
    siti = Employee.objects.get(nip="198811302014032007")
    assert siti.unit.code == "15.BKD"
    assert siti.education_level is not None
    assert siti.education_level.code == "S1"
    dewi = Employee.objects.get(name="Dewi Lestari")
    assert (dewi.kind, dewi.unit.code, str(dewi.golongan)) == ("pppk", "15.RSUD-RM", "IX")
    assert Employee.objects.get(name="Nurul Aini").education_level.code == "D3"  # type: ignore[union-attr]
    assert Employee.objects.get(name="Yusuf Nasution").education_level.code == "SMA"  # type: ignore[union-attr]
    # History: one row per kind that has data (golongan, jabatan, unit, pendidikan).
    assert set(ahmad.history.values_list("kind", flat=True)) == {
        HistoryKind.GOLONGAN,
        HistoryKind.JABATAN,
        HistoryKind.UNIT,
        HistoryKind.PENDIDIKAN,
    }
    # One audit entry per employee plus the summary; personal fields masked.
    created = AuditEntry.objects.filter(action="employee.import_create")
    assert created.count() == 6
    entry = created.get(object_id=str(ahmad.pk))
    assert entry.after["nip"] == "**************1001"
    assert entry.after["birth_date"] == "***"
    summary = AuditEntry.objects.get(action="employee.import")
    assert summary.after["created"] == 6
    assert summary.after["filename"] == "garda_valid.xlsx"


def test_template_csv_imports_the_same_people_as_the_xlsx() -> None:
    report = employee_import(
        actor=None, source=fixture("garda_valid.csv"), filename="garda_valid.csv"
    )
    assert report.ok
    assert report.created == 6
    again = employee_import(
        actor=None, source=fixture("garda_valid.xlsx"), filename="garda_valid.xlsx"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


def test_headers_match_ignoring_case_spacing_and_underscores(tmp_path: Path) -> None:
    messy = [
        f"  {h.upper().replace(' ', '_')} " if i % 2 else h.lower() for i, h in enumerate(HEADERS)
    ]
    path = write_csv(tmp_path / "rapi.csv", [row()], delimiter=";", headers=messy)
    report = employee_import(actor=None, source=path, filename="rapi.csv")
    assert report.ok, report.problems()
    assert report.created == 1


def test_dates_as_text_in_both_orders_and_slashes(tmp_path: Path) -> None:
    rows = [
        row(sequence=1, **{"Tanggal Lahir": "1985-04-10", "TMT Golongan": "01-04-2020"}),
        row(sequence=2, **{"Tanggal Lahir": "10/04/1985", "TMT Golongan": "2020/04/01"}),
    ]
    report = employee_import(
        actor=None, source=write_xlsx(tmp_path / "t.xlsx", rows), filename="t.xlsx"
    )
    assert report.ok, report.problems()
    assert set(Employee.objects.values_list("tmt_golongan", flat=True)) == {dt.date(2020, 4, 1)}


def test_siasn_pipe_export_is_recognised_and_mapped() -> None:
    report = employee_import(actor=None, source=fixture("siasn_pipe.csv"), filename="siasn.csv")
    assert report.ok, report.problems()
    assert (report.format, report.created) == ("siasn", 5)
    people = {
        e.name: e
        for e in Employee.objects.select_related(
            "golongan", "jabatan_kind", "unit", "education_level"
        )
    }
    hendra = people["HENDRA SAPUTRA"]
    assert hendra.gelar_belakang == "S.E., M.M."
    assert hendra.birth_place == "JAMBI"
    assert hendra.nik == "1571011708830004"
    assert hendra.phone == "081377700001"
    assert hendra.email == "hendra.saputra@jambiprov.go.id"  # EMAIL empty: EMAIL GOV
    assert hendra.jabatan_kind.code == "pengawas"  # type: ignore[union-attr]  # Kepala Seksi
    assert hendra.education_level.code == "S2"  # type: ignore[union-attr]
    assert hendra.education_major == "Magister Manajemen"
    assert hendra.education_institution == "Universitas Jambi"
    assert hendra.unit.code == "15.BKD"
    rina = people["RINA MARLINA"]
    # "Dinas Kesehatan" names 12 units; INSTANSI KERJA NAMA picks Kota Jambi's.
    assert rina.unit.code == "15.71.DINKES"
    assert rina.jabatan_kind.code == "fungsional_ahli_muda"  # type: ignore[union-attr]
    assert rina.education_level.code == "D4"  # type: ignore[union-attr]
    joko = people["JOKO SUSANTO"]
    assert (joko.status, joko.jabatan_kind.code) == ("cuti", "pelaksana")  # type: ignore[union-attr]
    putri = people["PUTRI ANGGRAINI"]
    assert (putri.kind, putri.golongan.code) == ("pppk", "IX")  # type: ignore[union-attr]
    assert putri.unit.code == "15.DISDIK"
    syafrizal = people["SYAFRIZAL"]
    assert syafrizal.jabatan_kind.code == "jpt_pratama"  # type: ignore[union-attr]
    assert syafrizal.unit.code == "15.DINKES"
    assert syafrizal.education_level.code == "S3"  # type: ignore[union-attr]
    # SIASN's status gives a status history row too.
    assert joko.history.filter(kind=HistoryKind.STATUS).count() == 1


def test_siasn_comma_export_with_m_f_genders_matches_the_pipe_one() -> None:
    report = employee_import(actor=None, source=fixture("siasn_comma.csv"), filename="lama.csv")
    assert report.ok, report.problems()
    assert (report.format, report.created) == ("siasn", 5)
    assert Employee.objects.get(name="RINA MARLINA").gender == "P"
    assert Employee.objects.get(name="JOKO SUSANTO").gender == "L"
    again = employee_import(actor=None, source=fixture("siasn_pipe.csv"), filename="baru.csv")
    # The newer export adds NAMA SEKOLAH; nothing else differs.
    assert (again.updated, again.unchanged) == (2, 3)


def test_siasn_names_are_mapped_documented_way() -> None:
    assert jabatan_kind_code("Struktural", "Sekretaris Daerah Provinsi Jambi") == "jpt_madya"
    assert jabatan_kind_code("Jabatan Struktural", "Kepala Badan Kepegawaian Daerah") == (
        "jpt_pratama"
    )
    assert jabatan_kind_code("Struktural", "Kepala Bidang Mutasi") == "administrator"
    assert jabatan_kind_code("Struktural", "Kepala Subbagian Umum") == "pengawas"
    assert jabatan_kind_code("Fungsional Tertentu", "Widyaiswara Ahli Utama") == (
        "fungsional_ahli_utama"
    )
    assert jabatan_kind_code("Fungsional", "Pranata Komputer Penyelia") == "fungsional_penyelia"
    assert jabatan_kind_code("Fungsional Tertentu", "Dokter") is None
    assert jabatan_kind_code("Fungsional Umum", "Pengemudi") == "pelaksana"
    assert jabatan_kind_code("Pelaksana", "Pengolah Data") == "pelaksana"
    assert _golongan_key("iii/a") == "III/a"
    assert _golongan_key("3a") == "III/a"
    assert _golongan_key("IV/e - Pembina Utama") == "IV/e"
    assert _golongan_key("ix") == "IX"
    assert _golongan_key("12") == "XII"
    assert normalise_header("  Tanggal_Lahir *") == "tanggal lahir"
    assert sniff_delimiter("NIP BARU|NAMA|GELAR DEPAN") == "|"
    assert sniff_delimiter("NIP;Nama;Tanggal Lahir") == ";"
    assert sniff_delimiter("NIP,Nama") == ","


def test_date_parsing() -> None:
    assert parse_date(dt.datetime(1990, 5, 1)) == dt.date(1990, 5, 1)  # noqa: DTZ001
    assert parse_date("1990-05-01") == dt.date(1990, 5, 1)
    assert parse_date("01-05-1990") == dt.date(1990, 5, 1)
    assert parse_date("1/5/1990") == dt.date(1990, 5, 1)
    assert parse_date("1990-05-01 00:00:00") == dt.date(1990, 5, 1)
    assert parse_date("") is None
    with pytest.raises(CellError, match="31-02-1990 does not exist"):
        parse_date("31-02-1990")
    with pytest.raises(CellError, match="not understood"):
        parse_date("1 Mei 1990")
    with pytest.raises(CellError, match="not plausible"):
        parse_date("01-05-0990")


# --- Errors ---------------------------------------------------------------------------------------


def test_every_bad_row_is_reported_and_nothing_is_written() -> None:
    before = counts()
    report = employee_import(
        actor=None, source=fixture("garda_errors.xlsx"), filename="garda_errors.xlsx"
    )
    assert not report.ok
    assert not report.written
    assert counts() == before  # no employee, no history, no audit entry
    found = {(e.row, e.column): e for e in report.errors}
    assert sorted(found) == [
        (3, "NIP"),
        (4, "NIP"),
        (5, "Tanggal Lahir"),
        (6, "Jenis Kelamin"),
        (7, "NIP"),
        (8, "Unit Kerja"),
        (9, "Tanggal Lahir"),
        (10, "Golongan"),
    ]
    assert "terbaca sebagai angka" in found[(3, "NIP")].message_id  # a real number cell
    assert "1.99203E+17" in found[(4, "NIP")].message_id  # scientific notation as text
    assert "read as a number" in found[(4, "NIP")].message_en
    assert "digit 1-8: 01-12-1969" in found[(5, "Tanggal Lahir")].message_id
    assert "digit 15: P" in found[(6, "Jenis Kelamin")].message_id
    assert found[(7, "NIP")].message_id == "NIP ini sudah muncul di baris 2."
    assert "Dinas Antah Berantah" in found[(8, "Unit Kerja")].message_id
    assert "31-02-1990 tidak ada di kalender" in found[(9, "Tanggal Lahir")].message_id
    assert "does not exist" in found[(9, "Tanggal Lahir")].message_en
    assert "'V/a' tidak dikenal untuk PNS" in found[(10, "Golongan")].message_id
    assert report.problems()[0].startswith("Baris 3, kolom NIP: NIP terbaca sebagai angka")
    assert report.problems("en")[0].startswith("Row 3, column NIP: NIP was read as a number")


def test_skip_invalid_writes_only_the_good_rows() -> None:
    report = employee_import(
        actor=None,
        source=fixture("garda_errors.xlsx"),
        filename="garda_errors.xlsx",
        skip_invalid=True,
    )
    assert not report.ok  # the command exits 1
    assert report.written
    assert (report.total, report.created, report.invalid_rows) == (11, 3, 8)
    assert sorted(Employee.objects.values_list("name", flat=True)) == [
        "Ahmad Hidayat",
        "Siti Rahmawati",
        "Yusuf Nasution",
    ]
    assert AuditEntry.objects.filter(action="employee.import_create").count() == 3
    assert AuditEntry.objects.get(action="employee.import").after["invalid_rows"] == 8


def test_pppk_number_must_start_with_the_birth_date(tmp_path: Path) -> None:
    bad = row(kind="PPPK", golongan="VII", **{"Tanggal Lahir": dt.date(1985, 4, 11)})
    report = employee_import(
        actor=None, source=write_xlsx(tmp_path / "p.xlsx", [bad]), filename="p.xlsx"
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "Tanggal Lahir")]
    assert "tidak cocok dengan NI PPPK" in report.errors[0].message_id
    # A PNS golongan is not a PPPK one.
    wrong = row(kind="PPPK", golongan="III/c")
    report = employee_import(
        actor=None, source=write_xlsx(tmp_path / "q.xlsx", [wrong]), filename="q.xlsx"
    )
    assert "tidak dikenal untuk PPPK" in report.errors[0].message_id


def test_nip_structure_and_other_cells_are_checked(tmp_path: Path) -> None:
    rows = [
        row(sequence=1, NIP="19850410201003100"),  # 17 digits
        row(sequence=2, NIP=198504102010031002),  # an integer cell
        row(sequence=3, NIP="198504102010031000"),  # sequence 000
        row(sequence=4, Email="bukan-email"),
        row(sequence=5, **{"Jenis Jabatan": "Jabatan Ajaib", "Pendidikan Terakhir": "Kursus"}),
        row(sequence=6, **{"Jenis Kelamin": "X", "Status Kepegawaian": "Honorer"}),
        row(sequence=7, Nama=""),
        row(sequence=8, **{"Unit Kerja": "Dinas Kesehatan"}),  # twelve units share the name
    ]
    report = employee_import(
        actor=None, source=write_xlsx(tmp_path / "n.xlsx", rows), filename="n.xlsx"
    )
    by_row: dict[int, list[str]] = {}
    for error in report.errors:
        by_row.setdefault(error.row, []).append(f"{error.column}: {error.message_id}")
    assert "harus 18 digit" in by_row[2][0]
    assert "terbaca sebagai angka" in by_row[3][0]
    assert "000" in by_row[4][0]
    assert by_row[5] == ["Email: Alamat email 'bukan-email' tidak valid."]
    assert [m.split(":")[0] for m in by_row[6]] == ["Jenis Jabatan", "Pendidikan Terakhir"]
    assert [m.split(":")[0] for m in by_row[7]] == ["Status Kepegawaian", "Jenis Kelamin"]
    assert by_row[8] == ["Nama: Nama wajib diisi."]
    assert "dipakai 12 unit" in by_row[9][0]
    assert Employee.objects.count() == 0


def test_missing_required_columns_are_named(tmp_path: Path) -> None:
    headers = [h for h in HEADERS if h not in {"Unit Kerja", "Tanggal Lahir"}]
    values = [v for h, v in zip(HEADERS, row(), strict=True) if h in headers]
    path = write_xlsx(tmp_path / "k.xlsx", [values], headers=headers)
    report = employee_import(actor=None, source=path, filename="k.xlsx", skip_invalid=True)
    assert [(e.row, e.column) for e in report.errors] == [(1, "Tanggal Lahir"), (1, "Unit Kerja")]
    assert Employee.objects.count() == 0


def test_admin_opd_may_import_only_into_its_subtree(tmp_path: Path) -> None:
    bkd = Unit.objects.get(code="15.BKD")
    admin = make_user(role=Role.ADMIN_OPD, unit=bkd)
    rows = [row(sequence=1), row(sequence=2, **{"Unit Kerja": "15.DINKES"})]
    path = write_xlsx(tmp_path / "opd.xlsx", rows)
    report = employee_import(actor=admin, source=path, filename="opd.xlsx")
    assert [(e.row, e.column, e.message_id) for e in report.errors] == [
        (3, "Unit Kerja", "Unit kerja di luar kewenangan Anda.")
    ]
    # Nor may it pull in an employee now kept in another OPD by naming its own unit.
    employee_import(
        actor=None, source=write_xlsx(tmp_path / "d.xlsx", [rows[1]]), filename="d.xlsx"
    )
    takeover = write_xlsx(tmp_path / "t.xlsx", [row(sequence=2)])
    report = employee_import(actor=admin, source=takeover, filename="t.xlsx")
    assert "di luar kewenangan Anda" in report.errors[0].message_id
    assert Employee.objects.get().unit.code == "15.DINKES"


# --- Re-import and changes ------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing_at_all() -> None:
    employee_import(actor=None, source=fixture("garda_valid.xlsx"), filename="a.xlsx")
    before = counts()
    stamps = list(Employee.objects.order_by("pk").values_list("updated_at", flat=True))
    report = employee_import(actor=None, source=fixture("garda_valid.xlsx"), filename="a.xlsx")
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert not report.written
    # Decided: a no-op import leaves no trace at all, not even a summary audit entry.
    assert counts() == before
    assert list(Employee.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_a_changed_golongan_updates_the_record_and_adds_one_history_row(tmp_path: Path) -> None:
    first = [row(sequence=1), row(sequence=2, name="Rudi Effendi")]
    employee_import(actor=None, source=write_xlsx(tmp_path / "1.xlsx", first), filename="1.xlsx")
    budi = Employee.objects.get(name="Budi Santoso")
    history_before = EmployeeHistory.objects.count()
    audit_before = AuditEntry.objects.count()
    changed = [
        row(sequence=1, golongan="III/d", **{"TMT Golongan": dt.date(2024, 4, 1)}),
        row(sequence=2, name="Rudi Effendi"),
    ]
    report = employee_import(
        actor=None, source=write_xlsx(tmp_path / "2.xlsx", changed), filename="2.xlsx"
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    budi.refresh_from_db()
    assert budi.golongan is not None
    assert budi.golongan.code == "III/d"
    assert budi.tmt_golongan == dt.date(2024, 4, 1)
    new_history = EmployeeHistory.objects.filter(pk__gt=0).count() - history_before
    assert new_history == 1
    latest = budi.history.filter(kind=HistoryKind.GOLONGAN).order_by("-pk").first()
    assert latest is not None
    assert latest.effective_on == dt.date(2024, 4, 1)
    assert AuditEntry.objects.count() == audit_before + 2  # the update and the summary
    update = AuditEntry.objects.get(action="employee.import_update")
    assert set(update.after) == {"golongan_id", "tmt_golongan"}
    assert update.before["tmt_golongan"] == "2020-04-01"


# --- The command ----------------------------------------------------------------------------------


def test_command_exits_0_when_every_row_is_imported(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_asn", str(fixture("garda_valid.xlsx")))
    out = capsys.readouterr().out
    assert "6 baris data; 6 baru, 0 diubah, 0 tidak berubah." in out
    assert Employee.objects.count() == 6


def test_command_reports_every_error_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("import_asn", str(fixture("garda_errors.xlsx")))
    assert raised.value.returncode == 1
    captured = capsys.readouterr()
    assert "Baris 3, kolom NIP: NIP terbaca sebagai angka" in captured.err
    assert "Baris 9, kolom Tanggal Lahir: Tanggal 31-02-1990 tidak ada di kalender." in captured.err
    assert len(captured.err.strip().splitlines()) == 8
    assert "Tidak ada yang disimpan: 8 baris bermasalah." in captured.out
    assert Employee.objects.count() == 0


def test_command_in_english_with_skip_invalid_imports_good_rows_but_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    user = make_user(role=Role.ADMIN_PROVINSI, unit=Unit.objects.get(code="15.BKD"))
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_asn",
            str(fixture("garda_errors.xlsx")),
            "--skip-invalid",
            "--lang",
            "en",
            "--actor",
            user.username,
        )
    assert raised.value.returncode == 1
    captured = capsys.readouterr()
    assert "Row 7, column NIP: This NIP already appears in row 2." in captured.err
    assert "3 created" in captured.out
    assert "8 rows with problems were skipped" in captured.out
    assert Employee.objects.count() == 3
    assert AuditEntry.objects.filter(action="employee.import", actor=user).count() == 1


def test_command_rejects_an_unreadable_file(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"bukan excel")
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("import_asn", str(broken))
    no_header = write_csv(tmp_path / "x.csv", [["a"]], headers=["Nama", "Alamat"])
    with pytest.raises(CommandError, match="judul kolom tidak ditemukan"):
        call_command("import_asn", str(no_header))


# --- The upload page ------------------------------------------------------------------------------


def _admin(role: str = Role.ADMIN_PROVINSI, code: str = "15.BKD") -> User:
    return make_user(role=role, unit=Unit.objects.get(code=code))


def _upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def test_upload_page_runs_the_import_as_a_job(
    django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login_client(_admin())
    page = client.get("/pegawai/impor/").content.decode()
    assert "Unggah dan Impor" in page
    assert "Impor baris yang valid saja (lewati baris bermasalah)" in page
    assert "/pegawai/impor/templat.xlsx" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pegawai/impor/", {"file": _upload(fixture("siasn_pipe.csv"))})
    job = Job.objects.get(kind="people.import")
    assert response.status_code == 302
    assert response["Location"] == f"/pekerjaan/{job.pk}/"
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["created"] == 5
    assert Employee.objects.count() == 5
    assert list((tmp_path / "media" / "imports").iterdir()) == []  # the upload is not kept
    shown = client.get(response["Location"]).content.decode()
    assert "5 baru" in shown


def test_upload_page_lists_every_problem_on_the_job_page(
    django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login_client(_admin(Role.ADMIN_PROVINSI, "15"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pegawai/impor/", {"file": _upload(fixture("garda_errors.xlsx"))})
    job = Job.objects.get(kind="people.import")
    assert job.status == JobStatus.FAILED
    assert len(job.result["problems"]) == 8
    page = client.get(response["Location"]).content.decode()
    assert "Baris 7, kolom NIP: NIP ini sudah muncul di baris 2." in page
    assert "Baris 10, kolom Golongan:" in page
    assert "Tidak ada yang disimpan" in page
    assert Employee.objects.count() == 0


def test_upload_with_skip_invalid_keeps_the_good_rows(
    django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login_client(_admin())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/pegawai/impor/",
            {"file": _upload(fixture("garda_errors.xlsx")), "skip_invalid": "on"},
        )
    job = Job.objects.get(kind="people.import")
    assert job.status == JobStatus.SUCCEEDED
    assert (job.result["created"], job.result["invalid_rows"]) == (3, 8)
    assert Employee.objects.count() == 3


def test_upload_refuses_other_file_types(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login_client(_admin())
    response = client.post(
        "/pegawai/impor/", {"file": SimpleUploadedFile("data.txt", b"NIP,Nama\n")}
    )
    assert response.status_code == 200
    assert "Hanya berkas .xlsx dan .csv" in response.content.decode()
    assert response.context["form"].errors["file"]  # beside the file field, on its own page
    assert "people/import_upload.html" in [t.name for t in response.templates]
    assert not Job.objects.exists()


def test_only_admins_may_import_or_download_the_template() -> None:
    for role in (Role.ASN, Role.ATASAN, Role.AUDITOR, Role.PETUGAS_FASKES):
        client = login_client(make_user(role=role))
        assert client.get("/pegawai/impor/").status_code == 403, role
        assert client.get("/pegawai/impor/templat.xlsx").status_code == 403, role
    admin = login_client(_admin(Role.ADMIN_OPD))
    assert admin.get("/pegawai/impor/templat.pdf").status_code == 404


def test_downloaded_template_has_the_headers_and_a_valid_example() -> None:
    client = login_client(_admin(Role.ADMIN_OPD, "15.KOMINFO"))
    response = client.get("/pegawai/impor/templat.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="templat-impor-asn.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Pegawai ASN"]
    assert [c.value for c in sheet[1]][:16] == HEADERS
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].number_format == "@"
    assert "Petunjuk" in workbook.sheetnames
    codes = [c.value for c in workbook["Unit Kerja"]["A"]][1:]
    assert codes == ["15.KOMINFO"]  # only the units this admin may fill in
    csv_text = client.get("/pegawai/impor/templat.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].split(",")[:16] == HEADERS
    path_report = employee_import(
        actor=None, source=io.BytesIO(response.content), filename="templat.xlsx"
    )
    assert path_report.ok, path_report.problems()
    assert path_report.created == 1


def test_history_rows_are_what_the_service_would_write() -> None:
    """The import builds history rows itself (for speed); they must equal the service's."""
    from garda.people.services import history_entries_for

    employee_import(actor=None, source=fixture("siasn_pipe.csv"), filename="s.csv")
    for employee in Employee.objects.all():
        with_data = {
            name
            for name in (
                "golongan_id",
                "tmt_golongan",
                "jabatan_name",
                "jabatan_kind_id",
                "unit_id",
                "education_level_id",
                "education_major",
                "education_institution",
                "status",
            )
            if getattr(employee, name) not in (None, "")
        }
        expected = {
            (h.kind, h.effective_on, repr(sorted(h.data.items())))
            for h in history_entries_for(employee, with_data, effective_on=dt.date.today())  # noqa: DTZ011
        }
        stored = {
            (h.kind, h.effective_on, repr(sorted(h.data.items()))) for h in employee.history.all()
        }
        assert stored == expected, employee.name


def test_a_nik_of_another_employee_is_refused(tmp_path: Path) -> None:
    employee_import(actor=None, source=fixture("siasn_pipe.csv"), filename="s.csv")
    lines = fixture("siasn_pipe.csv").read_text(encoding="utf-8").splitlines()
    header, first, second = lines[0], lines[1], lines[2]
    # Row 3 (RINA) now carries HENDRA's NIK.
    second = second.replace("1508014901900002", "1571011708830004")
    path = tmp_path / "nik.csv"
    path.write_text("\n".join([header, first, second]) + "\n", encoding="utf-8")
    report = employee_import(actor=None, source=path, filename="nik.csv")
    assert [(e.row, e.column) for e in report.errors] == [(3, "NIK")]
    assert "NIK ini sudah muncul di baris 2" in report.errors[0].message_id
    only_second = tmp_path / "nik2.csv"
    only_second.write_text("\n".join([header, second]) + "\n", encoding="utf-8")
    report = employee_import(actor=None, source=only_second, filename="nik2.csv")
    assert [(e.row, e.column, e.message_id) for e in report.errors] == [
        (2, "NIK", "NIK ini sudah tercatat untuk pegawai lain.")
    ]
    assert Employee.objects.get(name="RINA MARLINA").nik == "1508014901900002"
