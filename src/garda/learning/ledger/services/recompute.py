"""`garda jp_recompute`: apply the conversion rules again to entries already recorded — those
imported before the rule applied to every write path, or after an admin edited a rule.

Each entry goes through `services.ledger_entries_record`, the same function that records new
ones, so the figure is the one a fresh write would get; a changed entry gets its own audit
entry (JP before and after) and the yearly totals are recounted in the same transaction.
An entry is capped only by entries recorded before it (a lower id), so a second run changes
nothing. Work goes by employees, a few hundred per transaction: the caps never reach across
employees, so no transaction depends on another and a long run does not hold the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from garda.core.audit.services import audit_record_many
from garda.core.models import User
from garda.learning.ledger.models import EntryStatus, LedgerEntry
from garda.learning.ledger.services import EntryDraft, chunks, ledger_entries_record

EMPLOYEES_PER_TRANSACTION = 300


@dataclass
class RecomputeReport:
    year: int | None
    dry_run: bool
    examined: int = 0
    changed: int = 0
    jp_before: Decimal = Decimal("0")
    jp_after: Decimal = Decimal("0")

    def summary(self, lang: str = "id") -> str:
        scope = ""
        if self.year is not None:
            scope = f" of {self.year}" if lang.startswith("en") else f" tahun {self.year}"
        before, after = self.jp_before, self.jp_after
        if lang.startswith("en"):
            verb = "would change" if self.dry_run else "changed"
            text = f"{self.examined} valid entries{scope} examined; {self.changed} {verb}"
            return text + (f" (JP {before} → {after})." if self.changed else ".")
        verb = "akan berubah" if self.dry_run else "diubah"
        text = f"{self.examined} catatan sah{scope} diperiksa; {self.changed} {verb}"
        return text + (f" (JP {before} → {after})." if self.changed else ".")


@transaction.atomic
def ledger_recompute_employees(
    *, actor: User | None, employee_ids: Sequence[int], year: int | None, dry_run: bool
) -> RecomputeReport:
    """Recompute the valid entries of some employees (of `year`, or all years), oldest first.
    With `dry_run` everything is computed and written, then rolled back."""
    report = RecomputeReport(year=year, dry_run=dry_run)
    entries = LedgerEntry.objects.filter(employee_id__in=employee_ids, status=EntryStatus.VALID)
    if year is not None:
        entries = entries.filter(year=year)
    results = ledger_entries_record(
        drafts=[EntryDraft.of_entry(entry) for entry in entries.order_by("pk")]
    )
    report.examined = len(results)
    changes = [result for result in results if result.changed]
    report.changed = len(changes)
    report.jp_before = sum((r.previous_jp or Decimal("0") for r in changes), Decimal("0"))
    report.jp_after = sum((r.entry.jp for r in changes), Decimal("0"))
    audit_record_many(
        actor=actor,
        entries=[
            {
                "action": "ledger.entry.recompute",
                "target": result.entry,
                "before": {"jp": result.previous_jp},
                "after": {
                    "jp": result.entry.jp,
                    "stated_jp": result.outcome.stated_jp if result.outcome else None,
                    "rule_jp": result.outcome.rule_jp if result.outcome else None,
                },
            }
            for result in changes
        ],
    )
    if dry_run:
        transaction.set_rollback(True)
    return report


def ledger_recompute(
    *, actor: User | None, year: int | None = None, dry_run: bool = False
) -> RecomputeReport:
    """Every employee with valid entries (of `year`), in transactions of a few hundred."""
    report = RecomputeReport(year=year, dry_run=dry_run)
    owners = LedgerEntry.objects.filter(status=EntryStatus.VALID)
    if year is not None:
        owners = owners.filter(year=year)
    employee_ids = sorted(set(owners.values_list("employee_id", flat=True)))
    for chunk in chunks(employee_ids, EMPLOYEES_PER_TRANSACTION):
        part = ledger_recompute_employees(
            actor=actor, employee_ids=chunk, year=year, dry_run=dry_run
        )
        report.examined += part.examined
        report.changed += part.changed
        report.jp_before += part.jp_before
        report.jp_after += part.jp_after
    return report
