"""`/jp/impor/` stores the upload and the worker reads it: the page answers with a redirect to
the job, the job page carries the report and the capped-JP warnings, the stored upload is gone
afterwards, and a damaged .xlsx ends as a failed job with a clear message (issue item 11: it
used to answer 500). `garda import_learning` stays synchronous (test_import.py)."""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from garda.core.models import Job, JobStatus
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.models import LedgerEntry
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db

HEADER = ["NIP", "Bentuk", "Nama Kegiatan", "Penyelenggara", "Tanggal Mulai", "Tanggal Selesai",
          "JP", "Nomor Sertifikat"]  # fmt: skip
UNREADABLE_ID = "Berkas .xlsx tidak dapat dibaca (rusak atau bukan berkas Excel)."


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(
    client: Client, name: str, content: bytes, capture: Any, *, follow: bool = False, **extra: Any
) -> Any:
    """Post the file; the task is enqueued on commit (run at once by the tests' backend) when
    `capture` leaves its block, so the job page is fetched after that."""
    upload = SimpleUploadedFile(name, content)
    with capture(execute=True):
        response = client.post(reverse("ledger:import_upload"), {"file": upload}, **extra)
    if follow and response.status_code == 302:
        return client.get(response["Location"], **extra)
    return response


def test_upload_runs_as_a_job_with_report_and_warnings(
    media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    opd = UnitFactory()
    asn = make_employee(unit=opd)
    admin = make_user(role=Role.ADMIN_OPD, unit=opd)
    client = login_client(admin)
    content = _xlsx([
        [asn.nip, "Bimbingan teknis", "Bimtek SIASN", "BKN", "2025-04-01", "2025-04-02", 16, "B/1"],
        [asn.nip, "E-learning", "Literasi Digital", "LAN", "2025-05-05", "2025-05-06", 10, "EL/1"],
    ])  # fmt: skip
    response = _upload(client, "riwayat.xlsx", content, django_capture_on_commit_callbacks)
    job = Job.objects.get(owner=admin, kind="ledger.import")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["created"] == 2
    assert job.result["warning_count"] == 1
    body = client.get(response["Location"]).content.decode()
    assert "2 catatan baru" in body
    assert "Baris 3, kolom JP: JP dibatasi aturan konversi dari 10 menjadi 6" in body
    assert sorted(LedgerEntry.objects.values_list("jp", flat=True)) == [
        Decimal("6.0"), Decimal("16.0"),
    ]  # fmt: skip
    # the upload names ASN: removed once read
    assert list((media / "imports").iterdir()) == []


def test_all_or_nothing_report_on_the_job_page(
    media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    opd = UnitFactory()
    asn = make_employee(unit=opd)
    client = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))
    content = _xlsx([
        [asn.nip, "Bimbingan teknis", "Baik", "BKN", "2025-04-01", "2025-04-02", 16, ""],
        [asn.nip, "Pelatihan ajaib", "Buruk", "BKN", "2025-04-01", "2025-04-02", 16, ""],
    ])  # fmt: skip
    response = _upload(
        client, "riwayat.xlsx", content, django_capture_on_commit_callbacks, follow=True
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Baris 3, kolom Bentuk" in body
    assert Job.objects.get().status == JobStatus.FAILED
    assert not LedgerEntry.objects.exists()
    assert list((media / "imports").iterdir()) == []


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda good: os.urandom(4096), id="random-bytes"),
        pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(lambda good: good[:-40], id="truncated-directory"),
        pytest.param(lambda good: b"", id="empty"),
    ],
)
def test_a_damaged_xlsx_says_so_on_the_job_page(
    damage: Any, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    opd = UnitFactory()
    asn = make_employee(unit=opd)
    client = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))
    good = _xlsx([[asn.nip, "Seminar", "Seminar SPBE", "Kominfo", "2025-06-12", "2025-06-12", 4,
                   ""]])  # fmt: skip
    response = _upload(
        client, "riwayat.xlsx", damage(good), django_capture_on_commit_callbacks, follow=True
    )
    body = response.content.decode()
    assert response.status_code == 200
    if damage(good) == b"":
        # Django's form refuses an empty upload before any job starts
        assert "kosong" in body
        assert not Job.objects.exists()
        return
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.result["problems"] == [UNREADABLE_ID]
    assert UNREADABLE_ID in body
    assert not LedgerEntry.objects.exists()
    assert list((media / "imports").iterdir()) == []
    # in English, the uploader's language is kept by the worker
    response = _upload(
        client, "riwayat.xlsx", damage(good), django_capture_on_commit_callbacks,
        follow=True, HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert "The .xlsx file cannot be read (damaged or not an Excel file)." in (
        response.content.decode()
    )


def test_only_spreadsheets_are_accepted(media: Path) -> None:
    opd = UnitFactory()
    client = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))
    upload = SimpleUploadedFile("riwayat.pdf", b"%PDF-1.7")
    response = client.post(reverse("ledger:import_upload"), {"file": upload})
    body = response.content.decode()
    assert "Hanya berkas .xlsx dan .csv yang dapat diimpor." in body
    assert response.context["form"].errors["file"]  # beside the file field, on its own page
    assert "ledger/import_upload.html" in [t.name for t in response.templates]
    assert not Job.objects.exists()
