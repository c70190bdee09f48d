"""Writes of the catalog: programs, batches, sessions, per-OPD quotas. Each is one
transaction with its audit entry; a change of a batch's cost, seats or budget line marks the
public budget pages stale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotAllowed, ValidationFailed
from garda.core.models import Unit, User
from garda.learning import policy
from garda.learning.events import FUNDING_CHANGED, batch_events
from garda.learning.models import Batch, BatchUnitQuota, EvaluationDefault, Program, Session
from garda.learning.services import budget_touch, lock_batch, promote_after_seat_change

PROGRAM_M2M = ("prerequisites", "target_jabatan_kinds", "target_golongan")


def _invalid(error: ValidationError) -> ValidationFailed:
    problems = [
        {"field": field, "message": str(message)}
        for field, messages in error.message_dict.items()
        for message in messages
    ]
    return ValidationFailed(
        problems[0]["message"] if problems else "Data tidak valid.",
        "The data is not valid.",
        errors=problems,
    )


def _save(instance: Any) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise _invalid(error) from error
    instance.save()


def default_delay_months(*, managerial: bool) -> int:
    row = EvaluationDefault.objects.filter(key="manajerial" if managerial else "teknis").first()
    return row.months if row is not None else (12 if managerial else 4)


def _set_m2m(program: Program, fields: Mapping[str, Any]) -> None:
    for name in PROGRAM_M2M:
        if name in fields:
            getattr(program, name).set(fields[name])


@transaction.atomic
def program_create(*, actor: User, fields: Mapping[str, Any]) -> Program:
    values = {k: v for k, v in fields.items() if k not in PROGRAM_M2M}
    program = Program(**values)
    if program.owner_unit_id is None and actor.unit_id is not None:
        program.owner_unit_id = actor.unit_id
    if not values.get("evaluation_delay_months"):
        managerial = bool(program.form_id and program.form.is_leadership) or (
            program.form_id is not None and program.form.code == "manajerial"
        )
        program.evaluation_delay_months = default_delay_months(managerial=managerial)
    if program.owner_unit_id is None or not policy.can_manage_unit(actor, program.owner_unit):
        raise NotAllowed
    _save(program)
    _set_m2m(program, fields)
    audit_record(actor=actor, action="learning.program.create", target=program,
                 after=snapshot(program))  # fmt: skip
    return program


@transaction.atomic
def program_update(*, actor: User, program_id: int, fields: Mapping[str, Any]) -> Program:
    program = Program.objects.select_for_update().get(pk=program_id)
    if not policy.can_manage_program(actor, program):
        raise NotAllowed
    before = snapshot(program)
    for name, value in fields.items():
        if name not in PROGRAM_M2M:
            setattr(program, name, value)
    if not policy.can_manage_unit(actor, program.owner_unit):
        raise NotAllowed
    _save(program)
    _set_m2m(program, fields)
    if "prerequisites" in fields and program.prerequisites.filter(pk=program.pk).exists():
        raise ValidationFailed(
            "Program tidak boleh menjadi prasyaratnya sendiri.", "Self prerequisite."
        )
    audit_record(actor=actor, action="learning.program.update", target=program,
                 before=before, after=snapshot(program))  # fmt: skip
    _program_funding_touch(program, before)
    return program


# What the public budget portal prints of a program: JP delivered (trained x jp) and the
# program's title beside each batch a budget line paid for.
_PROGRAM_FIELDS_ON_BUDGET_PAGES = ("jp", "title")


def _program_funding_touch(program: Program, before: Mapping[str, Any]) -> None:
    """The program's JP or title changed and a budget line paid for one of its batches: the
    budget portal's cached pages show them, so tell it, once (its figures are per version of
    the whole budget, not per batch), in this transaction."""
    after = snapshot(program, _PROGRAM_FIELDS_ON_BUDGET_PAGES)
    if all(before.get(name) == after[name] for name in _PROGRAM_FIELDS_ON_BUDGET_PAGES):
        return
    funded = program.batches.filter(budget_line__isnull=False).order_by("pk").first()
    if funded is not None:
        batch_events.publish(FUNDING_CHANGED, funded)


@transaction.atomic
def batch_create(*, actor: User, fields: Mapping[str, Any]) -> Batch:
    batch = Batch(**fields)
    if batch.organiser_unit_id is None and actor.unit_id is not None:
        batch.organiser_unit_id = actor.unit_id
    if batch.organiser_unit_id is None or not policy.can_manage_unit(
        actor, Unit.objects.get(pk=batch.organiser_unit_id)
    ):
        raise NotAllowed
    if not batch.cost and batch.program_id:
        batch.cost = batch.program.cost_per_participant * batch.seats
    _save(batch)
    audit_record(actor=actor, action="learning.batch.create", target=batch, after=snapshot(batch))
    budget_touch(batch)
    return batch


@transaction.atomic
def batch_update(*, actor: User, batch_id: int, fields: Mapping[str, Any]) -> Batch:
    batch = lock_batch(batch_id)
    if not policy.can_manage_batch(actor, batch):
        raise NotAllowed
    before = snapshot(batch)
    old_line = batch.budget_line_id
    for name, value in fields.items():
        setattr(batch, name, value)
    if not policy.can_manage_unit(actor, Unit.objects.get(pk=batch.organiser_unit_id)):
        raise NotAllowed
    _save(batch)
    if batch.seats > before["seats"]:
        promote_after_seat_change(batch)
    audit_record(actor=actor, action="learning.batch.update", target=batch,
                 before=before, after=snapshot(batch))  # fmt: skip
    if old_line is not None or batch.budget_line_id is not None:
        batch_events.publish(FUNDING_CHANGED, batch)
    return batch


@transaction.atomic
def batch_set_quotas(
    *, actor: User, batch_id: int, quotas: Iterable[tuple[int, int]]
) -> list[BatchUnitQuota]:
    """Replace the per-OPD quotas: (unit id, seats) pairs."""
    batch = lock_batch(batch_id)
    if not policy.can_manage_batch(actor, batch):
        raise NotAllowed
    batch.unit_quotas.all().delete()
    rows = [BatchUnitQuota.objects.create(batch=batch, unit_id=unit_id, seats=seats)
            for unit_id, seats in quotas]  # fmt: skip
    audit_record(actor=actor, action="learning.batch.quotas", target=batch,
                 after={"quotas": [[q.unit_id, q.seats] for q in rows]})  # fmt: skip
    return rows


@transaction.atomic
def session_save(
    *, actor: User, batch_id: int, fields: Mapping[str, Any], session_id: int | None = None
) -> Session:
    batch = lock_batch(batch_id)
    if not policy.can_manage_batch(actor, batch):
        raise NotAllowed
    session = Session(batch=batch) if session_id is None else batch.sessions.get(pk=session_id)
    before = snapshot(session) if session_id else None
    for name, value in fields.items():
        setattr(session, name, value)
    _save(session)
    audit_record(actor=actor, action="learning.session.save", target=session,
                 before=before, after=snapshot(session))  # fmt: skip
    return session


@transaction.atomic
def session_delete(*, actor: User, session_id: int) -> None:
    session = Session.objects.select_related("batch").get(pk=session_id)
    if not policy.can_manage_batch(actor, session.batch):
        raise NotAllowed
    if session.attendances.exists():
        raise ValidationFailed(
            "Sesi yang sudah ada kehadirannya tidak dapat dihapus.", "Session has attendance."
        )
    audit_record(actor=actor, action="learning.session.delete", target=session,
                 before=snapshot(session))  # fmt: skip
    session.delete()


@transaction.atomic
def evaluation_default_set(*, actor: User, key: str, months: int) -> EvaluationDefault:
    """Change a default follow-up delay (BPSDM only); programs made later copy the new value,
    existing programs keep theirs."""
    if not (actor.is_superuser or actor.role == "admin_provinsi"):
        raise NotAllowed
    if not 1 <= months <= 60:
        raise ValidationFailed("Jeda 1 sampai 60 bulan.", "Delay must be 1 to 60 months.")
    row = EvaluationDefault.objects.select_for_update().filter(key=key).first()
    if row is None:
        raise ValidationFailed("Jenis pelatihan tidak dikenal.", "Unknown kind of training.")
    before = {"months": row.months}
    row.months = months
    row.save(update_fields=["months"])
    audit_record(actor=actor, action="learning.evaluation_default.set", target=row,
                 before=before, after={"months": months})  # fmt: skip
    return row
