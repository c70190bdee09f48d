"""Every write of the JP ledger. Each service is one transaction with its audit entry, and
every ledger write refreshes the employee's yearly total — and the per-unit compliance counts
(`services.tallies`) — in that same transaction, so the compliance pages read a handful of
count rows and never scan the ledger.

`ledger_entries_record` is the one function that creates a ledger entry or changes its JP:
training completion, external learning approval, the history import (page and command),
`garda jp_recompute` and whatever comes next (degree-study semesters) all go through it, so
the conversion rule and its caps cannot be skipped. `tests/test_write_paths.py` reads the
source and fails when a ledger entry is written anywhere else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotFound, ValidationFailed
from garda.core.models import User
from garda.learning.ledger import stamp
from garda.learning.ledger.conversion import Activity, PastEntry, Rule
from garda.learning.ledger.models import (
    EntryStatus,
    JPYearTotal,
    LearningForm,
    LedgerEntry,
    SourceKind,
)
from garda.learning.ledger.models_rules import RuleUnit
from garda.learning.ledger.rules import (
    JPOutcome,
    apply_rule,
    history_window,
    needs_history,
    require_stated,
    rules_for,
)
from garda.learning.ledger.services.tallies import totals_changed
from garda.people.models import Employee

MAX_JP_PER_ENTRY = Decimal("9999.9")
ZERO_JP = Decimal("0")
CHUNK = 900  # below SQLite's limit on bound parameters per IN (...)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def refresh_totals(pairs: set[tuple[int, int]]) -> None:
    """Recount the yearly totals of (employee, year) pairs in a few grouped queries; a pair
    left with no valid entry gets 0. Recounting rather than adding a delta keeps the total
    right whatever wrote before."""
    if not pairs:
        return
    stamp.bump()
    years = sorted({year for _employee, year in pairs})
    employees = sorted({employee for employee, _year in pairs})
    changes: list[tuple[int, int, Decimal, Decimal]] = []
    for chunk in chunks(employees):
        before = {
            (employee, year): total
            for employee, year, total in JPYearTotal.objects.filter(
                employee_id__in=chunk, year__in=years
            ).values_list("employee_id", "year", "total_jp")
        }
        figures = {
            (f["employee_id"], f["year"]): (f["total"], f["entries"])
            for f in LedgerEntry.objects.filter(
                employee_id__in=chunk, year__in=years, status=EntryStatus.VALID
            )
            .values("employee_id", "year")
            .annotate(total=Sum("jp"), entries=Count("pk"))
        }
        in_chunk = set(chunk)
        rows = [
            JPYearTotal(
                employee_id=employee, year=year,
                total_jp=figures.get((employee, year), (Decimal("0"), 0))[0],
                entries=figures.get((employee, year), (Decimal("0"), 0))[1],
            )
            for employee, year in sorted(pairs)
            if employee in in_chunk
        ]  # fmt: skip
        JPYearTotal.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["employee", "year"],
            update_fields=["total_jp", "entries"],
        )
        changes.extend(
            (row.employee_id, row.year, before.get((row.employee_id, row.year), ZERO_JP),
             row.total_jp)
            for row in rows
        )  # fmt: skip
    # The per-unit compliance counts follow in the same transaction (decision 0019).
    totals_changed(changes)


def refresh_total(*, employee_id: int, year: int) -> JPYearTotal:
    refresh_totals({(employee_id, year)})
    return JPYearTotal.objects.get(employee_id=employee_id, year=year)


@dataclass(frozen=True)
class EntryDraft:
    """One activity to record, or (with `existing`) a recorded entry whose JP to recompute."""

    employee_id: int
    form_id: int
    started_on: dt.date
    finished_on: dt.date
    stated_jp: Decimal | None
    title: str = ""
    provider: str = ""
    source_kind: str = SourceKind.TRAINING
    source_key: str | None = None
    certificate_number: str = ""
    quantity: int = 0
    abroad: bool = False
    evidence_name: str = ""
    # A reference (row number, submission id) the caller uses to word its report.
    ref: int = 0
    existing: LedgerEntry | None = None

    @classmethod
    def of_entry(cls, entry: LedgerEntry) -> EntryDraft:
        return cls(
            employee_id=entry.employee_id, form_id=entry.form_id, started_on=entry.started_on,
            finished_on=entry.finished_on, stated_jp=entry.stated_jp, quantity=entry.quantity,
            abroad=entry.abroad, existing=entry,
        )  # fmt: skip

    @property
    def activity(self) -> Activity:
        return Activity(
            started_on=self.started_on, finished_on=self.finished_on, quantity=self.quantity,
            stated_jp=self.stated_jp, abroad=self.abroad,
        )  # fmt: skip


@dataclass
class Recorded:
    entry: LedgerEntry
    created: bool = False
    changed: bool = False
    previous_jp: Decimal | None = None
    outcome: JPOutcome | None = None
    rule: Rule | None = field(default=None, repr=False)

    @property
    def capped(self) -> bool:
        return self.outcome is not None and self.outcome.capped and (self.created or self.changed)


def _invalid(problems: list[dict[str, str]]) -> ValidationFailed:
    return ValidationFailed(
        "Data catatan JP tidak valid.", "The ledger entry is not valid.", errors=problems
    )


def _check_fresh(drafts: Sequence[EntryDraft]) -> None:
    problems = []
    for draft in drafts:
        if not draft.title.strip():
            problems.append({"field": "title", "message": "Nama kegiatan wajib diisi."})
        if draft.finished_on < draft.started_on:
            problems.append(
                {"field": "finished_on", "message": "Tanggal selesai sebelum tanggal mulai."}
            )
        stated = draft.stated_jp
        if stated is not None and not Decimal("0") <= stated <= MAX_JP_PER_ENTRY:
            problems.append({"field": "jp", "message": "JP harus antara 0 dan 9999,9."})
    if problems:
        raise _invalid(problems)
    forms = sorted({d.form_id for d in drafts})
    if LearningForm.objects.filter(pk__in=forms).count() != len(forms):
        raise NotFound("Bentuk pengembangan kompetensi tidak dikenal.", "Unknown learning form.")
    employees = sorted({d.employee_id for d in drafts})
    found = 0
    for chunk in chunks(employees):
        found += Employee.objects.filter(pk__in=chunk).count()
    if found != len(employees):
        raise NotFound("Pegawai tidak ditemukan.", "Employee not found.")


def _known(keys: list[str]) -> dict[str, LedgerEntry]:
    known: dict[str, LedgerEntry] = {}
    for chunk in chunks(keys):
        for entry in LedgerEntry.objects.filter(source_key__in=chunk):
            known[entry.source_key or ""] = entry
    return known


Group = tuple[int, int]  # (employee, form)


def _history(
    drafts: Sequence[EntryDraft], rules: dict[int, Rule]
) -> dict[Group, list[tuple[int, PastEntry]]]:
    """The valid entries that can cap the drafts (forms with a cap across entries only), in a
    query per chunk of employees: (pk, PastEntry) per (employee, form)."""
    capped = [d for d in drafts if needs_history(rules[d.form_id])]
    if not capped:
        return {}
    windows = [history_window(d.activity) for d in capped]
    start, end = min(w[0] for w in windows), max(w[1] for w in windows)
    forms = sorted({d.form_id for d in capped})
    found: dict[Group, list[tuple[int, PastEntry]]] = {}
    for chunk in chunks(sorted({d.employee_id for d in capped})):
        rows = LedgerEntry.objects.filter(
            employee_id__in=chunk, form_id__in=forms, status=EntryStatus.VALID,
            started_on__lte=end, finished_on__gte=start,
        ).values_list("pk", "employee_id", "form_id", "started_on", "finished_on", "jp",
                      "quantity")  # fmt: skip
        for pk, employee, form, s, f, jp, q in rows.order_by("pk"):
            found.setdefault((employee, form), []).append((pk, PastEntry(s, f, jp, q)))
    return found


def ledger_entries_record(*, drafts: Sequence[EntryDraft]) -> list[Recorded]:
    """Record new entries and recompute existing ones, JP always by the form's rule
    (rules.apply_rule: min(stated, rule), caps across the ASN's earlier entries of the form,
    including earlier drafts of this call), then recount the yearly totals touched. One
    result per draft, in order; a draft whose `source_key` is already recorded writes nothing.

    "Earlier" means recorded before: a new draft sees every valid entry, an existing entry
    only those with a lower id, so recomputing reproduces what the rule gave at the time and
    a second run changes nothing. Runs in the caller's transaction; the caller audits."""
    if not connection.in_atomic_block:
        raise RuntimeError("ledger_entries_record must run inside the service's transaction")
    results: dict[int, Recorded] = {}
    fresh = [(n, d) for n, d in enumerate(drafts) if d.existing is None]
    if fresh:
        _check_fresh([d for _n, d in fresh])
    known = _known(sorted({d.source_key for _n, d in fresh if d.source_key}))
    keys_in_call: dict[str, int] = {}
    repeats: list[tuple[int, str]] = []  # the same activity twice in one call: recorded once
    todo: list[tuple[int, EntryDraft]] = []
    for n, draft in fresh:
        key = draft.source_key
        if key and key in known:
            results[n] = Recorded(entry=known[key])
        elif key and key in keys_in_call:
            repeats.append((n, key))
        else:
            if key:
                keys_in_call[key] = n
            todo.append((n, draft))
    recompute = sorted(
        ((n, d) for n, d in enumerate(drafts)
         if d.existing is not None and d.existing.status == EntryStatus.VALID),
        key=lambda item: item[1].existing.pk if item[1].existing else 0,
    )  # fmt: skip
    for n, draft in enumerate(drafts):
        if draft.existing is not None and draft.existing.status != EntryStatus.VALID:
            results[n] = Recorded(entry=draft.existing)
    ordered = recompute + todo
    rules = rules_for({d.form_id for _n, d in ordered})
    history = _history([d for _n, d in ordered], rules)
    in_call = {d.existing.pk for _n, d in recompute if d.existing}
    earlier_in_call: dict[Group, list[PastEntry]] = {}
    for n, draft in ordered:
        rule = rules[draft.form_id]
        if draft.existing is not None and draft.stated_jp is None and rule.unit == RuleUnit.STATED:
            # Recorded before entries kept their stated figure (and not backfilled): the
            # recorded JP is the best account of what the certificate said.
            draft = replace(draft, stated_jp=draft.existing.jp)
        require_stated(rule, draft.stated_jp)
        group = (draft.employee_id, draft.form_id)
        earlier: list[PastEntry] = []
        if needs_history(rule):
            limit = draft.existing.pk if draft.existing is not None else None
            earlier = [
                past for pk, past in history.get(group, [])
                if pk not in in_call and (limit is None or pk < limit)
            ] + earlier_in_call.get(group, [])  # fmt: skip
        outcome = apply_rule(rule, draft.activity, earlier)
        if outcome.jp > MAX_JP_PER_ENTRY:
            raise _invalid([{"field": "jp", "message": "JP harus antara 0 dan 9999,9."}])
        earlier_in_call.setdefault(group, []).append(
            PastEntry(draft.started_on, draft.finished_on, outcome.jp, draft.quantity)
        )
        if draft.existing is not None:
            entry = draft.existing
            previous = entry.jp
            changed = entry.jp != outcome.jp
            entry.jp = outcome.jp
            results[n] = Recorded(entry, changed=changed, previous_jp=previous,
                                  outcome=outcome, rule=rule)  # fmt: skip
        else:
            results[n] = Recorded(_new_entry(draft, outcome.jp), created=True,
                                  outcome=outcome, rule=rule)  # fmt: skip
    _save(results)
    for n, key in repeats:
        results[n] = Recorded(entry=results[keys_in_call[key]].entry)
    refresh_totals(
        {(r.entry.employee_id, r.entry.year) for r in results.values() if r.created or r.changed}
    )
    return [results[n] for n in range(len(drafts))]


