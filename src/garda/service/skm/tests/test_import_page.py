"""The paper-questionnaire upload page (`/skm/kelola/impor/`): the worker reads the stored
file through `services.answers_import`, the function `garda import_skm` calls, so page and
command give the same answers, the same "Baris N, kolom X" reasons and the same
all-or-nothing rule. The last tests read the source: every path that stores answers reaches
the one place that checks them."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import garda
from garda.core.models import Job, JobStatus
from garda.core.spreadsheets.export import Sheet, xlsx_bytes
from garda.service.skm.models import Answer, Survey
from garda.service.skm.testing import make_unit

pytestmark = pytest.mark.django_db
SRC = Path(garda.__file__).parent
HEADER = "Tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin,Usia\n"
GOOD = "2026-02-03,4,3,3,4,3,4,4,2,3,P,30-39\n"
BAD = "2026-02-03,5,3,3,4,3,4,4,2,3,,\n"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _upload(
    client: Client, capture: Any, unit_id: int, name: str, content: bytes, **fields: Any
) -> Any:
    """Post the file; the job runs on commit (the tests' backend runs it at once)."""
    with capture(execute=True):
        return client.post(
            reverse("skm:import_upload"),
            {"unit": unit_id, "file": SimpleUploadedFile(name, content), **fields},
        )


def test_upload_creates_the_survey_and_reports_on_the_job_page(
    media: Path, client_for: Callable[..., Client], django_capture_on_commit_callbacks: Any
) -> None:
    unit = make_unit()
    staff = client_for("admin_opd", unit=unit)
    form = staff.get(reverse("skm:import_upload") + f"?unit={unit.pk}").content.decode()
    assert f'<option value="{unit.pk}" selected>' in form
    assert "Tanggal, U1, U2" in form
    content = xlsx_bytes([Sheet("SKM", ["tanggal", "u1", "u2", "u3", "u4", "u5", "u6", "u7",
                                        "u8", "u9", "pekerjaan"],
                                [["03-02-2026", 4, 4, 3, 4, 3, 4, 4, 3, 3, "PNS"],
                                 ["2026-02-04", 3, 3, 3, 4, 3, 3, 4, 2, 2, ""]])])  # fmt: skip
    response = _upload(staff, django_capture_on_commit_callbacks, unit.pk, "kuesioner.xlsx",
                       content)  # fmt: skip
    job = Job.objects.get(kind="skm.import")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.result
    assert job.result["created"] == 2
    survey = Survey.objects.get(unit=unit)
    assert (survey.period_kind, survey.year) == ("year", 2026)
    assert sorted(survey.answers.values_list("u1", flat=True)) == [3, 4]
    assert set(survey.answers.values_list("channel", flat=True)) == {"import"}
    page = staff.get(response["Location"]).content.decode()
    assert "kuesioner.xlsx" in page
    assert not list(media.rglob("*.xlsx"))  # the stored upload is removed once read


def test_a_bad_row_stores_nothing_and_is_named(
    media: Path, client_for: Callable[..., Client], django_capture_on_commit_callbacks: Any
) -> None:
    unit = make_unit()
    staff = client_for("admin_opd", unit=unit)
    _upload(staff, django_capture_on_commit_callbacks, unit.pk, "skm.csv",
            (HEADER + GOOD + BAD).encode())  # fmt: skip
    job = Job.objects.get(kind="skm.import")
    assert job.status == JobStatus.FAILED
    assert any("Baris 3, kolom U1" in line for line in job.result["problems"])
    assert not Answer.objects.exists()
    assert not Survey.objects.exists()
    page = staff.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "Baris 3, kolom U1" in page


def test_skip_invalid_keeps_the_good_rows(
    media: Path, client_for: Callable[..., Client], django_capture_on_commit_callbacks: Any
) -> None:
    unit = make_unit()
    staff = client_for("petugas_faskes", unit=unit)
    _upload(staff, django_capture_on_commit_callbacks, unit.pk, "skm.csv",
            (HEADER + GOOD + BAD).encode(), skip_invalid="on")  # fmt: skip
    job = Job.objects.get(kind="skm.import")
    assert job.result["created"] == 1
    assert job.result["invalid_rows"] == 1
    assert Answer.objects.count() == 1


def test_only_units_in_scope_and_only_spreadsheets(
    media: Path, client_for: Callable[..., Client], django_capture_on_commit_callbacks: Any
) -> None:
    unit, elsewhere = make_unit(), make_unit()
    staff = client_for("admin_opd", unit=unit)
    refused = _upload(staff, django_capture_on_commit_callbacks, elsewhere.pk, "skm.csv",
                      (HEADER + GOOD).encode())  # fmt: skip
    assert refused.status_code == 200
    assert "unit" in refused.context["form"].errors
    wrong_type = _upload(staff, django_capture_on_commit_callbacks, unit.pk, "skm.pdf",
                         b"%PDF-1.4")  # fmt: skip
    assert "Hanya berkas .xlsx dan .csv" in wrong_type.content.decode()
    # This page shows a refused file above the form, on its own template (core.uploads).
    assert wrong_type.context["form"].non_field_errors()
    assert "skm/import_upload.html" in [t.name for t in wrong_type.templates]
    assert not Job.objects.exists()
    auditor = client_for("auditor")
    assert auditor.get(reverse("skm:import_upload")).status_code == 403


# --- Every path that stores answers goes through the services' checks -------------------------


def _function(rel: str, name: str) -> ast.FunctionDef:
    tree = ast.parse((SRC / rel).read_text(encoding="utf-8"))
    return next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name)


