"""Background imports of the upload pages: standards and assessment results, run by the
worker as a job their owner watches (the same services as the commands, which stay
synchronous; an assessment file may hold a whole province)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from garda.competency.services.importing import assessment_import, standards_import
from garda.core.models import Job, User
from garda.core.services import job_create
from garda.core.spreadsheets.report import ImportReport
from garda.core.uploads import finish_import_job, run_upload_job, store_spreadsheet_upload

MAX_LINES = 500
TITLES = {"standards": "Impor standar kompetensi", "assessment": "Impor hasil asesmen"}


@task()
def import_competency_file(
    job_id: int, stored_path: str, filename: str, skip_invalid: bool, actor_id: int,
    kind: str, instansi_code: str = "", lang: str = "id",
) -> None:  # fmt: skip
    actor = User.objects.get(pk=actor_id)

    def work() -> ImportReport:
        if kind == "standards":
            return standards_import(
                actor=actor,
                source=stored_path,
                filename=filename,
                skip_invalid=skip_invalid,
                instansi_code=instansi_code,
            )
        return assessment_import(
            actor=actor, source=stored_path, filename=filename, skip_invalid=skip_invalid
        )

    report = run_upload_job(job_id=job_id, stored_path=stored_path, lang=lang, work=work)
    finish_import_job(job_id=job_id, report=report, lang=lang, limit=MAX_LINES)


def start_competency_import(
    *,
    owner: User,
    upload: UploadedFile[bytes],
    kind: str,
    skip_invalid: bool,
    instansi_code: str = "",
    lang: str = "id",
) -> Job:
    """Store the upload, open a job the owner can watch, run the import after commit."""
    stored, name = store_spreadsheet_upload(upload)
    job = job_create(owner=owner, kind=f"competency.{kind}", title=f"{TITLES[kind]}: {name}")
    transaction.on_commit(
        lambda: import_competency_file.enqueue(
            job.pk, str(stored), name, skip_invalid, owner.pk, kind, instansi_code, lang
        )
    )
    return job
