"""Writes of the registry: innovations, their team, evidence, replications, publication, the
draft made from an aksi perubahan, and the yearly "masih berjalan?" check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import Unit, User
from garda.learning.models import ChangeProject
from garda.people.models import UnitHead
from garda.service.innovation import policy
from garda.service.innovation.models import (
    ActivityCheck,
    Evidence,
    EvidenceKind,
    Innovation,
    Replication,
    Stage,
    Status,
    TeamMember,
)

EDITABLE_FIELDS = (
    "title",
    "problem",
    "idea",
    "change",
    "beneficiaries",
    "beneficiary_count",
    "cost",
    "sector",
    "kind",
    "form",
    "stage",
    "initiated_on",
    "trial_on",
    "applied_on",
    "mentor_name",
    "coach_name",
    "video_url",
)
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
EVIDENCE_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".pptx"})


def _required(value: str, field: str) -> str:
    if not value.strip():
        raise ValidationFailed(
            "Wajib diisi.", "Required.", errors=[{"field": field, "message": "Wajib diisi."}]
        )
    return value.strip()


def _apply(innovation: Innovation, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            f"Kolom tidak dikenal: {', '.join(sorted(unknown))}.",
            f"Unknown fields: {', '.join(sorted(unknown))}.",
        )
    for name, value in fields.items():
        setattr(innovation, name, value.strip() if isinstance(value, str) else value)
    innovation.title = _required(innovation.title, "title")[:200]
    if innovation.stage not in Stage.values:
        raise ValidationFailed(
            "Tahapan tidak dikenal.",
            "Unknown stage.",
            errors=[{"field": "stage", "message": "Tahapan tidak dikenal."}],
        )
    dates = [innovation.initiated_on, innovation.trial_on, innovation.applied_on]
    known = [d for d in dates if d is not None]
    if known != sorted(known):
        raise ValidationFailed(
            "Tanggal tahapan harus berurutan: inisiatif, uji coba, penerapan.",
            "Stage dates must be in order: initiative, trial, application.",
            errors=[{"field": "trial_on", "message": "Tanggal tidak berurutan."}],
        )


def editable_innovation(actor: User, innovation_id: int) -> Innovation:
    innovation = Innovation.objects.select_for_update().filter(pk=innovation_id).first()
    if (
        innovation is None
        or not policy.innovations_visible(actor).filter(pk=innovation_id).exists()
    ):
        raise NotFound
    if not policy.may_edit(actor, innovation):
        raise NotAllowed
    return innovation


@transaction.atomic
def innovation_create(*, actor: User, unit_id: int, **fields: Any) -> Innovation:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not policy.may_place(actor, unit_id):
        raise NotAllowed("Unit di luar wewenang Anda.", "That unit is outside your scope.")
    innovation = Innovation(unit=unit, instansi=policy.instansi_of(unit), author=actor)
    _apply(innovation, fields)
    innovation.save()
    audit_record(
        actor=actor, action="innovation.create", target=innovation, after=snapshot(innovation)
    )
    return innovation


@transaction.atomic
def innovation_update(*, actor: User, innovation_id: int, **fields: Any) -> Innovation:
    innovation = editable_innovation(actor, innovation_id)
    before = snapshot(innovation)
    _apply(innovation, fields)
    innovation.save()
    audit_record(
        actor=actor,
        action="innovation.update",
        target=innovation,
        before=before,
        after=snapshot(innovation),
    )
    return innovation


@transaction.atomic
def innovation_publish(*, actor: User, innovation_id: int, published: bool) -> Innovation:
    innovation = editable_innovation(actor, innovation_id)
    if not policy.may_publish(actor, innovation):
        raise NotAllowed(
            "Hanya atasan atau admin yang menerbitkan inovasi.",
            "Only a unit head or an admin publishes an innovation.",
        )
    if published and not (innovation.problem and innovation.idea):
        raise ValidationFailed(
            "Isi masalah dan gagasan sebelum menerbitkan.",
            "Fill in the problem and the idea before publishing.",
        )
    innovation.status = Status.PUBLISHED if published else Status.DRAFT
    innovation.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="innovation.publish",
        target=innovation,
        after={"status": innovation.status},
    )
    return innovation


def _coach(project: ChangeProject) -> str:
    instructors = project.enrollment.batch.instructors.strip().splitlines()
    return instructors[0].strip()[:200] if instructors else ""


@transaction.atomic
def innovation_from_change_project(*, actor: User, change_project_id: int) -> Innovation:
    """A draft innovation of the author's unit from an aksi perubahan: the participant's
    direct head is its mentor, the batch's first widyaiswara its coach."""
    project = (
        ChangeProject.objects.select_related("enrollment__employee__unit", "enrollment__batch")
        .filter(pk=change_project_id)
        .first()
    )
    if project is None:
        raise NotFound
    employee = project.enrollment.employee
    own = employee.user_id == actor.pk
    if not own and not policy.may_place(actor, employee.unit_id):
        raise NotFound
    if Innovation.objects.filter(change_project=project).exists():
        raise Conflict(
            "Aksi perubahan ini sudah menjadi inovasi.",
            "This aksi perubahan is already an innovation.",
        )
    head = UnitHead.objects.select_related("employee").filter(unit=employee.unit_id).first()
    mentor = head.employee.name if head and head.employee_id != employee.pk else ""
    innovation = Innovation(
        unit=employee.unit,
        instansi=policy.instansi_of(employee.unit),
        author=employee.user if employee.user_id else actor,
        change_project=project,
        title=project.title[:200],
        change=project.outcome,
        mentor_name=mentor[:200],
        coach_name=_coach(project),
        initiated_on=project.enrollment.batch.starts_on,
    )
    try:
        with transaction.atomic():
            innovation.save()
    except IntegrityError as error:  # two clicks at once: the one-to-one refuses the second
        raise Conflict(
            "Aksi perubahan ini sudah menjadi inovasi.",
            "This aksi perubahan is already an innovation.",
        ) from error
    TeamMember.objects.create(innovation=innovation, name=employee.name[:200], role="Ketua")
    audit_record(
        actor=actor,
        action="innovation.from_change_project",
        target=innovation,
        after={"change_project": project.pk, "title": innovation.title},
    )
    return innovation


