"""The yearly JP target per employee kind and the conversion rule of each learning form are
data an admin edits (with the regulation they come from). A target change moves employees
between "compliant" and the distribution's bars, so the per-unit counts are recounted in the
same transaction (decision 0019)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from garda.core.audit.services import audit_record, snapshot
from garda.core.models import User
from garda.learning.ledger.models import ConversionRule, JPTarget
from garda.learning.ledger.services.tallies import tallies_rebuild


@transaction.atomic
def ledger_target_set(
    *,
    actor: User | None,
    employee_kind: str,
    valid_from_year: int,
    target_jp: Decimal,
    max_jp: Decimal | None = None,
    basis: str = "",
) -> JPTarget:
    """Set the target of `employee_kind` from `valid_from_year` on; the counts follow."""
    row = (
        JPTarget.objects.select_for_update()
        .filter(employee_kind=employee_kind, valid_from_year=valid_from_year)
        .first()
    )
    before = snapshot(row, ["target_jp", "max_jp", "basis"]) if row else None
    if row is None:
        row = JPTarget(employee_kind=employee_kind, valid_from_year=valid_from_year)
    row.target_jp, row.max_jp, row.basis = target_jp, max_jp, basis.strip()[:200]
    row.full_clean()
    row.save()
    tallies_rebuild()
    audit_record(actor=actor, action="ledger.target.set", target=row, before=before,
                 after=snapshot(row, ["target_jp", "max_jp", "basis"]))  # fmt: skip
    return row


RULE_FIELDS = ["unit", "jp_per_unit", "cap_per_day", "cap_sessions_per_month",
               "abroad_bonus_percent", "note"]  # fmt: skip


@transaction.atomic
def conversion_rule_update(
    *, actor: User | None, rule_id: int, fields: dict[str, Any]
) -> ConversionRule:
    """Change how one learning form converts into JP. Entries already recorded keep the JP
    they were given (`garda jp_recompute` re-applies the rules where a regulation says so)."""
    row = ConversionRule.objects.select_for_update().get(pk=rule_id)
    before = snapshot(row, RULE_FIELDS)
    for name in RULE_FIELDS:
        if name in fields:
            setattr(row, name, fields[name])
    row.note = (row.note or "").strip()[:200]
    row.full_clean()
    row.save()
    audit_record(actor=actor, action="ledger.rule.update", target=row, before=before,
                 after=snapshot(row, RULE_FIELDS))  # fmt: skip
    return row
