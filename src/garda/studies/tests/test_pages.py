"""Pages, API and commands meet the same decision and the same services."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from garda.core.audit.models import AuditEntry
from garda.core.identity import mask_identifier
from garda.core.testing import login_client
from garda.studies.models import AccreditedProgram, StudyDocument
from garda.studies.testing import pdf_upload, sample_assignment, sample_employee
from garda.studies.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_check_page_shows_reasons_and_masks_the_nip(world: World) -> None:
    older = sample_employee(unit=world.opd, born=dt.date(1980, 1, 1))
    client = login_client(world.admin_opd)
    response = client.post(
        reverse("studies:check"),
        {"nip": older.nip, "kind": "tugas", "level": "S2", "on": "2026-12-07"},
    )
    body = response.content.decode()
    assert "usia 46 tahun melebihi batas 37 tahun untuk S2" in body
    # The answer names the ASN by its masked NIP; only the form keeps what the admin typed.
    assert body.count(older.nip) == 1
    assert mask_identifier(older.nip) in body


def test_check_page_cannot_reach_another_agency(world: World) -> None:
    stranger = sample_employee()
    client = login_client(world.admin_opd)
    response = client.post(
        reverse("studies:check"),
        {"nip": stranger.nip, "kind": "tugas", "level": "S2", "on": "2026-12-07"},
    )
    assert "NIP tidak ditemukan" in response.content.decode()
    assert stranger.name not in response.content.decode()


def test_api_eligibility_is_the_same_decision(world: World) -> None:
    client = login_client(world.asn)
    response = client.post(
        reverse("api:study-assignment-eligibility"),
        {"kind": "tugas", "level": "S2", "on": "2026-12-07"},
    )
    assert response.status_code == 200
    assert response.json()["eligible"] is True
    assert response.json()["reasons"] == []
    out = StringIO()
    call_command(
        "study_check",
        world.employee.nip,
        "--kind",
        "tugas",
        "--level",
        "S2",
        "--on",
        "2026-12-07",
        stdout=out,
    )
    assert json.loads(out.getvalue()) == response.json()


def test_api_lists_only_the_scope(world: World) -> None:
    own = sample_assignment(employee=world.employee)
    other = sample_assignment()
    client = login_client(world.asn)
    ids = [row["id"] for row in client.get(reverse("api:study-assignment-list")).json()["results"]]
    assert own.pk in ids
    assert other.pk not in ids


def test_wrong_document_type_on_the_page_changes_nothing(world: World) -> None:
    study = sample_assignment(employee=world.employee)
    client = login_client(world.asn)
    response = client.post(
        reverse("studies:document_upload", args=[study.pk]),
        {"kind": "ijazah", "file": pdf_upload()},
        follow=True,
    )
    assert "tidak diterima pada tahap ini" in response.content.decode()
    assert not StudyDocument.objects.filter(assignment=study).exists()


def test_decree_is_verified_publicly_with_a_masked_nip(world: World) -> None:
    study = sample_assignment(employee=world.employee, approved=True)
    response = login_client(world.asn).get(reverse("studies:decree_pdf", args=[study.pk]))
    assert response.content.startswith(b"%PDF-")
    public = reverse("studies:verify", args=[study.decree_code])
    body = Client().get(public).content.decode()
    assert "SK SAH" in body
    assert world.employee.nip not in body
    assert mask_identifier(world.employee.nip) in body


def test_public_page_has_aggregates_only(world: World) -> None:
    sample_assignment(employee=world.employee, approved=True)
    body = Client().get(reverse("studies:public")).content.decode()
    assert world.employee.name not in body
    assert 'id="jumlah-studi">1<' in body


def test_export_is_scoped_and_audited(world: World) -> None:
    sample_assignment(employee=world.employee)
    other = sample_assignment()
    response = login_client(world.admin_opd).get(reverse("studies:export", args=["csv"]))
    text = response.content.decode("utf-8-sig")
    assert world.employee.nip in text
    assert other.employee.nip not in text


def test_import_accreditation(tmp_path: Path, world: World) -> None:
    path = tmp_path / "akreditasi.csv"
    path.write_text(
        "perguruan tinggi;PROGRAM STUDI;Jenjang;Akreditasi;Berlaku Sampai\n"
        "Universitas Jambi;Magister Manajemen;S2;Unggul;31-12-2029\n"
        "Universitas Jambi;Ilmu Hukum;S-1;B;2028-06-30\n",
        encoding="utf-8",
    )
    call_command("import_accreditation", str(path), stdout=StringIO())
    program = AccreditedProgram.objects.get(name="Ilmu Hukum")
    assert program.level == "S1"
    assert program.valid_until == dt.date(2028, 6, 30)
    bad = tmp_path / "salah.csv"
    bad.write_text(
        "Perguruan Tinggi,Program Studi,Jenjang,Akreditasi\nUniversitas X,Prodi Y,S9,Unggul\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_accreditation", str(bad), stdout=StringIO(), stderr=err)
    assert "Baris 2, kolom Jenjang" in err.getvalue()
    assert not AccreditedProgram.objects.filter(institution="Universitas X").exists()


def test_semester_report_page_adds_jp(world: World) -> None:
    study = sample_assignment(employee=world.employee, approved=True)
    asn = login_client(world.asn)
    asn.post(
        reverse("studies:report_submit", args=[study.pk]),
        {"semester": 1, "gpa": "3.80", "credits": 18, "transcript": pdf_upload()},
    )
    second = asn.post(
        reverse("studies:report_submit", args=[study.pk]),
        {"semester": 1, "gpa": "3.90", "credits": 18, "transcript": pdf_upload()},
        follow=True,
    )
    assert "sudah dikirim" in second.content.decode()
    report = study.reports.get()
    login_client(world.bkd).post(
        reverse("studies:report_decide", args=[report.pk]), {"approved": "1", "note": ""}
    )
    page = asn.get(reverse("studies:assignment", args=[study.pk])).content.decode()
    assert 'id="jp-studi">20,0<' in page


def test_api_decide_follows_the_chain(world: World) -> None:
    study = sample_assignment(employee=world.employee)
    url = reverse("api:study-assignment-decide", args=[study.pk])
    refused = login_client(world.bkd).post(url, {"approved": True}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "study_not_in_chain"
    done = login_client(world.atasan).post(url, {"approved": True}, content_type="application/json")
    assert done.status_code == 200
    assert done.json()["next_step"] == "opd"


def test_xlsx_export_keeps_the_nip_as_text_and_is_audited(world: World) -> None:
    study = sample_assignment(employee=world.employee, approved=True)
    response = login_client(world.admin_opd).get(reverse("studies:export", args=["xlsx"]))
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-3:] == (
        "Kembali Bertugas",
        "Jabatan Setelah Kembali",
        "Jabatan Memanfaatkan Gelar",
    )
    assert rows[1][0] == world.employee.nip  # text: the leading digits and all 18 kept
    assert rows[1][11] == study.decree_code
    entry = AuditEntry.objects.get(action="studies.export")
    assert entry.after == {"format": "xlsx", "rows": 1}
