"""Short training at home or abroad that needs a permit (a course, a fellowship): request,
approval by the atasan or an admin of the unit, and the report after return, which records
the JP through the ledger's one write path (its rule gives the abroad bonus)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from garda.core.access import decides_own_case, unit_is_visible_to
from garda.core.audit.services import audit_record
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import User
from garda.core.roles import Role
from garda.learning.ledger.models import LearningForm, SourceKind
from garda.learning.ledger.services import EntryDraft, ledger_entries_record
from garda.people.models import Employee
from garda.studies import policy
from garda.studies.emails import PermitStep, notify_permit
from garda.studies.models import PermitStatus, TrainingPermit
from garda.studies.services.documents import check_file


@transaction.atomic
def permit_request(
    *,
    actor: User,
    employee_id: int,
    title: str,
    provider: str,
    form_id: int,
    starts_on: dt.date,
    ends_on: dt.date,
    stated_jp: Decimal,
    abroad: bool = False,
    country: str = "",
) -> TrainingPermit:
    employee = Employee.objects.filter(pk=employee_id).first()
    if employee is None or not policy.can_act_for(actor, employee):
        raise NotFound("Pegawai tidak ditemukan.", "Employee not found.")
    if not LearningForm.objects.filter(pk=form_id).exists():
        raise NotFound("Bentuk pengembangan kompetensi tidak dikenal.", "Unknown form.")
    if ends_on < starts_on or not title.strip() or not Decimal("0") < stated_jp <= Decimal("999"):
        raise ValidationFailed("Periksa nama kegiatan, tanggal dan JP.", "Check title, dates, JP.")
    if abroad and not country.strip():
        raise ValidationFailed(
            "Isi negara tujuan.",
            "Enter the country.",
            errors=[{"field": "country", "message": "Wajib diisi."}],
        )
    permit = TrainingPermit.objects.create(
        employee=employee,
        title=title.strip()[:200],
        provider=provider.strip()[:200],
        form_id=form_id,
        abroad=abroad,
        country=country.strip()[:80],
        starts_on=starts_on,
        ends_on=ends_on,
        stated_jp=stated_jp,
    )
    audit_record(
        actor=actor,
        action="studies.permit.request",
        target=permit,
        after={"title": permit.title, "abroad": abroad},
    )
    notify_permit(permit, PermitStep.REQUESTED)
    return permit


def _permit(permit_id: int) -> TrainingPermit:
    permit = (
        TrainingPermit.objects.select_for_update(of=("self",))
        .select_related("employee")
        .filter(pk=permit_id)
        .first()
    )
    if permit is None:
        raise NotFound("Izin tidak ditemukan.", "Permit not found.")
    return permit


@transaction.atomic
def permit_decide(*, actor: User, permit_id: int, approved: bool) -> TrainingPermit:
    permit = _permit(permit_id)
    employee = permit.employee
    deciders = actor.is_superuser or actor.role in {Role.ATASAN, *policy.STUDY_ADMINS}
    if (
        not deciders
        or not unit_is_visible_to(actor, employee.unit_id)
        or decides_own_case(actor, employee.user_id)
    ):
        raise NotAllowed
    if permit.status != PermitStatus.REQUESTED:
        raise Conflict("Izin ini sudah diputuskan.", "Already decided.")
    permit.status = PermitStatus.APPROVED if approved else PermitStatus.REFUSED
    permit.decided_by = actor
    permit.save()
    audit_record(
        actor=actor, action="studies.permit.decide", target=permit, after={"status": permit.status}
    )
    notify_permit(permit, PermitStep.DECIDED)
    return permit


@transaction.atomic
def permit_report(
    *, actor: User, permit_id: int, report: str, certificate: UploadedFile[bytes] | None = None
) -> TrainingPermit:
    permit = _permit(permit_id)
    if not policy.can_act_for(actor, permit.employee):
        raise NotFound("Izin tidak ditemukan.", "Permit not found.")
    if permit.status != PermitStatus.APPROVED:
        raise Conflict(
            "Laporan hanya untuk izin yang disetujui dan belum dilaporkan.",
            "Only an approved permit not yet reported.",
        )
    if not report.strip():
        raise ValidationFailed(
            "Tulis laporan kegiatan.",
            "Write the report.",
            errors=[{"field": "report", "message": "Wajib diisi."}],
        )
    if certificate is not None:
        check_file(certificate, field="certificate")
        permit.certificate = certificate
    permit.status = PermitStatus.REPORTED
    permit.report = report.strip()
    permit.save()
    (result,) = ledger_entries_record(
        drafts=[
            EntryDraft(
                employee_id=permit.employee_id,
                form_id=permit.form_id,
                started_on=permit.starts_on,
                finished_on=permit.ends_on,
                stated_jp=permit.stated_jp,
                abroad=permit.abroad,
                title=permit.title,
                provider=permit.provider,
                source_kind=SourceKind.EXTERNAL,
                source_key=f"studies-permit:{permit.pk}",
            )
        ]
    )
    audit_record(
        actor=actor,
        action="studies.permit.report",
        target=permit,
        after={"jp": str(result.entry.jp)},
    )
    notify_permit(permit, PermitStep.REPORTED)
    return permit
