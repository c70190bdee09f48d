"""Certificates: issue (unique code, ledger entry, the signing official and the participant's
golongan/jabatan kept as of that day), render (WeasyPrint, A4 landscape, with the emblem and a
QR to the public verification page; a revoked one is marked DICABUT), revoke (audited, ledger
entry revoked), and generate a whole batch's in the background. The signed Open Badge is in
`badges`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.codes import UNAMBIGUOUS, random_code
from garda.core.documents import pdf_from_html
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import Job, User
from garda.core.qr import qr_data_uri
from garda.core.services import job_create, job_finish, job_progress
from garda.learning import policy
from garda.learning.ledger.services import ledger_record_training, ledger_revoke
from garda.learning.models import Certificate, Enrollment, EnrollmentStatus
from garda.learning.services.signatories import certificate_details, paper_context


def new_code(year: int) -> str:
    # No 0/O, 1/I: a code is read aloud on the phone.
    return f"GRD-{year}-" + random_code(8, UNAMBIGUOUS)


def verify_url(code: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + reverse("learning:verify", args=[code])


def _ledger_key(certificate: Certificate) -> str:
    return f"learning-certificate:{certificate.pk}"


def certificate_issue(*, actor: User | None, enrollment: Enrollment) -> Certificate:
    """Inside the caller's transaction. Idempotent: a participant has one certificate."""
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    if enrollment.status != EnrollmentStatus.COMPLETED:
        raise ValidationFailed("Peserta belum dinyatakan lulus.", "Not completed.")
    now = timezone.now()
    certificate: Certificate | None = None
    # 32^8 codes a year; the unique constraint settles the (unlikely) collision.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    enrollment=enrollment,
                    code=new_code(now.year),
                    issued_at=now,
                    details=certificate_details(enrollment),
                )
            break
        except IntegrityError:
            if Certificate.objects.filter(enrollment=enrollment).exists():
                return Certificate.objects.get(enrollment=enrollment)
    if certificate is None:
        raise Conflict("Coba lagi.", "Please try again.")
    audit_record(actor=actor, action="learning.certificate.issue", target=certificate,
                 after={"code": certificate.code, "enrollment": enrollment.pk})  # fmt: skip
    _ledger_record(actor=actor, certificate=certificate)
    return certificate


def _ledger_record(*, actor: User | None, certificate: Certificate) -> None:
    enrollment = certificate.enrollment
    batch, program = enrollment.batch, enrollment.batch.program
    ledger_record_training(
        actor=actor, employee_id=enrollment.employee_id, form_id=program.form_id,
        title=program.title, provider=program.provider_label, started_on=batch.starts_on,
        finished_on=batch.ends_on, jp=Decimal(program.jp), certificate_number=certificate.code,
        source_key=_ledger_key(certificate),
    )  # fmt: skip


@transaction.atomic
def certificate_revoke(*, actor: User, certificate_id: int, reason: str) -> Certificate:
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("enrollment__batch__organiser_unit")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        raise NotFound
    if not policy.can_manage_batch(actor, certificate.enrollment.batch):
        raise NotAllowed
    if not reason.strip():
        raise ValidationFailed("Alasan pencabutan wajib diisi.", "A reason is required.",
                               errors=[{"field": "reason", "message": "Wajib diisi."}])  # fmt: skip
    if certificate.revoked_at is not None:
        raise Conflict("Sertifikat sudah dicabut.", "Already revoked.")
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="learning.certificate.revoke",
        target=certificate,
        after={"code": certificate.code, "reason": certificate.revoked_reason},
    )
    ledger_revoke(actor=actor, source_key=_ledger_key(certificate), reason=reason.strip())
    return certificate


# --- Rendering --------------------------------------------------------------------------------


def certificate_context(certificate: Certificate) -> dict[str, Any]:
    enrollment = certificate.enrollment
    url = verify_url(certificate.code)
    return {
        "certificate": certificate,
        "employee": enrollment.employee,
        "batch": enrollment.batch,
        "program": enrollment.batch.program,
        "verify_url": url,
        "qr": qr_data_uri(url),
        **paper_context(certificate),
    }


def render_pdf(certificate: Certificate) -> bytes:
    html = render_to_string("learning/certificate_pdf.html", certificate_context(certificate))
    return pdf_from_html(html)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The stored PDF, rendered and kept on first use. A revoked certificate is rendered anew
    each time, marked DICABUT with the date and reason: the stored paper is never served."""
    if certificate.revoked_at is not None:
        return render_pdf(certificate)
    if certificate.pdf:
        with certificate.pdf.open("rb") as handle:
            return bytes(handle.read())
    data = render_pdf(certificate)
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(data), save=False)
    # A rendering of what was issued (and audited) already: stored, not audited again.
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return data


# --- The background batch ---------------------------------------------------------------------


@transaction.atomic
def certificates_start(*, actor: User, batch_id: int) -> Job:
    """Decide completion for the batch, then render every certificate in the background."""
    # Both import this module (results issues certificates, the task renders them).
    from garda.learning.services.results import batch_decide_completion
    from garda.learning.tasks import generate_certificates

    batch_decide_completion(actor=actor, batch_id=batch_id)
    total = Certificate.objects.filter(enrollment__batch_id=batch_id, pdf="").count()
    job = job_create(owner=actor, kind="learning.certificates",
                     title=f"Sertifikat angkatan #{batch_id}", total=total)  # fmt: skip
    transaction.on_commit(lambda: generate_certificates.enqueue(job.pk, batch_id))
    return job


def certificates_render_batch(*, job_id: int, batch_id: int) -> int:
    """Render each certificate not yet rendered; report progress every few."""
    pending = list(
        Certificate.objects.filter(enrollment__batch_id=batch_id, pdf="")
        .select_related("enrollment__employee", "enrollment__batch__program__form")
        .order_by("pk")
    )
    job_progress(job_id=job_id, done=0, total=len(pending))
    for done, certificate in enumerate(pending, start=1):
        certificate_pdf(certificate)
        if done % 10 == 0 or done == len(pending):
            job_progress(job_id=job_id, done=done)
    job_finish(job_id=job_id, result={"rendered": len(pending), "batch": batch_id},
               message=f"{len(pending)} sertifikat dibuat.")  # fmt: skip
    return len(pending)
