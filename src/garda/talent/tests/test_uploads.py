"""The upload pages of SKP, potential and discipline files: each runs the very service its
command runs (enumerated below), all or nothing with "Baris N, kolom X" on the job page, skip
invalid rows on request, and the same roles as the command (discipline: BKD only)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from garda.core.models import Job, JobStatus
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.testing import make_employee
from garda.talent.models import PotentialResult, Sanction, SkpResult
from garda.talent.services import records

pytestmark = pytest.mark.django_db

# kind, command, page, a file of one good row for "{nip}", the model it writes
PATHS = [
    ("skp", "import_skp", "/talenta/skp/impor/", "NIP,Tahun,Predikat\n{nip},2025,Baik\n",
     SkpResult),
    ("potensial", "import_potensial", "/talenta/potensial/impor/",
     "NIP,Tahun,Potensial\n{nip},2025,TINGGI\n", PotentialResult),
    ("disiplin", "import_disiplin", "/talenta/disiplin/impor/",
     "NIP,Tingkat,Jenis Hukuman,TMT,Tanggal Selesai,Nomor SK\n"
     "{nip},Ringan,Teguran lisan,2025-02-01,,SK-1\n", Sanction),
]  # fmt: skip


@pytest.fixture
def world(settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    instansi = UnitFactory(kind="instansi")
    opd = UnitFactory(parent=instansi)
    return {
        "opd": opd,
        "employee": make_employee(unit=opd),
        "bkd": make_user(role=Role.ADMIN_INSTANSI, unit=instansi),
        "opd_admin": make_user(role=Role.ADMIN_OPD, unit=opd),
    }


def _file(text: str, name: str = "berkas.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


@pytest.mark.parametrize(("kind", "command", "url", "text", "model"), PATHS)
def test_page_and_command_run_the_same_import(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any, tmp_path: Path,
    kind: str, command: str, url: str, text: str, model: Any,
) -> None:  # fmt: skip
    employee, seen = world["employee"], []
    real = records._import

    def spy(spec: Any, **kwargs: Any) -> Any:
        seen.append(spec.name)
        return real(spec, **kwargs)

    client = login_client(world["bkd"])
    with mock.patch.object(records, "_import", spy):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"file": _file(text.format(nip=employee.nip))})
        assert response.status_code == 302
        job = Job.objects.get(kind=f"talent.import.{kind}")
        assert job.status == JobStatus.SUCCEEDED
        assert job.result["created"] == 1
        assert model.objects.filter(employee=employee).count() == 1
        assert "1 baru" in client.get(response["Location"]).content.decode()
        path = tmp_path / "lagi.csv"
        path.write_text(text.format(nip=employee.nip), encoding="utf-8")
        out = io.StringIO()
        call_command(command, str(path), stdout=out, stderr=io.StringIO())
    assert "1 tidak berubah" in out.getvalue()  # the command found what the page wrote
    assert seen == [kind, kind]
    assert list((tmp_path / "media" / "imports").iterdir()) == []


def test_a_bad_row_stops_the_upload_unless_told(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    employee = world["employee"]
    text = f"NIP,Tahun,Predikat\n{employee.nip},2025,Baik\n{employee.nip},2024,Luar biasa\n"
    client = login_client(world["bkd"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/talenta/skp/impor/", {"file": _file(text)})
    job = Job.objects.get(kind="talent.import.skp")
    assert job.status == JobStatus.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Baris 3, kolom Predikat: Predikat &#x27;Luar biasa&#x27; tidak dikenal" in page
    assert SkpResult.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/talenta/skp/impor/", {"file": _file(text), "skip_invalid": "on"})
    assert list(SkpResult.objects.values_list("year", "predikat")) == [(2025, "baik")]


def test_discipline_upload_is_for_bkd_roles_only(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    opd_admin = login_client(world["opd_admin"])
    assert opd_admin.get("/talenta/skp/impor/").status_code == 200
    page = opd_admin.get("/talenta/disiplin/impor/")
    assert page.status_code in {403, 404}
    text = PATHS[2][3].format(nip=world["employee"].nip)
    with django_capture_on_commit_callbacks(execute=True):
        opd_admin.post("/talenta/disiplin/impor/", {"file": _file(text)})
    assert not Job.objects.filter(kind="talent.import.disiplin").exists()
    assert Sanction.objects.count() == 0
    asn = login_client(make_user(role=Role.ASN, unit=world["opd"]))
    assert asn.get("/talenta/skp/impor/").status_code in {403, 404}
    shown = login_client(world["bkd"]).get("/talenta/disiplin/impor/").content.decode()
    assert "NIP, Tingkat, Jenis Hukuman, TMT, Tanggal Selesai, Nomor SK" in shown
    assert "Lewati baris yang salah dan impor sisanya" in shown


def test_a_file_of_another_type_is_refused_on_the_page(world: dict[str, Any]) -> None:
    client = login_client(world["bkd"])
    response = client.post("/talenta/potensial/impor/", {"file": _file("x", "data.txt")})
    assert response.status_code == 200
    assert "Hanya berkas .xlsx dan .csv yang dapat diimpor." in response.content.decode()
    assert not Job.objects.exists()
    with pytest.raises(CommandError):
        call_command("import_potensial", "/nonexistent.csv", stdout=io.StringIO())
