"""Background imports of the talent upload pages: SKP, potential and discipline files, run by
the worker as a job their owner watches. The same service functions as `garda import_skp`,
`import_potensial` and `import_disiplin` (IMPORTERS), which stay synchronous."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from garda.core.models import Job, User
from garda.core.services import job_create
from garda.core.spreadsheets.report import ImportReport
from garda.core.uploads import finish_import_job, run_upload_job, store_spreadsheet_upload
from garda.talent.services import disiplin_import, potensial_import, skp_import

# The job page lists this many problems; the rest are counted.
MAX_LINES = 500
IMPORTERS: dict[str, Callable[..., ImportReport]] = {
    "skp": skp_import,
    "potensial": potensial_import,
    "disiplin": disiplin_import,
}
TITLES = {
    "skp": "Impor hasil SKP",
    "potensial": "Impor hasil potensial",
    "disiplin": "Impor hukuman disiplin",
}


@task()
def import_talent_file(
    job_id: int, kind: str, stored_path: str, filename: str, skip_invalid: bool, actor_id: int,
    lang: str = "id",
) -> None:  # fmt: skip
    actor = User.objects.get(pk=actor_id)
    # The upload names ASN by NIP (and, for discipline, their sanctions): run_upload_job
    # removes it once read, whatever happens.
    report = run_upload_job(
        job_id=job_id,
        stored_path=stored_path,
        lang=lang,
        work=lambda: IMPORTERS[kind](
            actor=actor, source=stored_path, filename=filename, skip_invalid=skip_invalid
        ),
    )
    finish_import_job(job_id=job_id, report=report, lang=lang, limit=MAX_LINES)


def start_talent_import(
    *, owner: User, kind: str, upload: UploadedFile[bytes], skip_invalid: bool, lang: str = "id"
) -> Job:
    """Store the upload, open a job the owner can watch, run the import after commit."""
    stored, name = store_spreadsheet_upload(upload)
    job = job_create(owner=owner, kind=f"talent.import.{kind}", title=f"{TITLES[kind]}: {name}")
    transaction.on_commit(
        lambda: import_talent_file.enqueue(
            job.pk, kind, str(stored), name, skip_invalid, owner.pk, lang
        )
    )
    return job
