"""Background entry points of the budget: an uploaded budget or realisasi file imported as a
job its owner watches (the same service as `garda import_budget` / `import_realisasi`)."""

from __future__ import annotations

import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from garda.core.models import Job, User
from garda.core.services import job_create, job_finish
from garda.core.uploads import run_upload_job, store_spreadsheet_upload
from garda.transparency.budget.services import budget_import, realisasi_import

logger = logging.getLogger(__name__)

IMPORTERS = {"anggaran": budget_import, "realisasi": realisasi_import}
TITLES = {"anggaran": "Impor anggaran", "realisasi": "Impor realisasi"}
# The job page lists this many problems; the rest are counted.
MAX_PROBLEMS = 500


@task()
def import_budget_file(
    job_id: int, kind: str, stored_path: str, filename: str, skip_invalid: bool, actor_id: int,
    lang: str = "id",
) -> None:  # fmt: skip
    actor = User.objects.get(pk=actor_id)
    report = run_upload_job(
        job_id=job_id,
        stored_path=stored_path,
        lang=lang,
        work=lambda: IMPORTERS[kind](
            actor=actor, source=stored_path, filename=filename, skip_invalid=skip_invalid
        ),
    )
    if report is None:
        return
    problems = report.problems(lang)
    job_finish(
        job_id=job_id,
        result={
            "problems": problems[:MAX_PROBLEMS],
            "more_problems": max(0, len(problems) - MAX_PROBLEMS),
            "flags": report.flags(lang)[:MAX_PROBLEMS],
            "written": report.written,
        },
        message=report.summary(lang),
        failed=bool(report.errors) and not report.written,
    )


def start_budget_import(
    *, owner: User, kind: str, upload: UploadedFile[bytes], skip_invalid: bool, lang: str = "id"
) -> Job:
    """Store the upload, open a job the owner can watch, run the import after commit."""
    stored, name = store_spreadsheet_upload(upload)
    job = job_create(owner=owner, kind=f"budget.import.{kind}", title=f"{TITLES[kind]}: {name}")
    transaction.on_commit(
        lambda: import_budget_file.enqueue(
            job.pk, kind, str(stored), name, skip_invalid, owner.pk, lang
        )
    )
    return job