def _new_entry(draft: EntryDraft, jp: Decimal) -> LedgerEntry:
    return LedgerEntry(
        employee_id=draft.employee_id, year=draft.finished_on.year,
        started_on=draft.started_on, finished_on=draft.finished_on, form_id=draft.form_id,
        title=draft.title.strip()[:250], provider=draft.provider.strip()[:200],
        jp=jp, stated_jp=draft.stated_jp, quantity=draft.quantity, abroad=draft.abroad,
        certificate_number=draft.certificate_number.strip()[:120],
        evidence=draft.evidence_name, source_kind=draft.source_kind,
        source_key=draft.source_key or None,
    )  # fmt: skip


def _save(results: dict[int, Recorded]) -> None:
    new = [r for r in results.values() if r.created]
    if len(new) == 1 and new[0].entry.source_key:
        single = new[0]
        try:
            # A savepoint, so that losing a race on source_key leaves the caller's transaction
            # usable and the winner's row is returned instead.
            with transaction.atomic():
                single.entry.save(force_insert=True)
        except IntegrityError:
            existing = LedgerEntry.objects.filter(source_key=single.entry.source_key).first()
            if existing is None:
                raise
            single.entry, single.created, single.outcome = existing, False, None
    elif new:
        LedgerEntry.objects.bulk_create([r.entry for r in new], batch_size=500)
    changed = [r.entry for r in results.values() if r.changed]
    now = timezone.now()
    for entry in changed:
        entry.updated_at = now
    LedgerEntry.objects.bulk_update(changed, ["jp", "updated_at"], batch_size=500)


def create_entry(
    *,
    employee_id: int,
    form_id: int,
    title: str,
    provider: str,
    started_on: dt.date,
    finished_on: dt.date,
    jp: Decimal | None,
    source_kind: str,
    source_key: str | None,
    certificate_number: str = "",
    quantity: int = 0,
    abroad: bool = False,
    evidence_name: str = "",
) -> tuple[LedgerEntry, bool]:
    """One entry through `ledger_entries_record`; `jp` is what its source stated (None: the
    rule alone decides). (existing, False) when `source_key` is known. Callers are services:
    they hold the transaction and write the audit entry."""
    (result,) = ledger_entries_record(
        drafts=[
            EntryDraft(
                employee_id=employee_id, form_id=form_id, title=title, provider=provider,
                started_on=started_on, finished_on=finished_on,
                stated_jp=None if jp is None else Decimal(jp).quantize(Decimal("0.1")),
                source_kind=source_kind, source_key=source_key,
                certificate_number=certificate_number, quantity=quantity, abroad=abroad,
                evidence_name=evidence_name,
            )
        ]
    )  # fmt: skip
    return result.entry, result.created


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
