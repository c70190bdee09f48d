"""Background entry points of the people app: load by id, call a service, report progress."""

from __future__ import annotations

import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from garda.core.models import Job, User
from garda.core.services import job_create, job_finish, job_progress
from garda.core.uploads import run_upload_job, store_spreadsheet_upload
from garda.people.services.asn_import import employee_import

logger = logging.getLogger(__name__)

# The job page lists this many problems; the rest are counted.
MAX_PROBLEMS = 500


@task()
def import_employees(
    job_id: int,
    stored_path: str,
    filename: str,
    skip_invalid: bool,
    actor_id: int | None,
    lang: str = "id",
) -> None:
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    english = lang.startswith("en")

    def progress(done: int, total: int) -> None:
        job_progress(
            job_id=job_id,
            done=done,
            total=total,
            message="Checking rows" if english else "Memeriksa baris",
        )

    # The upload holds personal data; run_upload_job removes it once read.
    report = run_upload_job(
        job_id=job_id,
        stored_path=stored_path,
        lang=lang,
        work=lambda: employee_import(
            actor=actor,
            source=stored_path,
            filename=filename,
            skip_invalid=skip_invalid,
            progress=progress,
        ),
    )
    if report is None:
        return
    job_finish(
        job_id=job_id,
        result=report.as_dict(lang=lang, limit=MAX_PROBLEMS),
        message=report.summary(lang),
        failed=bool(report.errors) and not report.written and not report.imported,
    )


def start_employee_import(
    *, owner: User, upload: UploadedFile[bytes], skip_invalid: bool, lang: str = "id"
) -> Job:
    """Store the upload, open a job the owner can watch, run the import after commit."""
    stored, name = store_spreadsheet_upload(upload)
    job = job_create(owner=owner, kind="people.import", title=f"Impor data ASN: {name}")
    transaction.on_commit(
        lambda: import_employees.enqueue(job.pk, str(stored), name, skip_invalid, owner.pk, lang)
    )
    return job
