"""Certificates: issue with ledger entry, PDF, public verification, revocation, Open Badges
3.0 export, and the background batch with its job."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from garda.core.audit.models import AuditEntry
from garda.core.models import Job, JobStatus
from garda.core.testing import login_client
from garda.learning import services
from garda.learning.models import Certificate, EnrollmentStatus
from garda.learning.services import certificates
from garda.learning.testing import sample_batch, sample_certificate, sample_program

pytestmark = pytest.mark.django_db


def _ledger_entry(certificate: Certificate):  # type: ignore[no-untyped-def]
    from garda.learning.ledger.models import LedgerEntry

    return LedgerEntry.objects.filter(source_key=f"learning-certificate:{certificate.pk}").first()


def test_issue_records_the_ledger_entry_once(people) -> None:  # type: ignore[no-untyped-def]
    certificate = sample_certificate(people.asn)
    assert certificate.code.startswith("GRD-")
    entry = _ledger_entry(certificate)
    assert entry is not None
    assert entry.employee_id == people.employee.pk
    assert int(entry.jp) == certificate.enrollment.batch.program.jp
    assert certificate.code in (entry.certificate_number or "")
    from django.db import transaction

    with transaction.atomic():
        again = certificates.certificate_issue(actor=None, enrollment=certificate.enrollment)
    assert again.pk == certificate.pk


def test_owner_downloads_pdf_and_stranger_verifies(people) -> None:  # type: ignore[no-untyped-def]
    certificate = sample_certificate(people.asn)
    client = login_client(people.asn)
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.enrollment_id]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.pdf  # kept for the next download

    page = Client().get(reverse("learning:verify", args=[certificate.code])).content.decode()
    assert "Sertifikat SAH" in page
    assert people.employee.full_name in page
    assert people.employee.nip not in page
    assert "*" * 14 + people.employee.nip[-4:] in page  # last four digits only
    missing = Client().get(reverse("learning:verify", args=["GRD-2026-TIDAKADA"]))
    assert missing.status_code == 404


def test_revocation_is_audited_and_revokes_the_ledger_entry(people) -> None:  # type: ignore[no-untyped-def]
    certificate = sample_certificate(people.asn)
    client = login_client(people.admin)
    client.post(reverse("learning:certificate_revoke", args=[certificate.pk]),
                {"reason": "Data kehadiran dipalsukan"})  # fmt: skip
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert AuditEntry.objects.filter(action="learning.certificate.revoke").exists()
    entry = _ledger_entry(certificate)
    assert entry is not None
    assert entry.status != "valid"
    page = Client().get(reverse("learning:verify", args=[certificate.code])).content.decode()
    assert "DICABUT" in page


def test_open_badge_credential(people) -> None:  # type: ignore[no-untyped-def]
    certificate = sample_certificate(people.asn)
    client = login_client(people.asn)
    badge = client.get(
        reverse("learning:certificate_badge", args=[certificate.enrollment_id])
    ).json()
    assert "OpenBadgeCredential" in badge["type"]
    assert badge["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert badge["id"].endswith(reverse("learning:verify", args=[certificate.code]))
    subject = badge["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["achievement"]["type"] == ["Achievement"]
    assert people.employee.nip not in str(badge)


def test_batch_generation_runs_in_the_background(
    people, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from garda.learning.testing import sample_employee

    batch = sample_batch(program=sample_program(owner_unit=people.unit), seats=5)
    for _ in range(3):
        services.enrollment_nominate(actor=people.admin, batch_id=batch.pk,
                                     employee_id=sample_employee(unit=people.unit).pk)  # fmt: skip
    client = login_client(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("learning:batch_certificates", args=[batch.pk]))
    job = Job.objects.get(kind="learning.certificates")
    assert response.url == reverse("core:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED  # the test task backend runs it at once
    assert job.done == 3
    assert batch.enrollments.filter(status=EnrollmentStatus.COMPLETED).count() == 3
    assert all(c.pdf for c in Certificate.objects.filter(enrollment__batch=batch))
    page = client.get(reverse("learning:batch_manage", args=[batch.pk])).content.decode()
    assert "100%" in page


def test_certificate_is_one_a4_landscape_page(people) -> None:  # type: ignore[no-untyped-def]
    from django.template.loader import render_to_string
    from weasyprint import HTML

    certificate = sample_certificate(people.asn)
    html = render_to_string(
        "learning/certificate_pdf.html", certificates.certificate_context(certificate)
    )
    document = HTML(string=html).render()
    assert len(document.pages) == 1
    page = document.pages[0]
    assert page.width > page.height  # landscape
    assert round(page.width / page.height, 2) == round(297 / 210, 2)  # A4
    assert "SERTIFIKAT" in html
    assert certificate.code in html
