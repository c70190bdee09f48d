"""The budget upload page: the same import as the command, run as a job the uploader watches;
all-or-nothing, every bad row named, limited to the uploader's units."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from garda.core.models import Job, Unit
from garda.core.roles import Role
from garda.transparency.budget.models import BudgetLine
from garda.transparency.budget.testing import BUDGET_HEADERS, HAND_BUDGET, write_csv, write_xlsx

pytestmark = pytest.mark.django_db
URL = reverse("transparency:budget:import")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def upload(django_capture_on_commit_callbacks: Any) -> Callable[[Client, Path], Job]:
    """Post a file to the page and run the job the page starts after its commit."""

    def post(client: Client, path: Path) -> Job:
        with path.open("rb") as handle:
            file = SimpleUploadedFile(path.name, handle.read())
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, {"kind": "anggaran", "file": file})
        assert response.status_code == 302, response.content.decode()[:500]
        job = Job.objects.get()
        assert response.headers["Location"] == reverse("core:job", args=[job.pk])
        return job

    return post


def test_upload_imports_the_budget_and_cleans_up(
    client_for: Callable[..., Client], tmp_path: Path, upload: Callable[[Client, Path], Job]
) -> None:
    client = client_for(Role.ADMIN_PROVINSI)
    page = client.get(URL)
    assert "Kode Sub Kegiatan" in page.content.decode()
    job = upload(client, write_xlsx(tmp_path / "apbd.xlsx", BUDGET_HEADERS, HAND_BUDGET))
    job.refresh_from_db()
    assert job.status == "succeeded", job.message
    assert BudgetLine.objects.count() == len(HAND_BUDGET)
    assert "4 baris data" in job.message
    assert not list((tmp_path / "media" / "imports").iterdir())  # the upload is not kept


def test_one_bad_row_saves_nothing_and_names_row_and_column(
    client_for: Callable[..., Client], tmp_path: Path, upload: Callable[[Client, Path], Job]
) -> None:
    rows = [list(row) for row in HAND_BUDGET]
    rows[2][4] = "empat juta"
    client = client_for(Role.ADMIN_PROVINSI)
    job = upload(client, write_csv(tmp_path / "apbd.csv", BUDGET_HEADERS, rows))
    job.refresh_from_db()
    assert job.status == "failed"
    assert BudgetLine.objects.count() == 0
    assert any(p.startswith("Baris 4, kolom Pagu Murni") for p in job.result["problems"])
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "Baris 4, kolom Pagu Murni" in page


def test_opd_admin_cannot_import_another_opd(
    client_for: Callable[..., Client], tmp_path: Path, upload: Callable[[Client, Path], Job]
) -> None:
    client = client_for(Role.ADMIN_OPD, unit=Unit.objects.get(code="15.BPSDM"))
    job = upload(client, write_csv(tmp_path / "apbd.csv", BUDGET_HEADERS, HAND_BUDGET))
    job.refresh_from_db()
    assert job.status == "failed"
    assert BudgetLine.objects.count() == 0
    assert any("di luar kewenangan Anda" in p for p in job.result["problems"])


def test_wrong_file_type_is_refused_on_the_page(client_for: Callable[..., Client]) -> None:
    client = client_for(Role.ADMIN_PROVINSI)
    upload = SimpleUploadedFile("apbd.pdf", b"%PDF-1.4")
    response = client.post(URL, {"kind": "anggaran", "file": upload})
    assert response.status_code == 200
    assert "Hanya berkas .xlsx dan .csv" in response.content.decode()
    assert response.context["form"].errors["file"]  # beside the file field, on its own page
    assert "transparency/budget/import_upload.html" in [t.name for t in response.templates]
    assert not Job.objects.exists()


def test_citizens_and_asn_cannot_open_the_upload(client_for: Callable[..., Client]) -> None:
    assert Client().get(URL).status_code == 302  # to the sign-in page
    assert client_for(Role.ASN).get(URL).status_code == 403
