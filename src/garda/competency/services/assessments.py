"""One assessment result entered by an assessor (the upload goes through importing.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from garda.competency import policy
from garda.competency.lookup import competencies_for, instansi_of
from garda.competency.models import Assessment
from garda.competency.services.gaps import gaps_refresh
from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotAllowed, NotFound, ValidationFailed
from garda.core.models import User
from garda.people.models import Employee


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    employee_id: int,
    competency_id: int,
    level: int,
    assessed_on: dt.date,
    method: str,
    institution: str = "",
) -> Assessment:
    """Record (or correct, for the same date) an ASN's achieved level in a competency."""
    employee = Employee.objects.filter(pk=employee_id).first()
    if employee is None:
        raise NotFound
    if not policy.can_assess(actor, employee):
        raise NotAllowed
    if not 1 <= level <= 5:
        raise ValidationFailed(
            "Level harus 1 sampai 5.", "The level must be 1 to 5.",
            errors=[{"field": "level", "message": "Level harus 1 sampai 5."}],
        )  # fmt: skip
    if not method.strip():
        raise ValidationFailed(
            "Metode wajib diisi.", "The method is required.",
            errors=[{"field": "method", "message": "Metode wajib diisi."}],
        )  # fmt: skip
    if not competencies_for(instansi_of(employee.unit_id)).filter(pk=competency_id).exists():
        raise ValidationFailed(
            "Kompetensi tidak tersedia di instansi ASN ini.", "Competency not available.",
            errors=[{"field": "competency", "message": "Kompetensi tidak tersedia."}],
        )  # fmt: skip
    assessment = (
        Assessment.objects.select_for_update()
        .filter(employee=employee, competency_id=competency_id, assessed_on=assessed_on)
        .first()
    )
    before = None if assessment is None else snapshot(assessment)
    if assessment is None:
        assessment = Assessment(employee=employee, competency_id=competency_id,
                                assessed_on=assessed_on, recorded_by=actor)  # fmt: skip
    assessment.level, assessment.method = level, method.strip()[:120]
    assessment.institution = institution.strip()[:200]
    assessment.save()
    gaps_refresh(employee_ids=[employee.pk])
    audit_record(actor=actor, action="competency.assessment.record", target=assessment,
                 before=before, after=snapshot(assessment))  # fmt: skip
    return assessment
