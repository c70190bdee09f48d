"""Background entry points of SKM: the paper-questionnaire upload, read by the worker as a job
its owner watches through `services.answers_import` (the same function `garda import_skm`
calls; the command stays synchronous), and the mail of new suggestions to the unit head."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from garda.core.models import Job, Unit, User
from garda.core.services import job_create
from garda.core.spreadsheets.report import ImportReport
from garda.core.uploads import run_import_job, store_spreadsheet_upload
from garda.service.skm.emails import send_suggestions_mail
from garda.service.skm.services import answers_import

MAX_LINES = 500  # problems listed on the job page; the rest are counted


@task()
def import_skm_file(
    job_id: int, stored_path: str, filename: str, skip_invalid: bool, actor_id: int,
    unit_id: int, lang: str = "id",
) -> None:  # fmt: skip
    actor = User.objects.get(pk=actor_id)
    unit = Unit.objects.get(pk=unit_id)

    def work() -> ImportReport:
        return answers_import(
            actor=actor, unit=unit, source=stored_path, filename=filename,
            skip_invalid=skip_invalid,
        )  # fmt: skip

    run_import_job(job_id=job_id, stored_path=stored_path, lang=lang, work=work, limit=MAX_LINES)


@task()
def send_suggestions_email(survey_id: int, count: int) -> int:
    """New suggestions of a survey, to its unit head (emails.notify_suggestions)."""
    return send_suggestions_mail(survey_id, count)


def start_skm_import(
    *, owner: User, unit: Unit, upload: UploadedFile[bytes], skip_invalid: bool,
    lang: str = "id",
) -> Job:  # fmt: skip
    """Store the upload, open a job the owner can watch, run the import after commit."""
    stored, name = store_spreadsheet_upload(upload)
    job = job_create(owner=owner, kind="skm.import", title=f"Impor kuesioner SKM: {name}")
    transaction.on_commit(
        lambda: import_skm_file.enqueue(
            job.pk, str(stored), name, skip_invalid, owner.pk, unit.pk, lang
        )
    )
    return job
