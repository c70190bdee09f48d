"""The registry's data version ("people"): every path that writes employees or their history
(the record form, the self-service profile, the API, the ASN import with its upload page, task
and command) changes it in the writing transaction, so figures cached from the registry (the
IP ASN dashboard) show the change on the next request."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from garda.core.dataversion import data_stamp
from garda.core.identity import make_nip
from garda.core.models import Unit
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.people import stamp
from garda.people.models import EducationLevel, Employee, Golongan, JabatanKind
from garda.people.services import employee_create, employee_update
from garda.people.services.asn_import import employee_import
from garda.people.tests.test_import import row as import_row
from garda.people.tests.test_import import write_csv

pytestmark = pytest.mark.django_db


def _bumps(write: Callable[[], Any]) -> Any:
    """Run `write`; assert the registry's stamp changed; return what `write` returned."""
    before = data_stamp(stamp.NAME)
    result = write()
    assert data_stamp(stamp.NAME) != before
    return result


def _level(code: str) -> int:
    return int(EducationLevel.objects.get(code=code).pk)


@pytest.fixture
def opd() -> Unit:
    province = UnitFactory(code="T16", kind="instansi", name="Pemprov Uji")
    return UnitFactory(code="T16.A", kind="opd", name="Dinas Alpha", parent=province)


def _employee(unit: Unit, **extra: Any) -> Employee:
    born = dt.date(1986, 5, 4)
    return employee_create(
        actor=None, nip=make_nip(born, 2011, 3, "L", 7), kind="pns", name="Dedi", birth_date=born,
        gender="L", unit_id=unit.pk, golongan_id=Golongan.objects.get(kind="pns", code="III/a").pk,
        tmt_golongan=dt.date(2011, 3, 1), jabatan_name="Pengadministrasi Umum",
        jabatan_kind_id=JabatanKind.objects.get(code="pelaksana").pk,
        education_level_id=_level("SMA"), **extra,
    )  # fmt: skip


def test_every_registry_writer_bumps_the_stamp() -> None:
    """The enumeration of write paths: only people/services/employees.py writes the employee
    and history tables, and each of its writers bumps the stamp (a writer added elsewhere, or
    one without the bump, would leave cached figures stale for their lifetime)."""
    source = Path(__file__).resolve().parents[2]
    writes = re.compile(
        r"(Employee|EmployeeHistory)\.objects\.[\w().=\[\], ]*?\.?"
        r"(update|create|bulk_create|bulk_update|delete|get_or_create|update_or_create)\("
        r"|EmployeeTable\(\)\.(create|update)|\bemployee\.(save|delete)\("
        r"|insert_history\(|insert_many\(\s*EmployeeHistory"
    )
    writers = {
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and writes.search(path.read_text(encoding="utf-8"))
    }
    assert writers == {"people/services/employees.py"}
    text = (source / "people/services/employees.py").read_text(encoding="utf-8")
    for writer in ("def employees_create", "def employees_update_changed", "def employee_update"):
        body = text.split(writer, 1)[1].split("\ndef ", 1)[0]
        assert "stamp.bump()" in body, writer


def test_record_form_self_service_and_api_bump(opd: Unit) -> None:
    employee = _bumps(lambda: _employee(opd))
    admin = make_user(role=Role.ADMIN_OPD, unit=opd)
    client = login_client(admin)
    data = {
        "name": "Dedi", "gelar_depan": "", "gelar_belakang": "", "kind": "pns",
        "birth_place": "", "birth_date": employee.birth_date.isoformat(), "gender": "L",
        "golongan": employee.golongan_id, "tmt_golongan": "2011-03-01",
        "jabatan_name": "Pengadministrasi Umum", "jabatan_kind": employee.jabatan_kind_id,
        "unit": opd.pk, "education_level": _level("S1"), "education_major": "",
        "education_institution": "", "email": "", "phone": "", "status": "aktif",
    }  # fmt: skip
    response = _bumps(lambda: client.post(f"/pegawai/{employee.pk}/ubah/", data))
    assert response.status_code == 302, response.content.decode()[:2000]
    employee.refresh_from_db()
    assert employee.education_level_id == _level("S1")

    answer = _bumps(
        lambda: client.patch(
            f"/api/v1/employees/{employee.pk}/",
            {"education_level": _level("S2"), "status": "pensiun"},
            content_type="application/json",
        )
    )
    assert answer.status_code == 200, answer.content.decode()[:2000]

    user = make_user(role=Role.ASN, unit=opd)
    employee_update(actor=None, employee=employee, values={"user_id": user.pk})
    profile = _bumps(
        lambda: login_client(user).post("/profil-asn/", {"email": "dedi@jambiprov.go.id"})
    )
    assert profile.status_code == 302
    # A write that changes nothing writes nothing, the stamp included.
    before = data_stamp(stamp.NAME)
    employee_update(actor=None, employee=employee, values={"status": "pensiun"})
    assert data_stamp(stamp.NAME) == before


def test_import_its_command_and_its_upload_page_bump(
    tmp_path: Path, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = write_csv(tmp_path / "asn.csv", [import_row(sequence=1)])
    assert _bumps(lambda: employee_import(actor=None, source=first, filename="asn.csv")).ok
    moved = write_csv(
        tmp_path / "asn2.csv", [import_row(sequence=1, **{"Pendidikan Terakhir": "S2"})]
    )
    _bumps(lambda: call_command("import_asn", str(moved)))
    assert Employee.objects.get().education_level_id == _level("S2")
    # Re-importing the same file writes nothing: the stamp stays.
    before = data_stamp(stamp.NAME)
    call_command("import_asn", str(moved))
    assert data_stamp(stamp.NAME) == before

    settings.MEDIA_ROOT = tmp_path / "media"
    admin = make_user(role=Role.ADMIN_PROVINSI, unit=Unit.objects.get(code="15.BKD"))
    third = write_csv(
        tmp_path / "asn3.csv", [import_row(sequence=1, kind="PNS", **{"Pendidikan Terakhir": "D3"})]
    )

    def upload() -> Any:
        # The page stores the file and opens a job; the task imports after the commit.
        with django_capture_on_commit_callbacks(execute=True):
            return login_client(admin).post(
                "/pegawai/impor/", {"file": SimpleUploadedFile("asn3.csv", third.read_bytes())}
            )

    assert _bumps(upload).status_code == 302
    assert Employee.objects.get().education_level_id == _level("D3")