@transaction.atomic
def team_member_add(*, actor: User, innovation_id: int, name: str, role: str = "") -> TeamMember:
    innovation = editable_innovation(actor, innovation_id)
    name = _required(name, "name")[:200]
    if innovation.team.filter(name=name).exists():
        raise Conflict("Nama itu sudah ada dalam tim.", "That name is already in the team.")
    member = TeamMember.objects.create(innovation=innovation, name=name, role=role.strip()[:100])
    audit_record(actor=actor, action="innovation.team_add", target=member, after={"name": name})
    return member


@transaction.atomic
def evidence_add(
    *,
    actor: User,
    innovation_id: int,
    kind: str,
    title: str,
    url: str = "",
    upload: UploadedFile[bytes] | None = None,
    indicator_id: int | None = None,
) -> Evidence:
    innovation = editable_innovation(actor, innovation_id)
    if kind not in EvidenceKind.values:
        raise ValidationFailed("Jenis bukti tidak dikenal.", "Unknown kind of evidence.")
    if upload is None and not url.strip():
        raise ValidationFailed(
            "Unggah berkas atau isi tautan.",
            "Upload a file or give a link.",
            errors=[{"field": "url", "message": "Wajib diisi."}],
        )
    if upload is not None:
        suffix = "." + (upload.name or "").rsplit(".", 1)[-1].lower()
        if suffix not in EVIDENCE_SUFFIXES or (upload.size or 0) > MAX_EVIDENCE_BYTES:
            raise ValidationFailed(
                "Berkas harus PDF, gambar JPG/PNG atau dokumen Office, paling besar 20 MB.",
                "The file must be a PDF, a JPG/PNG image or an Office document, at most 20 MB.",
                errors=[{"field": "upload", "message": "Berkas ditolak."}],
            )
    evidence = Evidence(
        innovation=innovation,
        kind=kind,
        title=_required(title, "title")[:200],
        url=url.strip(),
        indicator_id=indicator_id,
    )
    if upload is not None:
        evidence.file.save(f"{innovation.pk}{suffix}", upload, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action="innovation.evidence_add",
        target=evidence,
        after={"kind": kind, "title": evidence.title},
    )
    return evidence


@transaction.atomic
def replication_add(
    *, actor: User, innovation_id: int, unit_id: int, replicated_on: dt.date, note: str = ""
) -> Replication:
    innovation = editable_innovation(actor, innovation_id)
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise ValidationFailed(
            "Unit tidak dikenal.",
            "Unknown unit.",
            errors=[{"field": "unit", "message": "Unit tidak dikenal."}],
        )
    if unit.pk == innovation.unit_id:
        raise ValidationFailed(
            "Replikasi dilakukan unit lain.", "A replication is by another unit."
        )
    if innovation.replications.filter(unit=unit).exists():
        raise Conflict("Unit itu sudah tercatat mereplikasi.", "That unit is already recorded.")
    replication = Replication.objects.create(
        innovation=innovation, unit=unit, replicated_on=replicated_on, note=note.strip()[:300]
    )
    audit_record(
        actor=actor,
        action="innovation.replication_add",
        target=replication,
        after={"unit": unit.code, "on": replicated_on.isoformat()},
    )
    return replication


@transaction.atomic
def activity_checks_open(*, actor: User | None, year: int) -> int:
    """Ask the yearly question of every innovation in trial or application that is still
    counted (the task runs it each January; running it twice asks nothing new)."""
    candidates = Innovation.objects.filter(
        stage__in=(Stage.UJI_COBA, Stage.PENERAPAN),
        stopped_on__isnull=True,
        created_at__year__lt=year,
    ).exclude(activity_checks__year=year)
    made = ActivityCheck.objects.bulk_create(
        [ActivityCheck(innovation=innovation, year=year) for innovation in candidates],
        ignore_conflicts=True,
    )
    audit_record(
        actor=actor,
        action="innovation.activity_checks_open",
        object_type="innovation.activitycheck",
        object_id=str(year),
        after={"year": year, "asked": len(made)},
    )
    return len(made)


@transaction.atomic
def activity_check_answer(
    *, actor: User, check_id: int, is_running: bool, note: str = ""
) -> ActivityCheck:
    check = ActivityCheck.objects.select_for_update().filter(pk=check_id).first()
    if check is None:
        raise NotFound
    innovation = editable_innovation(actor, check.innovation_id)
    check.is_running = is_running
    check.note = note.strip()[:300]
    check.answered_at = timezone.now()
    check.answered_by = actor
    check.save()
    innovation.stopped_on = None if is_running else timezone.localdate()
    innovation.save(update_fields=["stopped_on", "updated_at"])
    audit_record(
        actor=actor,
        action="innovation.activity_check",
        target=check,
        after={"year": check.year, "running": is_running},
    )
    return check
