"""The audit log's tables: entries, the counter that numbers them, and signed tree heads."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import models

from garda.core.audit.merkle import leaf_hash, tree_head_message
from garda.core.models import User

# 1: the first entries. 2: credentials (a model's `secret_fields`) written as a keyed digest
# (core/audit/credentials.py). Each entry keeps its version, so old ones verify as written.
AUDIT_VERSION = 2


def canonical_bytes(
    *,
    version: int = AUDIT_VERSION,
    seq: int,
    created_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_label: str,
    before: Any,
    after: Any,
) -> bytes:
    """The bytes an entry's leaf hash covers: one definition for `AuditEntry.canonical` and
    for `audit_record_many`, which hashes rows before (without) any model instance."""
    document = {
        "v": version,
        "seq": seq,
        "at": created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_label": object_label,
        "before": before,
        "after": after,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class AuditCounter(models.Model):
    """One row whose lock serialises the sequencer (core/audit/sequencer.py), never the
    writers; the next number is `last_seq + 1`."""

    last_seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "penghitung audit"

    def __str__(self) -> str:
        return f"audit counter at {self.last_seq}"


class AuditEntry(models.Model):
    """One audited write. Written with `seq` NULL and no leaf hash in the writer's transaction;
    the sequencer numbers and hashes it after commit (decision 0017)."""

    seq = models.BigIntegerField("nomor urut", unique=True, null=True, blank=True)
    created_at = models.DateTimeField("waktu")
    actor = models.ForeignKey(
        User,
        verbose_name="pelaku",
        # Never cascade into the log: changing a stored actor would break its hash.
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField("nama pelaku", max_length=200, blank=True)
    action = models.CharField("aksi", max_length=100, db_index=True)
    object_type = models.CharField("jenis objek", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("id objek", max_length=64, blank=True)
    object_label = models.CharField("objek", max_length=255, blank=True)
    before: models.JSONField[Any] = models.JSONField("sebelum", null=True, blank=True)
    after: models.JSONField[Any] = models.JSONField("sesudah", null=True, blank=True)
    leaf_hash = models.CharField("hash daun", max_length=64)
    version = models.PositiveSmallIntegerField("versi", default=AUDIT_VERSION)

    class Meta:
        verbose_name = "entri audit"
        verbose_name_plural = "entri audit"
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The sequencer's work list: small, since entries are numbered right after commit.
            models.Index(
                fields=["id"], name="core_audit_unnumbered", condition=models.Q(seq__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_label}"

    def canonical(self) -> bytes:
        """The bytes that are hashed: every field that carries meaning, in a fixed form. Only
        a numbered entry has them: the number is hashed too."""
        if self.seq is None:
            raise ValueError("entri audit belum bernomor (diberi nomor setelah commit)")
        return canonical_bytes(
            version=self.version,
            seq=self.seq,
            created_at=self.created_at,
            actor_id=self.actor_id,
            actor_label=self.actor_label,
            action=self.action,
            object_type=self.object_type,
            object_id=self.object_id,
            object_label=self.object_label,
            before=self.before,
            after=self.after,
        )

    def compute_leaf_hash(self) -> str:
        return leaf_hash(self.canonical()).hex()


# Lists of the log, newest first on both databases: entries still waiting for their number
# (seconds at most) on top, then by number.
NEWEST_FIRST = (models.F("seq").desc(nulls_first=True), models.F("id").desc())


class SignedTreeHead(models.Model):
    """A signed statement "the log had `tree_size` entries with this root at this time"."""

    tree_size = models.BigIntegerField("ukuran pohon")
    root_hash = models.CharField("akar", max_length=64)
    signed_at = models.DateTimeField("ditandatangani")
    signature = models.CharField("tanda tangan", max_length=128)
    key_id = models.CharField("id kunci", max_length=64)

    class Meta:
        verbose_name = "kepala pohon bertanda tangan"
        ordering = ["-tree_size", "-signed_at"]

    def __str__(self) -> str:
        return f"STH {self.tree_size} {self.root_hash[:12]}"

    def signed_message(self) -> bytes:
        return tree_head_message(self.tree_size, bytes.fromhex(self.root_hash), self.signed_at)


class MerkleNode(models.Model):
    """The hash of one complete subtree of the log, so proofs never read every leaf.

    Node (level, index) covers entries index * 2**level + 1 ... (index + 1) * 2**level
    (by seq). Level 0 is `AuditEntry.leaf_hash` and is not repeated here. Rows are written
    when the sequencer numbers the entry that completes them (stored_nodes_append) and are
    derived data: `audit_verify` never trusts them, it recomputes from the entries."""

    # index * 64 + level: one integer key, so a proof's lookups are one `id IN (...)`.
    id = models.BigIntegerField("id simpul", primary_key=True)
    level = models.PositiveSmallIntegerField("tingkat")
    index = models.BigIntegerField("indeks")
    hash = models.CharField("hash", max_length=64)

    class Meta:
        verbose_name = "simpul Merkle"
        verbose_name_plural = "simpul Merkle"

    def __str__(self) -> str:
        return f"simpul {self.level}/{self.index} {self.hash[:12]}"
