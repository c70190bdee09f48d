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

import logging
import threading
import time

from django.db import close_old_connections, connection, transaction

from garda.core.audit.merkle import leaf_hash
from garda.core.audit.models import AuditCounter, AuditEntry, canonical_bytes
from garda.core.audit.proofs import stored_nodes_append

logger = logging.getLogger(__name__)

# Entries numbered per transaction: an import's tens of thousands go in several.
BATCH = 2000
# Rounds after which a sequencer called from a request returns even though new entries keep
# arriving (under steady load); the next audited commit picks them up.
ROUNDS = 3


def _lock_counter(*, wait: bool) -> AuditCounter | None:
    """The counter row, locked until the transaction ends; None when another sequencer holds
    it and `wait` is false. One plain statement (this runs after most commits). SQLite takes
    its one write lock at BEGIN, so there it always waits (its writers are serial anyway)."""
    table = connection.ops.quote_name(AuditCounter._meta.db_table)
    lock = ""
    if connection.features.has_select_for_update:
        lock = " FOR UPDATE" if wait else " FOR UPDATE SKIP LOCKED"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_seq FROM {table} WHERE id = 1{lock}")  # noqa: S608  # constant names
        row = cursor.fetchone()
    if row is not None:
        return AuditCounter(pk=1, last_seq=row[0])
    if not wait and AuditCounter.objects.filter(pk=1).exists():
        return None  # held by another sequencer
    AuditCounter.objects.bulk_create([AuditCounter(pk=1, last_seq=0)], ignore_conflicts=True)
    return AuditCounter.objects.select_for_update().get(pk=1)


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
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(AuditCounter._meta.db_table)} "  # noqa: S608  # constant names
            "SET last_seq = %s WHERE id = 1",
            [counter.last_seq],
        )
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
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE seq IS NULL LIMIT 1")  # noqa: S608  # constant names
        return cursor.fetchone() is not None


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


# Held by the thread of this process that is numbering. Another thread that finds it held
# returns at once: the holder releases it before looking for waiting entries again, so it
# sees every entry committed before the other thread found it held. Saves the database
# round trips of a `SKIP LOCKED` that would fail anyway.
_in_process = threading.Lock()


def _number_rounds(*, wait: bool, rounds: int | None) -> int:
    total = 0
    done = 0
    while rounds is None or done < rounds:
        if not _in_process.acquire(blocking=wait):
            return total
        try:
            numbered = _number_round(wait=wait)
        finally:
            _in_process.release()
        done += 1
        if numbered is None:
            return total
        total += numbered
        if not pending_exists():
            return total
    return total


def number_after_commit() -> None:
    """`transaction.on_commit` target of every audited transaction. In the server (see
    `number_in_background`) it only wakes the process's sequencer thread: the request answers
    without waiting for numbering, and one run numbers what many requests committed. Elsewhere
    (commands, jobs, tests) it numbers now; its own entry is waiting, so no need to look first."""
    if _background:
        _wake_worker()
        return
    _number_rounds(wait=False, rounds=ROUNDS)


# --- The server's sequencer thread ---------------------------------------------------------------

_background = False
_wake = threading.Event()
_start = threading.Lock()
_worker: threading.Thread | None = None


def number_in_background() -> None:
    """Called once by the WSGI entry point (garda/wsgi.py): this process numbers in a thread
    of its own. Its first wake-up also numbers what a killed predecessor left."""
    global _background  # one switch per process
    _background = True


def _wake_worker() -> None:
    global _worker  # one thread per process
    if _worker is None or not _worker.is_alive():
        with _start:
            if _worker is None or not _worker.is_alive():
                _worker = threading.Thread(target=_work, name="garda-audit-sequencer", daemon=True)
                _worker.start()
    _wake.set()


def _work() -> None:
    """Wait for a commit, number everything committed (until none is left), repeat. The
    event is cleared before numbering, so a commit landing during a run wakes the next."""
    while True:
        _wake.wait()
        _wake.clear()
        try:
            audit_number_pending()
        except Exception:  # a passing outage: the next commit or the signer's loop retries
            logger.exception("audit: penomoran entri gagal")
            time.sleep(1.0)
        finally:
            close_old_connections()  # back to the pool (PostgreSQL); kept open on SQLite
