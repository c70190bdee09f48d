"""Background entry points of the core app: load by id, call a service, report progress."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop
from django_tasks import task

from garda.core.audit.tree import audit_verify
from garda.core.models import Job, User
from garda.core.services import job_create, job_finish, job_progress


@task()
def verify_audit_log(job_id: int) -> None:

    job_progress(job_id=job_id, done=0, total=1, message=gettext_noop("Memeriksa log audit"))
    report = audit_verify()
    job_finish(
        job_id=job_id,
        result={
            "ok": report.ok,
            "entries": report.entries,
            "heads": report.heads,
            "problems": report.problems[:50],
            "first_bad_seq": report.first_bad_seq,
        },
        # Stored untranslated; the job page translates it for whoever reads it.
        message=gettext_noop("Log audit utuh.") if report.ok else gettext_noop("Log audit rusak."),
        failed=not report.ok,
    )


def start_audit_verification(*, owner: User) -> Job:
    job = job_create(
        owner=owner, kind="audit_verify", title=gettext_noop("Verifikasi log audit"), total=1
    )
    transaction.on_commit(lambda: verify_audit_log.enqueue(job.pk))
    return job
