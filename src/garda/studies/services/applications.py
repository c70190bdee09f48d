"""From the application to the decree: submit (eligibility checked by the one decision),
documents, the approval chain atasan -> head of OPD -> BKD, the SK tugas belajar / surat izin
belajar with its verification QR, and release from the post for a tugas belajar longer than
six months (through the registry's own service, so the history entry is the registry's)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.codes import UNAMBIGUOUS, random_code
from garda.core.documents import pdf_from_html
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.identity import mask_identifier
from garda.core.models import User
from garda.core.qr import qr_data_uri
from garda.learning.services.results import add_months
from garda.people.models import Employee, EmployeeStatus
from garda.people.services import employee_update
from garda.studies import policy
from garda.studies.emails import Step, notify
from garda.studies.models import (
    APPROVAL_CHAIN,
    AssignmentStatus,
    FundingSource,
    StudyApproval,
    StudyAssignment,
    StudyDocument,
    StudyKind,
    StudyOffer,
)
from garda.studies.selectors.eligibility import program_get, rule_for, study_check
from garda.studies.services.documents import REQUIRED_FOR_DECREE, check_file, check_kind

DECREE_CODE_ATTEMPTS = 5


def _employee(employee_id: int) -> Employee:
    employee = Employee.objects.select_related("unit", "user").filter(pk=employee_id).first()
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.", "Employee not found.")
    return employee


@transaction.atomic
def application_submit(
    *,
    actor: User,
    employee_id: int,
    kind: str,
    level: str,
    program_id: int,
    funding_source_id: int,
    starts_on: dt.date,
    offer_id: int | None = None,
    cost_per_semester: Decimal = Decimal("0"),
    budget_line: str = "",
    relevance: str = "",
    exception_3t: bool = False,
) -> StudyAssignment:
    """The ASN applies (or an admin of its unit proposes it). Refused, with every reason, when
    the eligibility decision says no."""
    employee = _employee(employee_id)
    if not policy.can_act_for(actor, employee):
        raise NotFound("Pegawai tidak ditemukan.", "Employee not found.")
    offer = None
    if offer_id is not None:
        offer = StudyOffer.objects.filter(pk=offer_id).first()
        if offer is None:
            raise NotFound("Penawaran tidak ditemukan.", "Offer not found.")
        kind, level, funding_source_id = offer.kind, offer.level, offer.funding_source_id
        exception_3t = exception_3t or offer.exception_3t
    funding = FundingSource.objects.filter(pk=funding_source_id).first()
    if funding is None:
        raise NotFound("Sumber dana tidak ditemukan.", "Funding source not found.")
    program = program_get(program_id)
    if program is None:
        raise NotFound("Program studi tidak ditemukan.", "Programme not found.")
    decision = study_check(
        employee=employee,
        kind=kind,
        level=level,
        on=starts_on,
        program=program,
        exception_3t=exception_3t,
    )
    if not decision.eligible:
        raise ValidationFailed(
            "Tidak memenuhi syarat: " + "; ".join(decision.reasons) + ".",
            "Not eligible: " + "; ".join(decision.reasons) + ".",
            code="study_not_eligible",
            errors=[{"field": "__all__", "message": reason} for reason in decision.reasons],
        )
    if kind == StudyKind.IZIN and not relevance.strip():
        raise ValidationFailed(
            "Jelaskan kesesuaian studi dengan jabatan.",
            "Explain how the study supports the post.",
            errors=[{"field": "relevance", "message": "Wajib diisi untuk izin belajar."}],
        )
    rule = rule_for(kind=kind, level=level)
    try:
        with transaction.atomic():
            assignment = StudyAssignment.objects.create(
                employee=employee,
                offer=offer,
                kind=kind,
                level=level,
                program=program,
                funding_source=funding,
                starts_on=starts_on,
                planned_months=rule.duration_years * 12,
                cost_per_semester=cost_per_semester,
                budget_line=budget_line.strip()[:120],
                relevance=relevance.strip(),
            )
    except IntegrityError as error:
        raise Conflict(
            "Pegawai ini masih memiliki pengajuan atau studi yang berjalan.",
            "This employee already has an open application or study.",
            code="study_already_open",
        ) from error
    audit_record(
        actor=actor,
        action="studies.application.submit",
        target=assignment,
        after={
            "kind": kind,
            "level": level,
            "program": program_id,
            "funding": funding.code,
            "employee": employee.pk,
        },
    )
    notify(assignment, Step.SUBMITTED)
    return assignment


def _locked(assignment_id: int) -> StudyAssignment:
    assignment = (
        StudyAssignment.objects.select_for_update(of=("self",))
        .filter(pk=assignment_id)
        .select_related("employee__unit", "employee__user", "program__grade", "funding_source")
        .first()
    )
    if assignment is None:
        raise NotFound("Data studi tidak ditemukan.", "Study not found.")
    return assignment


@transaction.atomic
def document_upload(
    *, actor: User, assignment_id: int, kind: str, file: UploadedFile[bytes]
) -> StudyDocument:
    """A wrong type of document for the stage, or a file that is not a PDF/JPG/PNG, is refused
    with its reason and nothing is stored."""
    assignment = _locked(assignment_id)
    if not policy.can_act_for(actor, assignment.employee):
        raise NotFound("Data studi tidak ditemukan.", "Study not found.")
    check_kind(kind, assignment.status)
    check_file(file)
    document = StudyDocument.objects.create(assignment=assignment, kind=kind, file=file)
    audit_record(
        actor=actor,
        action="studies.document.upload",
        target=document,
        after={"assignment": assignment.pk, "kind": kind},
    )
    return document


@transaction.atomic
def application_decide(
    *, actor: User, assignment_id: int, approved: bool, note: str = ""
) -> StudyAssignment:
    """The next step of the chain decides. Anyone else is refused and nothing changes."""
    assignment = _locked(assignment_id)
    step = assignment.next_step
    if assignment.status != AssignmentStatus.SUBMITTED or not step:
        raise Conflict("Pengajuan ini tidak menunggu persetujuan.", "Not awaiting a decision.")
    if not policy.can_decide_step(actor, step, assignment):
        raise NotAllowed(
            "Anda bukan pemberi persetujuan tahap ini (atasan → kepala OPD → BKD).",
            "You do not decide this step (atasan → head of OPD → BKD).",
            code="study_not_in_chain",
        )
    if not approved and not note.strip():
        raise ValidationFailed(
            "Tulis alasan penolakan.",
            "Give the reason for refusing.",
            errors=[{"field": "note", "message": "Wajib diisi."}],
        )
    last = step == APPROVAL_CHAIN[-1]
    if approved and last:
        kinds = set(assignment.documents.values_list("kind", flat=True))
        missing = [k for k in REQUIRED_FOR_DECREE if k not in kinds]
        if missing:
            raise ValidationFailed(
                "Dokumen wajib belum lengkap: " + ", ".join(missing) + ".",
                "Required documents missing: " + ", ".join(missing) + ".",
                code="study_documents_missing",
            )
    StudyApproval.objects.create(
        assignment=assignment, step=step, approved=approved, decided_by=actor, note=note.strip()
    )
    if not approved:
        assignment.status = AssignmentStatus.REFUSED
        assignment.closing_reason = note.strip()
        assignment.next_step = ""
    elif last:
        _issue_decree(actor, assignment)
    else:
        assignment.next_step = APPROVAL_CHAIN[APPROVAL_CHAIN.index(step) + 1]
    if assignment.status == AssignmentStatus.APPROVED:
        _save_with_decree_code(assignment)
    else:
        assignment.save()
    audit_record(
        actor=actor,
        action="studies.application.decide",
        target=assignment,
        after={"step": step, "approved": approved, "status": assignment.status},
    )
    if not approved:
        notify(assignment, Step.REFUSED)
    else:
        notify(assignment, Step.DECREE if last else Step.APPROVED_STEP)
    return assignment


def _issue_decree(actor: User, assignment: StudyAssignment) -> None:
    assignment.status = AssignmentStatus.APPROVED
    assignment.next_step = ""
    assignment.decree_issued_at = timezone.now()
    if assignment.kind == StudyKind.TUGAS:
        assignment.return_planned_on = add_months(assignment.starts_on, assignment.total_months)
        rule = rule_for(kind=assignment.kind, level=assignment.level)
        if assignment.planned_months > rule.release_after_months:
            _release_from_post(actor, assignment)


def decree_code_new(kind: str, year: int) -> str:
    """SKTB-YYYY-XXXXXXXX (tugas belajar) or SIB-YYYY-XXXXXXXX: 32^8 codes a year."""
    prefix = "SKTB" if kind == StudyKind.TUGAS else "SIB"
    return f"{prefix}-{year}-" + random_code(8, UNAMBIGUOUS)


def _save_with_decree_code(assignment: StudyAssignment) -> None:
    """Save the approved study with a new decree code. The database keeps the code unique: a
    collision rolls back only its savepoint and the next attempt draws another code."""
    year = (assignment.decree_issued_at or timezone.now()).year
    for _attempt in range(DECREE_CODE_ATTEMPTS):
        assignment.decree_code = decree_code_new(assignment.kind, year)
        try:
            with transaction.atomic():
                assignment.save()
        except IntegrityError:
            if not StudyAssignment.objects.filter(decree_code=assignment.decree_code).exists():
                raise  # another constraint: not ours to retry
            continue
        return
    raise Conflict(
        "Nomor SK tidak dapat dibuat; coba lagi.",
        "No free decree number was found; try again.",
        code="study_decree_code",
    )


def _release_from_post(actor: User, assignment: StudyAssignment) -> None:
    employee = assignment.employee
    assignment.previous_post = employee.jabatan_name
    assignment.released_from_post = True
    employee_update(
        actor=actor,
        employee=employee,
        values={"status": EmployeeStatus.TUGAS_BELAJAR, "jabatan_name": ""},
    )


# --- The decree -------------------------------------------------------------------------------


def verify_url(code: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + reverse("studies:verify", args=[code])


def decree_context(assignment: StudyAssignment) -> dict[str, Any]:
    url = verify_url(assignment.decree_code or "")
    return {
        "assignment": assignment,
        "employee": assignment.employee,
        "masked_nip": mask_identifier(assignment.employee.nip),
        "verify_url": url,
        "qr": qr_data_uri(url),
        "approvals": list(assignment.approvals.select_related("decided_by")),
    }


@transaction.atomic
def decree_download(*, actor: User, assignment: StudyAssignment) -> bytes:
    """The decree PDF for someone who may see the study (the page checked it); each download
    is audited: the SK carries a name and a NIP, however masked."""
    data = decree_pdf(assignment)
    audit_record(
        actor=actor,
        action="studies.decree.download",
        target=assignment,
        after={"decree_code": assignment.decree_code},
    )
    return data


def decree_pdf(assignment: StudyAssignment) -> bytes:
    """The stored PDF, rendered and kept on first use (a rendering of what was audited)."""
    if not assignment.decree_code:
        raise NotFound("SK belum terbit.", "No decree yet.")
    if assignment.decree_pdf:
        with assignment.decree_pdf.open("rb") as handle:
            return bytes(handle.read())
    data = pdf_from_html(render_to_string("studies/decree_pdf.html", decree_context(assignment)))
    assignment.decree_pdf.save(f"{assignment.decree_code}.pdf", ContentFile(data), save=False)
    StudyAssignment.objects.filter(pk=assignment.pk).update(decree_pdf=assignment.decree_pdf.name)
    return data
