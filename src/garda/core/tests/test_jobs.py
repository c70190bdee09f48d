"""Background jobs: the database task backend, `garda db_worker`, and the progress page."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from garda.core.models import Job, JobStatus
from garda.core.roles import Role
from garda.core.tasks import start_audit_verification
from garda.core.testing import login_client, make_user


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_a_queued_job_and_reports_progress(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    auditor = make_user(role=Role.AUDITOR)
    job = start_audit_verification(owner=auditor)
    client = login_client(auditor)
    waiting = client.get(f"/pekerjaan/{job.pk}/")
    assert "Menunggu" in waiting.content.decode()
    assert 'hx-trigger="every 1s"' in waiting.content.decode()

    call_command("db_worker", "--batch", "--no-startup-delay")

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["ok"] is True
    assert job.percent == 100
    partial = client.get(f"/pekerjaan/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'value="100"' in partial
    assert "Log audit utuh." in partial
    assert "hx-trigger" not in partial  # finished: the page stops polling


@pytest.mark.django_db
def test_starting_a_verification_from_the_audit_page(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    auditor = make_user(role=Role.AUDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = login_client(auditor).post("/audit/verifikasi/")
    job = Job.objects.get(owner=auditor)
    assert response["Location"] == f"/pekerjaan/{job.pk}/"
    assert job.status == JobStatus.SUCCEEDED  # the immediate backend ran it in the test


@pytest.mark.django_db
def test_an_asn_cannot_start_a_verification() -> None:
    assert login_client(make_user(role=Role.ASN)).post("/audit/verifikasi/").status_code == 403
    assert Client().post("/audit/verifikasi/").status_code == 302
