"""External learning: an ASN submits it with evidence, an admin in scope verifies or refuses
it; approval turns it into a ledger entry with the JP the conversion rules give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import User
from garda.learning.ledger import policy
from garda.learning.ledger.models import ExternalLearning, LearningForm, LedgerEntry, SourceKind
from garda.learning.ledger.models_external import SubmissionStatus
from garda.learning.ledger.rules import rule_for
from garda.learning.ledger.services import create_entry

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8"}


def _problem(field: str, message_id: str, message_en: str) -> ValidationFailed:
    return ValidationFailed(
        message_id, message_en, errors=[{"field": field, "message": message_id}]
    )


def check_evidence(evidence: UploadedFile[bytes]) -> None:
    """PDF, PNG or JPEG up to 5 MB, judged by its first bytes as well as its name."""
    name = (evidence.name or "").lower()
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    magic = EVIDENCE_TYPES.get(suffix)
    if evidence.size is not None and evidence.size > MAX_EVIDENCE_BYTES:
        raise _problem("evidence", "Berkas bukti paling besar 5 MB.", "Evidence is at most 5 MB.")
    head = evidence.read(8)
    evidence.seek(0)
    if magic is None or not head.startswith(magic):
        raise _problem(
            "evidence",
            "Bukti harus berupa PDF, PNG atau JPG.",
            "Evidence must be a PDF, PNG or JPG file.",
        )


@transaction.atomic
def external_submit(
    *,
    actor: User,
    form_id: int,
    title: str,
    provider: str,
    started_on: dt.date,
    finished_on: dt.date,
    quantity: int,
    stated_jp: Decimal | None,
    abroad: bool,
    certificate_number: str,
    evidence: UploadedFile[bytes],
    today: dt.date | None = None,
) -> ExternalLearning:
    """The signed-in ASN records learning it did elsewhere, for its own ledger."""
    employee = policy.own_employee(actor)
    if employee is None:
        raise NotAllowed(
            "Akun Anda belum terhubung dengan data pegawai.",
            "Your account is not linked to an employee record.",
        )
    form = LearningForm.objects.filter(pk=form_id, active=True).first()
    if form is None:
        raise _problem("form", "Pilih bentuk pembelajaran.", "Choose a learning form.")
    if not title.strip() or not provider.strip():
        raise _problem(
            "title",
            "Nama kegiatan dan penyelenggara wajib diisi.",
            "Title and provider are required.",
        )
    if finished_on < started_on:
        raise _problem(
            "finished_on", "Tanggal selesai sebelum tanggal mulai.", "Ends before it starts."
        )
    if finished_on > (today or timezone.localdate()):
        raise _problem("finished_on", "Kegiatan belum selesai.", "The activity has not ended yet.")
    if rule_for(form.pk).unit == "stated" and stated_jp is None:
        raise _problem(
            "stated_jp", "Isi JP yang tercantum pada sertifikat.", "Enter the certificate's JP."
        )
    check_evidence(evidence)
    submission = ExternalLearning(
        employee=employee,
        submitted_by=actor,
        form=form,
        title=title.strip()[:250],
        provider=provider.strip()[:200],
        started_on=started_on,
        finished_on=finished_on,
        quantity=max(0, quantity),
        stated_jp=stated_jp,
        abroad=abroad,
        certificate_number=certificate_number.strip()[:120],
        evidence=evidence,
    )
    submission.save(force_insert=True)
    audit_record(
        actor=actor, action="ledger.external.submit", target=submission, after=snapshot(submission)
    )
    return submission


def _pending(actor: User, submission_id: int) -> ExternalLearning:
    submission = (
        ExternalLearning.objects.select_for_update()
        .select_related("employee")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        raise NotFound
    if not policy.can_verify(actor, submission.employee):
        raise NotAllowed
    if submission.status != SubmissionStatus.SUBMITTED:
        raise Conflict("Pengajuan ini sudah diputuskan.", "This submission was already decided.")
    return submission


@transaction.atomic
def external_approve(*, actor: User, submission_id: int) -> LedgerEntry:
    """Approve: the JP is computed now, with the caps across the ASN's entries so far."""
    submission = _pending(actor, submission_id)
    # The entry points at the same stored file: evidence is kept once.
    entry, _created = create_entry(
        employee_id=submission.employee_id,
        form_id=submission.form_id,
        title=submission.title,
        provider=submission.provider,
        started_on=submission.started_on,
        finished_on=submission.finished_on,
        jp=submission.stated_jp,
        source_kind=SourceKind.EXTERNAL,
        source_key=f"external:{submission.pk}",
        certificate_number=submission.certificate_number,
        quantity=submission.quantity,
        abroad=submission.abroad,
        evidence_name=submission.evidence.name or "",
    )
    before = snapshot(submission, ["status"])
    submission.status = SubmissionStatus.APPROVED
    submission.decided_by = actor
    submission.decided_at = timezone.now()
    submission.entry = entry
    submission.save(update_fields=["status", "decided_by", "decided_at", "entry", "updated_at"])
    audit_record(
        actor=actor,
        action="ledger.external.approve",
        target=submission,
        before=before,
        after={"status": submission.status, "entry": entry.pk, "jp": entry.jp},
    )
    return entry


@transaction.atomic
def external_refuse(*, actor: User, submission_id: int, reason: str) -> ExternalLearning:
    submission = _pending(actor, submission_id)
    if not reason.strip():
        raise _problem("reason", "Tuliskan alasan penolakan.", "A reason is required.")
    submission.status = SubmissionStatus.REFUSED
    submission.decided_by = actor
    submission.decided_at = timezone.now()
    submission.refusal_reason = reason.strip()[:300]
    submission.save(
        update_fields=["status", "decided_by", "decided_at", "refusal_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="ledger.external.refuse",
        target=submission,
        after=snapshot(submission, ["status", "refusal_reason"]),
    )
    return submission
