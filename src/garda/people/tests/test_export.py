"""Export of the ASN registry: scoped, formula-safe, in the template's columns, re-importable."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from garda.core.audit.models import AuditEntry
from garda.core.identity import make_nip
from garda.core.models import Unit
from garda.core.roles import Role
from garda.core.spreadsheets.export import neutralise
from garda.core.testing import login_client, make_user
from garda.people.models import Employee, EmployeeHistory, Golongan
from garda.people.services import employee_create
from garda.people.services.asn_export import HEADERS, employee_export
from garda.people.services.asn_import import employee_import

pytestmark = pytest.mark.django_db


def _employee(sequence: int, unit_code: str, **values: Any) -> Employee:
    born = dt.date(1984, 2, 1 + sequence % 27)
    defaults: dict[str, Any] = {
        "kind": "pns",
        "name": f"Pegawai {sequence}",
        "birth_date": born,
        "gender": "P",
        "birth_place": "Jambi",
        "unit_id": Unit.objects.get(code=unit_code).pk,
        "golongan_id": Golongan.objects.get(kind="pns", code="III/c").pk,
        "tmt_golongan": dt.date(2021, 4, 1),
        "jabatan_name": "Pengelola Keuangan",
        "email": f"p{sequence}@example.id",
        "phone": "081300000000",
    }
    defaults.update(values)
    return employee_create(actor=None, nip=make_nip(born, 2009, 3, "P", sequence), **defaults)


@pytest.fixture
def people() -> dict[str, Employee]:
    return {
        "bkd": _employee(1, "15.BKD", name="Rahma Fitriani"),
        "bkd2": _employee(2, "15.BKD", name='=HYPERLINK("http://x.example/","klik")'),
        "dinkes": _employee(3, "15.DINKES", name="Sari Handayani", phone="+6281234567"),
        "kota": _employee(4, "15.71.DINKES", name="Maya Anggraini", gelar_depan="@dr."),
    }


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_export_csv_has_the_template_columns_and_neutralised_formulas(
    people: dict[str, Employee],
) -> None:
    rows = _csv_rows(employee_export(user=None, fmt="csv"))
    assert list(rows[0]) == HEADERS
    by_nip = {r["NIP"]: r for r in rows}
    assert by_nip[people["bkd2"].nip]["Nama"] == '\'=HYPERLINK("http://x.example/","klik")'
    assert by_nip[people["dinkes"].nip]["Telepon"] == "'+6281234567"
    assert by_nip[people["kota"].nip]["Gelar Depan"] == "'@dr."
    first = by_nip[people["bkd"].nip]
    assert first["Tanggal Lahir"] == people["bkd"].birth_date.isoformat()
    assert (first["Golongan"], first["Unit Kerja"], first["Status Kepegawaian"]) == (
        "III/c",
        "15.BKD",
        "PNS",
    )
    assert neutralise("-1+2") == "'-1+2"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("Biasa") == "Biasa"
    assert neutralise(5) == 5


def test_export_xlsx_keeps_nip_as_text_dates_as_dates_and_no_formula(
    people: dict[str, Employee],
) -> None:
    workbook = load_workbook(io.BytesIO(employee_export(user=None, fmt="xlsx")))
    sheet = workbook.active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == HEADERS
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    bkd2 = cells[people["bkd2"].nip]
    assert bkd2[0].data_type == "s"
    assert bkd2[0].number_format == "@"
    assert bkd2[1].value == '\'=HYPERLINK("http://x.example/","klik")'
    assert bkd2[1].data_type == "s"  # a string, not a formula
    assert isinstance(bkd2[5].value, dt.datetime)
    assert bkd2[5].value.date() == people["bkd2"].birth_date
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_export_respects_scoping(people: dict[str, Employee]) -> None:
    admin_opd = make_user(role=Role.ADMIN_OPD, unit=Unit.objects.get(code="15.BKD"))
    nips = {r["NIP"] for r in _csv_rows(employee_export(user=admin_opd, fmt="csv"))}
    assert nips == {people["bkd"].nip, people["bkd2"].nip}
    kota_admin = make_user(role=Role.ADMIN_INSTANSI, unit=Unit.objects.get(code="15.71"))
    nips = {r["NIP"] for r in _csv_rows(employee_export(user=kota_admin, fmt="csv"))}
    assert nips == {people["kota"].nip}
    province = make_user(role=Role.ADMIN_INSTANSI, unit=Unit.objects.get(code="15"))
    nips = {r["NIP"] for r in _csv_rows(employee_export(user=province, fmt="csv"))}
    assert nips == {people["bkd"].nip, people["bkd2"].nip, people["dinkes"].nip}


def test_export_page_is_scoped_filtered_and_audited(people: dict[str, Employee]) -> None:
    client = login_client(make_user(role=Role.ADMIN_OPD, unit=Unit.objects.get(code="15.BKD")))
    response = client.get("/pegawai/ekspor.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="data-asn-')
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert {r["Nama"] for r in _csv_rows(body)} == {
        "Rahma Fitriani",
        '\'=HYPERLINK("http://x.example/","klik")',
    }
    filtered = b"".join(
        client.get("/pegawai/ekspor.csv", {"q": "Rahma", "unknown": "x"}).streaming_content  # type: ignore[attr-defined]
    )
    assert [r["Nama"] for r in _csv_rows(filtered)] == ["Rahma Fitriani"]
    ignored = b"".join(
        client.get("/pegawai/ekspor.csv", {"golongan": "bukan-angka"}).streaming_content  # type: ignore[attr-defined]
    )
    assert len(_csv_rows(ignored)) == 2  # an invalid filter value is ignored
    entry = AuditEntry.objects.filter(action="employee.export").order_by("-pk").first()
    assert entry is not None
    assert entry.after["rows"] == 2
    xlsx = client.get("/pegawai/ekspor.xlsx", {"status": "aktif"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.max_row == 3
    assert client.get("/pegawai/ekspor.pdf").status_code == 404


def test_export_access_by_role(people: dict[str, Employee]) -> None:
    for role in (Role.ATASAN, Role.AUDITOR, Role.ADMIN_PROVINSI):
        client = login_client(make_user(role=role, unit=Unit.objects.get(code="15.BKD")))
        assert client.get("/pegawai/ekspor.xlsx").status_code == 200, role
    for role in (Role.ASN, Role.PPID, Role.PETUGAS_FASKES):
        client = login_client(make_user(role=role, unit=Unit.objects.get(code="15.BKD")))
        assert client.get("/pegawai/ekspor.csv").status_code == 403, role


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_reimports_as_a_no_op(people: dict[str, Employee], fmt: str) -> None:
    content = employee_export(user=None, fmt=fmt)
    before = (EmployeeHistory.objects.count(), AuditEntry.objects.count())
    report = employee_import(actor=None, source=io.BytesIO(content), filename=f"ekspor.{fmt}")
    assert report.ok, report.problems()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert (EmployeeHistory.objects.count(), AuditEntry.objects.count()) == before
    # The neutralising apostrophe came off again on the way in.
    assert Employee.objects.get(pk=people["bkd2"].pk).name.startswith("=HYPERLINK")


def test_export_command_writes_everything_or_a_users_share(
    people: dict[str, Employee], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "semua.xlsx"
    call_command("export_asn", "--format", "xlsx", "--output", str(output))
    sheet = load_workbook(output).active
    assert sheet is not None
    assert sheet.max_row == 5
    assert "Ditulis" in capsys.readouterr().out
    admin = make_user(role=Role.ADMIN_OPD, unit=Unit.objects.get(code="15.DINKES"))
    mine = tmp_path / "dinkes.csv"
    call_command("export_asn", "--format", "csv", "--output", str(mine), "--user", admin.username)
    assert [r["Nama"] for r in _csv_rows(mine.read_bytes())] == ["Sari Handayani"]