def _called(node: ast.AST) -> set[str]:
    found: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            func = child.func
            found.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return found


PATHS = {
    # The upload page and its job, the command: one import function.
    ("service/skm/views_staff.py", "import_upload"): "start_skm_import",
    ("service/skm/tasks.py", "import_skm_file"): "answers_import",
    ("service/skm/tasks.py", "start_skm_import"): "enqueue",
    ("service/skm/management/commands/import_skm.py", "run_import"): "answers_import",
    ("service/skm/services/importing.py", "answers_import"): "answers_store",
    # One questionnaire: phone, paper page, API.
    ("service/skm/views_public.py", "_questionnaire"): "answer_submit",
    ("service/skm/views_staff.py", "paper_entry"): "answer_submit",
    ("service/skm/api.py", "answers"): "answer_submit",
    # Both writers build each row through the one check of scores, dates and profile.
    ("service/skm/services/surveys.py", "answer_submit"): "_answer_rows",
    ("service/skm/services/surveys.py", "answers_store"): "_answer_rows",
}
WRITERS = {("service/skm/services/surveys.py", name) for name in
           ("_answer_rows", "answer_submit", "answers_store")}  # fmt: skip


def test_page_and_command_reach_the_same_import_function() -> None:
    for (rel, name), callee in PATHS.items():
        assert callee in _called(_function(rel, name)), f"{rel}:{name} does not call {callee}"


def _answer_writes() -> list[tuple[str, str, int]]:
    """(file, function, line) of every `Answer(...)` and write on an expression naming Answer."""
    found = []
    for file in sorted(SRC.rglob("*.py")):
        rel = file.relative_to(SRC).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in f"/{rel}":
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                builds = isinstance(func, ast.Name) and func.id == "Answer"
                writes = (
                    isinstance(func, ast.Attribute)
                    and func.attr in {"create", "bulk_create", "update", "get_or_create",
                                      "update_or_create", "save"}
                    and "Answer" in {getattr(n, "id", "") for n in ast.walk(func.value)}
                )  # fmt: skip
                if builds or writes:
                    found.append((rel, function.name, call.lineno))
    return found


def test_answers_are_written_only_by_the_services() -> None:
    sites = _answer_writes()
    stray = [site for site in sites if site[:2] not in WRITERS]
    assert not stray, f"answers written around services.answer_submit/answers_store: {stray}"
    # The scan sees the writers themselves (it would find a new path the same way).
    assert {site[:2] for site in sites} == WRITERS - {
        ("service/skm/services/surveys.py", "answer_submit")  # saves the row _answer_rows built
    }
