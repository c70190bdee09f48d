"""Pushing ledger entries to SIASN. BKN is called outside any transaction (a slow gateway
must not hold locks); each answer is then recorded with its audit entry in a transaction of
its own, so a crash halfway leaves the entries already sent recorded as sent."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from garda.core.audit.services import audit_record
from garda.core.models import User
from garda.learning.ledger import policy
from garda.learning.ledger.models import (
    EntryStatus,
    LedgerEntry,
    PushStatus,
    SiasnMapping,
    SiasnPush,
)
from garda.learning.ledger.siasn.adapter import SiasnAdapter, configured_adapter
from garda.learning.ledger.siasn.export import siasn_record

MAX_PER_RUN = 500


@dataclass
class PushReport:
    sent: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)


def entries_to_push(queryset: QuerySet[LedgerEntry]) -> QuerySet[LedgerEntry]:
    """Valid entries not yet in SIASN."""
    return (
        queryset.filter(status=EntryStatus.VALID)
        .exclude(siasn_pushes__status=PushStatus.SENT)
        .select_related("employee", "form")
        .order_by("pk")
    )


@transaction.atomic
def _record(
    *, actor: User | None, entry: LedgerEntry, kind: str, payload: dict[str, object],
    ok: bool, remote_id: str, message: str,
) -> SiasnPush:  # fmt: skip
    push = SiasnPush.objects.create(
        entry=entry, kind=kind, status=PushStatus.SENT if ok else PushStatus.FAILED,
        remote_id=remote_id[:80], message=message[:500], payload=payload, actor=actor,
    )  # fmt: skip
    audit_record(
        actor=actor,
        action="ledger.siasn.push",
        target=push,
        after={"entry": entry.pk, "kind": kind, "status": push.status, "remote_id": remote_id},
    )
    return push


def siasn_push(
    *,
    actor: User | None,
    entries: QuerySet[LedgerEntry],
    adapter: SiasnAdapter | None = None,
    limit: int = MAX_PER_RUN,
) -> PushReport:
    """Send up to `limit` pending entries. An actor only sends entries of ASN it may verify;
    no actor is the operator's command (the whole province)."""
    adapter = adapter or configured_adapter()
    mappings = {m.form_id: m for m in SiasnMapping.objects.all()}
    report = PushReport()
    for entry in entries_to_push(entries)[:limit]:
        if actor is not None and not policy.can_verify(actor, entry.employee):
            continue
        kind, payload = siasn_record(entry, mappings.get(entry.form_id))
        result = adapter.save(kind=kind, nip=entry.employee.nip, payload=payload)
        _record(
            actor=actor, entry=entry, kind=kind, payload=payload, ok=result.ok,
            remote_id=result.remote_id, message=result.message,
        )  # fmt: skip
        if result.ok:
            report.sent += 1
        else:
            report.failed += 1
            report.messages.append(f"{entry.title}: {result.message}")
    return report
