"""Background entry point of the ledger: a training-history file uploaded on `/jp/impor/`,
imported as a job its owner watches. The same service as `garda import_learning`, which stays
synchronous; a history file can hold a whole instansi's years, too long for a request."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from garda.core.models import Job, User
from garda.core.services import job_create
from garda.core.uploads import finish_import_job, run_upload_job, store_spreadsheet_upload
from garda.learning.ledger.services.importing import learning_import

# The job page lists this many problems and capped-JP warnings; the rest are counted.
MAX_LINES = 500


@task()
def import_learning_file(
    job_id: int, stored_path: str, filename: str, skip_invalid: bool, actor_id: int,
    lang: str = "id",
) -> None:  # fmt: skip
    actor = User.objects.get(pk=actor_id)
    # The upload names ASN by NIP; run_upload_job removes it once read, whatever happens.
    report = run_upload_job(
        job_id=job_id,
        stored_path=stored_path,
        lang=lang,
        work=lambda: learning_import(
            actor=actor, source=stored_path, filename=filename, skip_invalid=skip_invalid
        ),
    )
    finish_import_job(job_id=job_id, report=report, lang=lang, limit=MAX_LINES)


def start_learning_import(
    *, owner: User, upload: UploadedFile[bytes], skip_invalid: bool, lang: str = "id"
) -> Job:
    """Store the upload, open a job the owner can watch, run the import after commit."""
    stored, name = store_spreadsheet_upload(upload)
    job = job_create(owner=owner, kind="ledger.import", title=f"Impor riwayat diklat: {name}")
    transaction.on_commit(
        lambda: import_learning_file.enqueue(
            job.pk, str(stored), name, skip_invalid, owner.pk, lang
        )
    )
    return job
