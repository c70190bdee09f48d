"""Writes of development plans: an ASN drafts the year's plan from Garda's proposals and
submits it; the atasan approves, returns, or edits it while it waits; BPSDM creates a batch
from a line of the province plan (through learning's own batch_create)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from garda.competency import policy
from garda.competency.models import DevelopmentPlan, PlanBatch, PlanItem, PlanStatus
from garda.competency.selectors.plans import Proposal, proposals_for
from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import User
from garda.learning.models import Batch
from garda.learning.services.catalog import batch_create
from garda.people.models import Employee


def _lock(plan_id: int) -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.select_for_update().filter(pk=plan_id).first()
    if plan is None:
        raise NotFound
    return plan


def _add_items(plan: DevelopmentPlan, chosen: list[Proposal]) -> list[PlanItem]:
    have_programs: set[int | None] = set(
        plan.items.filter(program__isnull=False).values_list("program_id", flat=True)
    )
    have_options: set[tuple[int | None, int | None]] = set(
        plan.items.filter(option__isnull=False).values_list("option_id", "competency_id")
    )
    added = []
    for p in chosen:
        if p.program_id in have_programs or (p.option_id, p.competency_id) in have_options:
            continue
        added.append(
            PlanItem.objects.create(
                plan=plan,
                competency_id=p.competency_id,
                gap=p.gap,
                program_id=p.program_id,
                option_id=p.option_id,
                title=p.title[:200],
                jp=p.jp,
                cost=p.cost,
            )
        )
        have_programs.add(p.program_id)
        have_options.add((p.option_id, p.competency_id))
    return added


def _chosen(employee: Employee, keys: Iterable[str]) -> list[Proposal]:
    wanted = set(keys)
    chosen = [p for p in proposals_for(employee) if p.key in wanted]
    if len(chosen) != len(wanted):
        raise ValidationFailed(
            "Usulan yang dipilih tidak lagi tersedia; muat ulang halaman.",
            "A chosen proposal is no longer available; reload the page.",
            errors=[{"field": "proposals", "message": "Usulan tidak tersedia."}],
        )  # fmt: skip
    return chosen


@transaction.atomic
def plan_draft(
    *, actor: User, year: int, keys: Iterable[str], employee_id: int | None = None
) -> DevelopmentPlan:
    """The plan for `year` from the chosen proposals (added to a draft or a returned plan that
    already exists): the ASN's own, or, with `employee_id`, one its atasan drafts with it."""
    if employee_id is None:
        employee = Employee.objects.filter(user=actor).first()
        if employee is None:
            raise NotAllowed("Akun Anda tidak terhubung dengan data ASN.", "No ASN record.")
    else:
        employee = Employee.objects.filter(pk=employee_id).first()
        if employee is None:
            raise NotFound
        if not policy.can_approve_plan(actor, employee):
            raise NotAllowed
    plan, created = DevelopmentPlan.objects.select_for_update().get_or_create(
        employee=employee, year=year
    )
    if not policy.may_edit_plan(actor, plan):
        raise Conflict("Rencana ini sudah diajukan atau disetujui.", "Plan already submitted.")
    items = _add_items(plan, _chosen(employee, keys))
    audit_record(actor=actor, action="competency.plan.draft", target=plan,
                 after={"year": year, "created": created,
                        "added": [[i.title, i.jp, i.cost] for i in items]})  # fmt: skip
    return plan


@transaction.atomic
def plan_item_add(*, actor: User, plan_id: int, keys: Iterable[str]) -> DevelopmentPlan:
    plan = _lock(plan_id)
    if not policy.may_edit_plan(actor, plan):
        raise NotAllowed
    items = _add_items(plan, _chosen(plan.employee, keys))
    audit_record(actor=actor, action="competency.plan.item_add", target=plan,
                 after={"added": [[i.title, i.jp, i.cost] for i in items]})  # fmt: skip
    return plan


@transaction.atomic
def plan_item_remove(*, actor: User, item_id: int) -> DevelopmentPlan:
    item = PlanItem.objects.filter(pk=item_id).first()
    if item is None:
        raise NotFound
    plan = _lock(item.plan_id)
    if not policy.may_edit_plan(actor, plan):
        raise NotAllowed
    before = snapshot(item)
    item.delete()
    audit_record(actor=actor, action="competency.plan.item_remove", target=plan,
                 before=before)  # fmt: skip
    return plan


@transaction.atomic
def plan_submit(*, actor: User, plan_id: int) -> DevelopmentPlan:
    plan = _lock(plan_id)
    if plan.status not in policy.OWNER_EDITS or not policy.may_edit_plan(actor, plan):
        raise NotAllowed
    if not plan.items.exists():
        raise ValidationFailed("Tambahkan minimal satu kegiatan.", "Add at least one activity.")
    before = snapshot(plan)
    plan.status, plan.submitted_at = PlanStatus.SUBMITTED, timezone.now()
    plan.save()
    audit_record(actor=actor, action="competency.plan.submit", target=plan,
                 before=before, after=snapshot(plan))  # fmt: skip
    return plan


def _decide(actor: User, plan_id: int, status: str, note: str, action: str) -> DevelopmentPlan:
    plan = _lock(plan_id)
    if plan.status != PlanStatus.SUBMITTED or not policy.can_approve_plan(actor, plan.employee):
        raise NotAllowed
    before = snapshot(plan)
    plan.status, plan.note = status, note.strip()
    plan.decided_by, plan.decided_at = actor, timezone.now()
    plan.save()
    audit_record(actor=actor, action=action, target=plan, before=before, after=snapshot(plan))
    return plan


@transaction.atomic
def plan_approve(*, actor: User, plan_id: int, note: str = "") -> DevelopmentPlan:
    return _decide(actor, plan_id, PlanStatus.APPROVED, note, "competency.plan.approve")


@transaction.atomic
def plan_return(*, actor: User, plan_id: int, note: str) -> DevelopmentPlan:
    if not note.strip():
        raise ValidationFailed(
            "Tuliskan alasan pengembalian.", "Give the reason for returning the plan.",
            errors=[{"field": "note", "message": "Alasan wajib diisi."}],
        )  # fmt: skip
    return _decide(actor, plan_id, PlanStatus.RETURNED, note, "competency.plan.return")


@transaction.atomic
def plan_batch_create(
    *, actor: User, year: int, program_id: int, fields: Mapping[str, Any]
) -> Batch:
    """A batch of the line's program, made by learning's batch_create (its rules, its audit),
    linked to the plan line; `fields` are the batch's (name, dates, seats, budget_line, ...)."""
    if not policy.can_create_plan_batches(actor):
        raise NotAllowed
    if not PlanItem.objects.filter(
        plan__year=year, plan__status=PlanStatus.APPROVED, program_id=program_id
    ).exists():
        raise NotFound("Baris rencana tidak ditemukan.", "Plan line not found.")
    batch = batch_create(actor=actor, fields={**fields, "program_id": program_id})
    link = PlanBatch.objects.create(year=year, program_id=program_id, batch=batch)
    audit_record(actor=actor, action="competency.plan.batch", target=link,
                 after={"year": year, "program": program_id, "batch": batch.pk,
                        "budget_line": batch.budget_line_id})  # fmt: skip
    return batch
