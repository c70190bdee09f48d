"""Every write of the JP ledger. Each service is one transaction with its audit entry, and
every ledger write refreshes the employee's yearly total in that same transaction, so the
compliance pages read `JPYearTotal` and never scan the ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotFound, ValidationFailed
from garda.core.models import User
from garda.learning.ledger import stamp
from garda.learning.ledger.models import (
    EntryStatus,
    JPYearTotal,
    LearningForm,
    LedgerEntry,
    SourceKind,
)
from garda.people.models import Employee

MAX_JP_PER_ENTRY = Decimal("9999.9")


def refresh_total(*, employee_id: int, year: int) -> JPYearTotal:
    """Recount one employee's valid JP of one year from its (few, indexed) ledger rows.
    Recounting rather than adding a delta keeps the total right whatever wrote before."""
    figures = LedgerEntry.objects.filter(
        employee_id=employee_id, year=year, status=EntryStatus.VALID
    ).aggregate(total=Sum("jp"), entries=Count("pk"))
    total, _created = JPYearTotal.objects.update_or_create(
        employee_id=employee_id,
        year=year,
        defaults={"total_jp": figures["total"] or Decimal("0"), "entries": figures["entries"]},
    )
    stamp.bump()
    return total


def _check_entry(*, title: str, started_on: dt.date, finished_on: dt.date, jp: Decimal) -> None:
    problems = []
    if not title.strip():
        problems.append({"field": "title", "message": "Nama kegiatan wajib diisi."})
    if finished_on < started_on:
        problems.append(
            {"field": "finished_on", "message": "Tanggal selesai sebelum tanggal mulai."}
        )
    if jp < 0 or jp > MAX_JP_PER_ENTRY:
        problems.append({"field": "jp", "message": "JP harus antara 0 dan 9999,9."})
    if problems:
        raise ValidationFailed(
            "Data catatan JP tidak valid.", "The ledger entry is not valid.", errors=problems
        )


def create_entry(
    *,
    employee_id: int,
    form_id: int,
    title: str,
    provider: str,
    started_on: dt.date,
    finished_on: dt.date,
    jp: Decimal,
    source_kind: str,
    source_key: str | None,
    certificate_number: str = "",
    quantity: int = 0,
    abroad: bool = False,
) -> tuple[LedgerEntry, bool]:
    """Insert one entry and refresh the total; (existing, False) when `source_key` is known.
    Callers are services: they hold the transaction and write the audit entry."""
    if source_key:
        existing = LedgerEntry.objects.filter(source_key=source_key).first()
        if existing is not None:
            return existing, False
    _check_entry(title=title, started_on=started_on, finished_on=finished_on, jp=jp)
    if not LearningForm.objects.filter(pk=form_id).exists():
        raise NotFound("Bentuk pengembangan kompetensi tidak dikenal.", "Unknown learning form.")
    if not Employee.objects.filter(pk=employee_id).exists():
        raise NotFound("Pegawai tidak ditemukan.", "Employee not found.")
    entry = LedgerEntry(
        employee_id=employee_id,
        year=finished_on.year,
        started_on=started_on,
        finished_on=finished_on,
        form_id=form_id,
        title=title.strip()[:250],
        provider=provider.strip()[:200],
        jp=Decimal(jp).quantize(Decimal("0.1")),
        quantity=quantity,
        abroad=abroad,
        certificate_number=certificate_number.strip()[:120],
        source_kind=source_kind,
        source_key=source_key or None,
    )
    try:
        # A savepoint, so that losing a race on source_key leaves the caller's transaction
        # usable and the winner's row is returned instead.
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError:
        if source_key:
            existing = LedgerEntry.objects.filter(source_key=source_key).first()
            if existing is not None:
                return existing, False
        raise
    refresh_total(employee_id=employee_id, year=entry.year)
    return entry, True


@transaction.atomic
def ledger_record_training(
    *,
    actor: User | None,
    employee_id: int,
    form_id: int,
    title: str,
    provider: str,
    started_on: dt.date,
    finished_on: dt.date,
    jp: Decimal,
    certificate_number: str,
    source_key: str,
) -> LedgerEntry:
    """A completed Garda training earns the JP its certificate states. Called by the learning
    app on completion; calling it again with the same `source_key` returns the same entry
    (a revoked one stays revoked)."""
    entry, created = create_entry(
        employee_id=employee_id,
        form_id=form_id,
        title=title,
        provider=provider,
        started_on=started_on,
        finished_on=finished_on,
        jp=jp,
        source_kind=SourceKind.TRAINING,
        source_key=source_key,
        certificate_number=certificate_number,
    )
    if created:
        audit_record(
            actor=actor, action="ledger.entry.training", target=entry, after=snapshot(entry)
        )
    return entry


@transaction.atomic
def ledger_revoke(*, actor: User | None, source_key: str, reason: str) -> None:
    """Take an entry's JP back (e.g. a revoked certificate). Revoking twice changes nothing."""
    entry = LedgerEntry.objects.select_for_update().filter(source_key=source_key).first()
    if entry is None:
        raise NotFound("Catatan JP tidak ditemukan.", "Ledger entry not found.")
    if entry.status == EntryStatus.REVOKED:
        return
    if not reason.strip():
        raise ValidationFailed(
            "Alasan pencabutan wajib diisi.",
            "A reason is required.",
            errors=[{"field": "reason", "message": "Alasan pencabutan wajib diisi."}],
        )
    before = snapshot(entry, ["status", "revoked_reason"])
    entry.status = EntryStatus.REVOKED
    entry.revoked_reason = reason.strip()[:300]
    entry.save(update_fields=["status", "revoked_reason", "updated_at"])
    refresh_total(employee_id=entry.employee_id, year=entry.year)
    audit_record(
        actor=actor,
        action="ledger.entry.revoke",
        target=entry,
        before=before,
        after=snapshot(entry, ["status", "revoked_reason"]),
    )
