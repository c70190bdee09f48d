"""Uploaded spreadsheets waiting for a background import: checked, stored under MEDIA_ROOT,
and removed by the job once read (they may hold personal data)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename

from garda.core.errors import GardaError, ValidationFailed
from garda.core.models import Job
from garda.core.services import job_finish, job_progress
from garda.core.spreadsheets.report import ImportReport

logger = logging.getLogger(__name__)
R = TypeVar("R")

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".csv"})
MAX_IMPORT_BYTES = 50 * 1024 * 1024


def store_spreadsheet_upload(upload: UploadedFile[bytes]) -> tuple[Path, str]:
    """Check the type and size of an uploaded .xlsx/.csv and store it; return the stored path
    and the cleaned original name (shown to the user in the job title and report)."""
    name = get_valid_filename(Path(upload.name or "impor").name)[-120:] or "impor"
    if Path(name).suffix.casefold() not in SPREADSHEET_SUFFIXES:
        raise ValidationFailed(
            "Hanya berkas .xlsx dan .csv yang dapat diimpor.",
            "Only .xlsx and .csv files can be imported.",
            code="import_file_type",
        )
    if (upload.size or 0) > MAX_IMPORT_BYTES:
        raise ValidationFailed(
            f"Berkas terlalu besar (paling besar {MAX_IMPORT_BYTES // 2**20} MB).",
            f"The file is too large (at most {MAX_IMPORT_BYTES // 2**20} MB).",
            code="import_file_size",
        )
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{uuid.uuid4().hex}-{name}"
    with stored.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return stored, name


def run_upload_job(*, job_id: int, stored_path: str, lang: str, work: Callable[[], R]) -> R | None:
    """Run a background import of a stored upload: say it is reading, call `work`, and turn a
    GardaError or an unexpected failure into a failed job with a message in the uploader's
    language. The upload is removed afterwards in every case. Returns `work`'s result, or
    None when the job already ended as failed."""
    english = lang.startswith("en")
    job_progress(job_id=job_id, done=0, message="Reading the file" if english else "Membaca berkas")
    try:
        return work()
    except GardaError as error:
        message = error.message_en if english else error.message_id
        job_finish(job_id=job_id, result={"problems": [message]}, message=message, failed=True)
        return None
    except Exception:
        logger.exception("import job %s failed", job_id)
        message = (
            "Unexpected error; nothing was saved. Please report it to the administrator."
            if english
            else "Terjadi kesalahan tak terduga; tidak ada yang disimpan. Laporkan ke admin."
        )
        job_finish(job_id=job_id, result={"problems": [message]}, message=message, failed=True)
        raise
    finally:
        Path(stored_path).unlink(missing_ok=True)


def finish_import_job(*, job_id: int, report: ImportReport | None, lang: str, limit: int) -> None:
    """End a background import's job with its report (lists cut at `limit`): failed when rows
    were refused and nothing was written. `None` is a job run_upload_job already ended."""
    if report is None:
        return
    job_finish(
        job_id=job_id,
        result=report.as_dict(lang=lang, limit=limit),
        message=report.summary(lang),
        failed=bool(report.errors) and not report.written,
    )


def upload_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    start: Callable[[dict[str, Any]], Job],
    columns: Sequence[Any] = (),
    title: Any = "",
    note: Any = "",
    template: str = "core/import_upload.html",
    context: Mapping[str, Any] | None = None,
    error_field: str | None = "file",
) -> HttpResponse:
    """An upload page of a spreadsheet import: on a valid POST `start` stores the file and
    opens the job (the page then shows the job); otherwise the form with the file's columns,
    the all-or-nothing rule and the skip option. `form` has `file` and `skip_invalid`.

    A page with more to say than the shared template (the registry's column notes, the
    budget's two layouts) names its own `template` and adds its `context`. A refusal by
    `start` is shown beside the field it names, else beside `error_field` (None: above the
    form)."""
    if request.method == "POST" and form.is_valid():
        try:
            job = start(form.cleaned_data)
        except GardaError as error:
            named = [e.get("field") for e in error.errors if e.get("field") in form.fields]
            form.add_error(named[0] if named else error_field, error.message)
        else:
            return redirect("core:job", job_id=job.pk)
    shown = {
        "form": form,
        "title": title,
        "note": note,
        "columns": columns,
        "max_mb": MAX_IMPORT_BYTES // 2**20,
        **(context or {}),
    }
    return render(request, template, shown)


def run_import_job(
    *, job_id: int, stored_path: str, lang: str, work: Callable[[], ImportReport],
    limit: int = 500,
) -> ImportReport | None:  # fmt: skip
    """`run_upload_job` for a spreadsheet import, then the job ends with the report (its
    summary, and at most `limit` problems)."""
    report = run_upload_job(job_id=job_id, stored_path=stored_path, lang=lang, work=work)
    finish_import_job(job_id=job_id, report=report, lang=lang, limit=limit)
    return report
