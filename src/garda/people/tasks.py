"""Background entry points of the people app: load by id, call a service, report progress."""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from garda.core.errors import GardaError
from garda.core.models import Job, User
from garda.core.services import job_create, job_finish, job_progress
from garda.core.uploads import store_spreadsheet_upload
from garda.people.imports.service import employee_import

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

    job_progress(job_id=job_id, done=0, message="Reading the file" if english else "Membaca berkas")
    try:
        report = employee_import(
            actor=actor,
            source=stored_path,
            filename=filename,
            skip_invalid=skip_invalid,
            progress=progress,
        )
    except GardaError as error:
        message = error.message_en if english else error.message_id
        job_finish(job_id=job_id, result={"problems": [message]}, message=message, failed=True)
        return
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
        # The upload holds personal data; it is not kept once read.
        Path(stored_path).unlink(missing_ok=True)
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
