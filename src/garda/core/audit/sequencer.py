"""The audit log's one sequencer: numbers committed entries, after their writers committed.

A service writes its entry unnumbered (`seq` NULL, no leaf hash yet) in its own transaction, so
an acknowledged write always has its entry, and no writer waits on a shared row
(decision 0017). Numbering happens here, one batch at a time under the counter row's lock:
the committed unnumbered entries, oldest first (by id), get `last_seq + 1, + 2, …`, their leaf
hashes (which cover the number) and the Merkle nodes they complete, in one transaction. So
the log stays gap-free, a number is given once, to a committed entry, and always above every
number given before, hence above every signed head (signing numbers under the same lock
first).

Who runs it: every audited transaction asks for it once it has committed
(`transaction.on_commit`), without waiting — when another process or thread holds the lock,
that holder looks again after releasing it and finds the entry (`audit_number_pending`);
the signer (`audit_sign_head`, its `--loop` every half minute) numbers everything before it
signs; so does `audit_verify --number` after a crash. In tests, whose transaction never
commits, call `audit_number_pending()` where numbers are needed.
"""

from __future__ import annotations

from django.db import connection, transaction

from garda.core.audit.merkle import leaf_hash
from garda.core.audit.models import AuditCounter, AuditEntry, canonical_bytes
from garda.core.audit.proofs import stored_nodes_append

# Entries numbered per transaction: an import's tens of thousands go in several.
BATCH = 2000
# Rounds after which a sequencer called from a request returns even though new entries keep
# arriving (under steady load); the next audited commit picks them up.
ROUNDS = 3


def _lock_counter(*, wait: bool) -> AuditCounter | None:
    """The counter row, locked until the transaction ends; None when another sequencer holds
    it and `wait` is false. SQLite takes its one write lock at BEGIN, so there it always
    waits (its writers are serial anyway)."""
    rows = AuditCounter.objects.select_for_update(skip_locked=not wait).filter(pk=1)
    counter = rows.first()
    if counter is None:
        if AuditCounter.objects.filter(pk=1).exists():
            return None  # held by another sequencer
        AuditCounter.objects.bulk_create([AuditCounter(pk=1, last_seq=0)], ignore_conflicts=True)
        counter = AuditCounter.objects.select_for_update().get(pk=1)
    return counter


def number_locked(counter: AuditCounter, *, limit: int = BATCH) -> int:
    """Number up to `limit` committed unnumbered entries; the caller holds `counter`'s lock
    in its transaction. Returns how many were numbered. Rows are read as tuples and hashed
    with `canonical_bytes`, the definition `AuditEntry.canonical` uses: a model instance per
    row would cost more than the hashing (imports number tens of thousands)."""
    rows = list(
        AuditEntry.objects.filter(seq__isnull=True).order_by("id").values_list(*_FIELDS)[:limit]
    )
    if not rows:
        return 0
    first = counter.last_seq + 1
    numbered: list[tuple[int, int, str]] = []
    for offset, row in enumerate(rows):
        values = dict(zip(_FIELDS, row, strict=True))
        pk = values.pop("id")
        digest = leaf_hash(canonical_bytes(seq=first + offset, **values)).hex()
        numbered.append((pk, first + offset, digest))
    _store_numbers(numbered)
    stored_nodes_append(first - 1, [digest for _pk, _seq, digest in numbered])
    counter.last_seq = first + len(rows) - 1
    AuditCounter.objects.filter(pk=1).update(last_seq=counter.last_seq)
    return len(rows)


# What `canonical_bytes` takes, as the columns are named (plus the id to update by).
_FIELDS = ("id", "version", "created_at", "actor_id", "actor_label", "action", "object_type",
           "object_id", "object_label", "before", "after")  # fmt: skip


def _store_numbers(numbered: list[tuple[int, int, str]]) -> None:
    """`UPDATE … SET seq, leaf_hash` for each (id, seq, leaf hash): one statement per 500 on
    PostgreSQL (a VALUES list joined on id), an `executemany` elsewhere."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(numbered), 500):
                chunk = numbered[start : start + 500]
                cursor.execute(
                    f"UPDATE {table} AS e SET seq = v.seq, leaf_hash = v.leaf_hash "  # noqa: S608  # names from the model, values bound
                    f"FROM (VALUES {', '.join(['(%s::bigint, %s::bigint, %s)'] * len(chunk))}) "
                    "AS v(id, seq, leaf_hash) WHERE e.id = v.id AND e.seq IS NULL",
                    [value for row in chunk for value in row],
                )
        else:
            cursor.executemany(
                f"UPDATE {table} SET seq = %s, leaf_hash = %s WHERE id = %s AND seq IS NULL",  # noqa: S608  # names from the model
                [(seq, digest, pk) for pk, seq, digest in numbered],
            )


def _number_round(*, wait: bool) -> int | None:
    """One transaction: lock, number everything committed (in batches), commit. None when
    the lock was busy."""
    with transaction.atomic():
        counter = _lock_counter(wait=wait)
        if counter is None:
            return None
        total = 0
        while True:
            numbered = number_locked(counter)
            total += numbered
            if numbered < BATCH:
                return total


def pending_exists() -> bool:
    return AuditEntry.objects.filter(seq__isnull=True).exists()


def audit_number_pending(*, wait: bool = True, rounds: int | None = None) -> int:
    """Number every committed unnumbered entry; returns how many this call numbered. One
    indexed query when none is waiting.

    `wait=False` (after a commit, from a request): when another sequencer holds the lock,
    return at once; that one looks again after releasing it (the loop below), and so sees
    every entry committed before its release. `rounds` bounds how long a caller keeps
    looking while new entries keep arriving (None: until none is left); what a bounded
    caller leaves, the next commit's run or the signer's loop numbers."""
    if not pending_exists():
        return 0
    return _number_rounds(wait=wait, rounds=rounds)


def _number_rounds(*, wait: bool, rounds: int | None) -> int:
    total = 0
    done = 0
    while rounds is None or done < rounds:
        numbered = _number_round(wait=wait)
        done += 1
        if numbered is None:
            return total
        total += numbered
        if not pending_exists():
            return total
    return total


def number_after_commit() -> None:
    """`transaction.on_commit` target of every audited transaction: its own entry is
    waiting, so no need to look first."""
    _number_rounds(wait=False, rounds=ROUNDS)
