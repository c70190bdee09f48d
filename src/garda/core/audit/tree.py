"""Signing tree heads and verifying the whole log against its own hashes and signed heads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from django.db import transaction
from django.utils import timezone

from garda.core.audit.merkle import merkle_root
from garda.core.audit.models import AuditCounter, AuditEntry, SignedTreeHead
from garda.core.audit.proofs import (
    Frontier,
    MissingNodes,
    stored_consistency_proof,
    stored_root,
    verify_consistency,
)
from garda.core.audit.sequencer import BATCH, number_locked
from garda.core.audit.signing import SigningKeyMissing, key_id, load_private_key

_BATCH = 5000


def _stored_entries() -> Iterator[AuditEntry]:
    numbered = AuditEntry.objects.filter(seq__isnull=False)
    yield from numbered.order_by("seq").iterator(chunk_size=_BATCH)


def current_leaves() -> list[bytes]:
    return [
        bytes.fromhex(h)
        for h in AuditEntry.objects.filter(seq__isnull=False)
        .order_by("seq")
        .values_list("leaf_hash", flat=True)
        .iterator(chunk_size=_BATCH)
    ]


class TreeHeadConflict(RuntimeError):
    """The log as stored does not extend the last signed head: it must not be signed."""


@transaction.atomic
def tree_head_sign(*, force: bool = False) -> SignedTreeHead:
    """Number every committed entry, then sign the log. Both under the counter's lock, so
    no entry is numbered while hashing, and none can later be numbered below this head.

    The root comes from the stored subtree hashes (O(log n)); a log whose node table is
    incomplete falls back to hashing every leaf. Signing is idempotent: when nothing was
    appended since the last head, that head is returned and no new one is made (`force`
    signs again anyway). A log that no longer extends the last head (same size with another
    root, or a failed consistency proof) raises TreeHeadConflict instead of being signed."""
    counter, _created = AuditCounter.objects.select_for_update().get_or_create(pk=1)
    while number_locked(counter) == BATCH:
        pass
    latest = SignedTreeHead.objects.order_by("-tree_size", "-signed_at").first()
    private_key = load_private_key(create=latest is None)
    size = counter.last_seq
    try:
        root = stored_root(size)
    except MissingNodes:
        leaves = current_leaves()
        size, root = len(leaves), merkle_root(leaves)
    if latest is not None:
        _check_extends(latest, size, root)
        if not force and latest.tree_size == size:
            return latest
    signed_at = timezone.now()
    head = SignedTreeHead(
        tree_size=size,
        root_hash=root.hex(),
        signed_at=signed_at,
        signature="",
        key_id=key_id(private_key.public_key()),
    )
    head.signature = private_key.sign(head.signed_message()).hex()
    head.save()
    return head


@dataclass(frozen=True)
class UnsignedTail:
    """The newest entries no signed head covers yet: until one does, a database superuser
    could edit or drop them without `audit_verify` noticing, so the tail is kept short."""

    entries: int
    oldest_at: dt.datetime | None


def unsigned_tail() -> UnsignedTail:
    """Numbered entries after the latest head, and committed ones not yet numbered."""
    latest = SignedTreeHead.objects.order_by("-tree_size").values_list("tree_size", flat=True)
    covered = latest.first() or 0
    last_seq = AuditCounter.objects.filter(pk=1).values_list("last_seq", flat=True).first() or 0
    unnumbered = AuditEntry.objects.filter(seq__isnull=True)
    waiting = unnumbered.count()
    if last_seq <= covered and not waiting:
        return UnsignedTail(0, None)
    oldest = AuditEntry.objects.filter(seq=covered + 1).values_list("created_at", flat=True)
    waiting_since = unnumbered.order_by("id").values_list("created_at", flat=True)
    oldest_at = oldest.first() or waiting_since.first()
    return UnsignedTail(max(0, last_seq - covered) + waiting, oldest_at)


def tree_head_sign_if_due(
    *, every_entries: int, every_seconds: float, now: dt.datetime | None = None
) -> SignedTreeHead | None:
    """Sign when the unsigned tail holds `every_entries` entries or its oldest entry is
    `every_seconds` old; otherwise do nothing (two cheap reads). Run every minute or so."""
    tail = unsigned_tail()
    if tail.entries == 0:
        return None
    age = ((now or timezone.now()) - tail.oldest_at).total_seconds() if tail.oldest_at else 0.0
    if tail.entries >= every_entries or age >= every_seconds:
        return tree_head_sign()
    return None


def _check_extends(latest: SignedTreeHead, size: int, root: bytes) -> None:
    old_root = bytes.fromhex(latest.root_hash)
    if size < latest.tree_size:
        raise TreeHeadConflict(
            f"log ({size} entri) lebih pendek dari kepala pohon terakhir ({latest.tree_size})"
        )
    if size == latest.tree_size:
        consistent = root == old_root
    elif latest.tree_size == 0:
        consistent = True  # every log extends the empty one (RFC 9162 has no proof for it)
    else:
        try:
            proof = stored_consistency_proof(latest.tree_size, size)
        except MissingNodes:
            return  # no node table to prove with; audit_verify checks from the entries
        consistent = verify_consistency(latest.tree_size, size, old_root, root, proof)
    if not consistent:
        raise TreeHeadConflict(
            f"log tidak lagi memperpanjang kepala pohon berukuran {latest.tree_size}: "
            "jalankan `garda audit_verify`"
        )


def _roots_at(leaves: list[bytes], sizes: set[int]) -> dict[int, bytes]:
    """The root of every prefix size asked for, in one pass over the leaves."""
    frontier = Frontier()
    roots = {0: frontier.root()} if 0 in sizes else {}
    for leaf in leaves:
        frontier.append(leaf)
        if frontier.size in sizes:
            roots[frontier.size] = frontier.root()
    return roots


@dataclass
class VerifyReport:
    entries: int = 0
    heads: int = 0
    unsigned: int = 0  # the newest entries no signed head covers yet
    unnumbered: int = 0  # committed entries the sequencer has not numbered yet (none for long)
    problems: list[str] = field(default_factory=list)
    first_bad_seq: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, message: str, seq: int | None = None) -> None:
        self.problems.append(message)
        if seq is not None and (self.first_bad_seq is None or seq < self.first_bad_seq):
            self.first_bad_seq = seq


def audit_verify() -> VerifyReport:
    """Recompute every leaf from the row's content, check numbering, then every signed head.

    - a row whose content no longer matches its leaf hash was altered;
    - a missing number means rows were deleted; numbers out of place mean reordering;
    - a signed head whose root differs (when the rows' own hashes were rewritten too) means
      the log was rewritten after that head was signed.
    """
    report = VerifyReport()
    recomputed: list[bytes] = []
    expected_seq = 1
    for entry in _stored_entries():
        seq = entry.seq
        if seq is None:  # never: only numbered entries are read
            continue
        report.entries += 1
        if seq != expected_seq:
            if seq > expected_seq:
                report.fail(
                    f"entri #{expected_seq} hilang (dihapus); berikutnya #{seq}",
                    expected_seq,
                )
            else:
                report.fail(f"entri #{seq} tidak pada urutannya", seq)
            expected_seq = seq
        digest = entry.compute_leaf_hash()
        if digest != entry.leaf_hash:
            report.fail(f"entri #{entry.seq} diubah: isinya tidak cocok dengan hash-nya", entry.seq)
        recomputed.append(bytes.fromhex(digest))
        expected_seq += 1

    report.unnumbered = AuditEntry.objects.filter(seq__isnull=True).count()
    heads = list(SignedTreeHead.objects.order_by("tree_size", "signed_at"))
    report.unsigned = max(0, report.entries - max((head.tree_size for head in heads), default=0))
    if not heads:
        return report
    try:
        public_key = load_private_key().public_key()
    except SigningKeyMissing as missing:
        report.fail(str(missing))
        return report
    our_key = key_id(public_key)
    roots = _roots_at(recomputed, {head.tree_size for head in heads})
    for head in heads:
        report.heads += 1
        if head.key_id != our_key:
            report.fail(f"kepala pohon {head.tree_size} ditandatangani kunci lain ({head.key_id})")
            continue
        try:
            public_key.verify(bytes.fromhex(head.signature), head.signed_message())
        except (InvalidSignature, ValueError):
            report.fail(f"tanda tangan kepala pohon {head.tree_size} tidak sah")
            continue
        if head.tree_size > len(recomputed):
            report.fail(
                f"log lebih pendek ({len(recomputed)}) dari kepala pohon bertanda tangan "
                f"({head.tree_size}): entri setelah #{len(recomputed)} dihapus",
                len(recomputed) + 1,
            )
            continue
        if roots[head.tree_size].hex() != head.root_hash:
            report.fail(
                f"akar pohon berukuran {head.tree_size} tidak cocok: log ditulis ulang "
                f"sebelum atau pada entri #{head.tree_size}"
            )
    return report
