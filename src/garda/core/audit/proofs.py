"""RFC 9162 inclusion and consistency proofs, their verifiers, and the stored subtree hashes
that let the server answer them in O(log n) lookups.

The first half is plain arithmetic over hashes (no Django): the proof definitions of
RFC 9162 sections 2.1.3.1 (PATH) and 2.1.4.1 (SUBPROOF), the verification algorithms of
2.1.3.2 and 2.1.4.2, and `Frontier`, which appends leaves one by one and yields every complete
subtree as soon as its last leaf arrives. `garda audit_verify --remote` uses only this half.

The second half reads and writes the stored hashes (`MerkleNode`): a node (level, index) is the
root of the perfect subtree over leaves [index * 2**level, (index + 1) * 2**level). Level 0 is
the leaf itself and is read from `AuditEntry.leaf_hash` (seq = index + 1); levels 1 and up are
rows of `MerkleNode`, written in the same transaction as the entry that completes them. Every
range a proof needs is either such a perfect subtree or a right edge ending at the tree size,
which is folded from at most log2(n) perfect ones; so a proof is two indexed `IN` queries.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from django.db import connection, transaction

from garda.core.audit.merkle import node_hash
from garda.core.audit.models import AuditCounter, AuditEntry, MerkleNode

if TYPE_CHECKING:
    from garda.core.audit.models import MerkleNode

logger = logging.getLogger(__name__)

EMPTY_ROOT = hashlib.sha256(b"").digest()
# Node ids pack (level, index) into one integer primary key: index * 64 + level.
_LEVEL_BITS = 6

Node = tuple[int, int]  # (level, index)
Range = tuple[int, int]  # [start, end) of leaf indexes


class ProofError(ValueError):
    """The sizes or the index asked for do not describe a proof (e.g. index past the end)."""


class MissingNodes(LookupError):
    """Stored hashes that a proof needs are absent: the node table is behind the log."""

    def __init__(self, nodes: Collection[Node]) -> None:
        self.nodes = sorted(nodes)
        shown = ", ".join(f"{level}/{index}" for level, index in self.nodes[:5])
        super().__init__(f"{len(self.nodes)} simpul Merkle tidak tersimpan (level/indeks: {shown})")


def node_id(node: Node) -> int:
    level, index = node
    return (index << _LEVEL_BITS) | level


def node_from_id(value: int) -> Node:
    return (value & ((1 << _LEVEL_BITS) - 1), value >> _LEVEL_BITS)


def _split(size: int) -> int:
    """k of RFC 9162: the largest power of two smaller than `size` (size >= 2)."""
    return 1 << ((size - 1).bit_length() - 1)


# --- Which subtrees a proof is made of ---------------------------------------------------------


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """PATH(m, D[n]) of RFC 9162 2.1.3.1 as leaf ranges, ordered from the leaf up."""
    if not 0 <= index < size:
        raise ProofError(f"indeks {index} di luar pohon berukuran {size}")
    ranges: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:  # PATH(m, D[0:k]) : MTH(D[k:n])
            ranges.append((start + k, end))
            end = start + k
        else:  # PATH(m - k, D[k:n]) : MTH(D[0:k])
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def consistency_ranges(first: int, second: int) -> list[Range]:
    """PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 2.1.4.1 as leaf ranges.

    Defined for 0 < m <= n; m == n gives the empty proof."""
    if not 0 < first <= second:
        raise ProofError(f"ukuran {first} dan {second} tidak membentuk bukti konsistensi")
    ranges: list[Range] = []
    start, end, whole = 0, second, True
    while first - start != end - start:
        k = _split(end - start)
        if first - start <= k:  # SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
            ranges.append((start + k, end))
            end = start + k
        else:  # SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
            ranges.append((start, start + k))
            start += k
            whole = False
    if not whole:  # SUBPROOF(m, D[m], false) = {MTH(D[m])}
        ranges.append((start, end))
    ranges.reverse()
    return ranges


def perfect_cover(start: int, end: int) -> list[Node]:
    """The perfect subtrees whose fold is MTH(D[start:end]): one per set bit of the range's
    size, largest first. Every range a proof or a root asks for starts aligned to its own
    largest piece, so each piece is a stored node."""
    if not 0 <= start < end:
        raise ProofError(f"rentang kosong [{start}, {end})")
    nodes: list[Node] = []
    remaining = end - start
    while remaining:
        level = remaining.bit_length() - 1
        if start & ((1 << level) - 1):
            raise ProofError(f"rentang [{start}, {end}) tidak selaras dengan pohon")
        nodes.append((level, start >> level))
        start += 1 << level
        remaining -= 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """MTH of a range from its perfect pieces (largest first): the RFC's split puts the
    largest perfect subtree on the left and recurses into the rest."""
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


# --- Where the hashes come from ----------------------------------------------------------------


class NodeSource(Protocol):
    def hashes(self, nodes: Collection[Node]) -> Mapping[Node, bytes]:
        """The hash of every node asked for; raise MissingNodes for any that is absent."""
        ...


def range_hashes(
    source: NodeSource, ranges: Sequence[Range], *, also: Collection[Node] = ()
) -> tuple[list[bytes], Mapping[Node, bytes]]:
    """MTH of each range, with one batched lookup of every piece they need (and of the
    nodes in `also`, returned with the rest of what was looked up)."""
    covers = [perfect_cover(start, end) for start, end in ranges]
    found = source.hashes({node for cover in covers for node in cover} | set(also))
    return [fold([found[node] for node in cover]) for cover in covers], found


def tree_root(source: NodeSource, size: int) -> bytes:
    if size == 0:
        return EMPTY_ROOT
    return range_hashes(source, [(0, size)])[0][0]


def inclusion_proof(source: NodeSource, index: int, size: int) -> list[bytes]:
    return range_hashes(source, inclusion_ranges(index, size))[0]


def inclusion_proof_with_leaf(
    source: NodeSource, index: int, size: int
) -> tuple[bytes, list[bytes]]:
    """The leaf's own hash and its audit path, in the same lookup."""
    path, found = range_hashes(source, inclusion_ranges(index, size), also=[(0, index)])
    return found[(0, index)], path


def consistency_proof(source: NodeSource, first: int, second: int) -> list[bytes]:
    return range_hashes(source, consistency_ranges(first, second))[0]


class MemoryTree:
    """Every level of a tree over leaf hashes held in memory: tests, benches, small tools."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.levels: list[list[bytes]] = [list(leaves)]
        while len(self.levels[-1]) > 1:
            below = self.levels[-1]
            self.levels.append(
                [node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
            )

    def hashes(self, nodes: Collection[Node]) -> dict[Node, bytes]:
        found: dict[Node, bytes] = {}
        for level, index in nodes:
            if level < len(self.levels) and index < len(self.levels[level]):
                found[(level, index)] = self.levels[level][index]
        missing = set(nodes) - found.keys()
        if missing:
            raise MissingNodes(missing)
        return found


# --- Appending: which subtrees each new leaf completes -----------------------------------------


@dataclass
class Frontier:
    """The right edge of a tree of `size` leaves: the roots of its perfect subtrees.

    `append` adds one leaf and returns the nodes of level >= 1 that it completes (a leaf at
    an odd index completes at least one); `root` is the tree's MTH. O(log n) memory."""

    size: int = 0
    edge: dict[Node, bytes] = field(default_factory=dict)

    @staticmethod
    def nodes_for(size: int) -> list[Node]:
        """The nodes a frontier of `size` leaves holds, largest first."""
        return perfect_cover(0, size) if size else []

    def append(self, leaf: bytes) -> list[tuple[Node, bytes]]:
        completed: list[tuple[Node, bytes]] = []
        level, index, digest = 0, self.size, leaf
        while index & 1:
            left = self.edge.pop((level, index - 1))
            level, index, digest = level + 1, index >> 1, node_hash(left, digest)
            completed.append(((level, index), digest))
        self.edge[(level, index)] = digest
        self.size += 1
        return completed

    def root(self) -> bytes:
        if not self.size:
            return EMPTY_ROOT
        return fold([self.edge[node] for node in self.nodes_for(self.size)])


def completed_nodes(leaves: Iterable[bytes]) -> Iterator[tuple[Node, bytes]]:
    """Every stored node (level >= 1) of a tree over `leaves`, in completion order."""
    frontier = Frontier()
    for leaf in leaves:
        yield from frontier.append(leaf)


# --- Verifying (RFC 9162 2.1.3.2 and 2.1.4.2, step by step) ------------------------------------


def verify_inclusion(
    leaf_index: int, tree_size: int, leaf_hash: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 2.1.3.2: is `leaf_hash` the leaf at `leaf_index` of the tree with `root`?"""
    # 1. leaf_index must lie inside the tree.
    if leaf_index < 0 or leaf_index >= tree_size:
        return False
    # 2-3.
    fn, sn, r = leaf_index, tree_size - 1, leaf_hash
    # 4.
    for p in proof:
        if sn == 0:  # a.
            return False
        if fn & 1 or fn == sn:  # b.
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1  # c.
        sn >>= 1
    # 5.
    return sn == 0 and r == root


def verify_consistency(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 2.1.4.2: is the tree of `size1` with `root1` a prefix of the one of `size2`?

    The RFC's algorithm covers 0 < size1 < size2. Equal sizes are consistent exactly when the
    roots are equal and nothing is offered as proof; a tree of size 0 is the prefix of every
    tree when its root is the empty hash."""
    if size1 < 0 or size1 > size2:
        return False
    if size1 == size2:
        return not proof and root1 == root2
    if size1 == 0:
        return not proof and root1 == EMPTY_ROOT
    # 1.
    if not proof:
        return False
    path = list(proof)
    # 2.
    if size1 & (size1 - 1) == 0:
        path.insert(0, root1)
    # 3.
    fn, sn = size1 - 1, size2 - 1
    # 4.
    while fn & 1:
        fn >>= 1
        sn >>= 1
    # 5.
    fr = sr = path[0]
    # 6.
    for c in path[1:]:
        if sn == 0:  # a.
            return False
        if fn & 1 or fn == sn:  # b.
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1  # c.
        sn >>= 1
    # 7.
    return fr == root1 and sr == root2 and sn == 0


# --- The stored hashes (database) --------------------------------------------------------------


class StoredNodes:
    """A NodeSource over the database: leaves from AuditEntry, the rest from MerkleNode.

    Plain SQL on the two unique indexes (seq, id): this is the hot path of every proof, and
    the ORM's query building would cost more than the lookups themselves."""

    def hashes(self, nodes: Collection[Node]) -> dict[Node, bytes]:

        found: dict[Node, bytes] = {}
        leaf_seqs = [index + 1 for level, index in nodes if level == 0]
        ids = [node_id(node) for node in nodes if node[0] > 0]
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if leaf_seqs:
                cursor.execute(
                    f"SELECT seq, leaf_hash FROM {quote(AuditEntry._meta.db_table)} "  # noqa: S608  # names from the model, values bound
                    f"WHERE seq IN ({', '.join(['%s'] * len(leaf_seqs))})",
                    leaf_seqs,
                )
                for seq, digest in cursor.fetchall():
                    found[(0, seq - 1)] = bytes.fromhex(digest)
            if ids:
                cursor.execute(
                    f"SELECT id, hash FROM {quote(MerkleNode._meta.db_table)} "  # noqa: S608  # names from the model, values bound
                    f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
                    ids,
                )
                for pk, digest in cursor.fetchall():
                    found[node_from_id(pk)] = bytes.fromhex(digest)
        missing = set(nodes) - found.keys()
        if missing:
            raise MissingNodes(missing)
        return found


def stored_nodes_append(first_index: int, leaf_hashes: Sequence[str]) -> int:
    """Store every subtree that leaves `first_index`, `first_index + 1`, ... complete.

    Called by the audit services right after they insert those entries, inside the same
    transaction and under the same counter lock, so the nodes commit or roll back with them.
    Returns how many nodes were written."""

    if not leaf_hashes:
        return 0
    edge_nodes = Frontier.nodes_for(first_index)
    if len(leaf_hashes) == 1:
        # One leaf merges only with the edge's pieces below its index's lowest zero bit;
        # at an even index (every other entry) it completes nothing and reads nothing.
        merges = (~first_index & (first_index + 1)).bit_length() - 1
        edge_nodes = [node for node in edge_nodes if node[0] < merges]
    try:
        edge = StoredNodes().hashes(edge_nodes)
    except MissingNodes as missing:
        # Rows were deleted behind the log's back (audit_verify names them). Recording must
        # go on; proofs over the gap answer "not available" and signing hashes every leaf
        # until `rebuild_stored_nodes()` is run.
        logger.warning(
            "audit: simpul Merkle tidak ditulis untuk entri #%d: %s", first_index + 1, missing
        )
        return 0
    frontier = Frontier(first_index, dict(edge))
    rows = [
        _node_row(node, value)
        for digest in leaf_hashes
        for node, value in frontier.append(bytes.fromhex(digest))
    ]
    # Upsert: a node can only exist already if entries were truncated and the counter wound
    # back by hand; the entries that now hold those numbers define it.
    MerkleNode.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["hash"],
    )
    return len(rows)


def _node_row(node: Node, digest: bytes) -> MerkleNode:

    return MerkleNode(id=node_id(node), level=node[0], index=node[1], hash=digest.hex())


def rebuild_stored_nodes() -> int:
    """Recompute the whole node table from the entries' stored leaf hashes (repair after
    tampering or a partial restore). Takes the counter lock; returns the number of leaves."""

    with transaction.atomic():
        AuditCounter.objects.select_for_update().get_or_create(pk=1)
        MerkleNode.objects.all().delete()
        frontier = Frontier()
        batch: list[MerkleNode] = []
        for digest in (
            AuditEntry.objects.filter(seq__isnull=False)
            .order_by("seq")
            .values_list("leaf_hash", flat=True)
            .iterator(chunk_size=5000)
        ):
            batch.extend(
                _node_row(node, value) for node, value in frontier.append(bytes.fromhex(digest))
            )
            if len(batch) >= 5000:
                MerkleNode.objects.bulk_create(batch)
                batch = []
        MerkleNode.objects.bulk_create(batch)
    return frontier.size


def stored_root(size: int) -> bytes:
    return tree_root(StoredNodes(), size)


def stored_inclusion_proof(index: int, size: int) -> list[bytes]:
    return inclusion_proof(StoredNodes(), index, size)


def stored_inclusion_proof_with_leaf(index: int, size: int) -> tuple[bytes, list[bytes]]:
    return inclusion_proof_with_leaf(StoredNodes(), index, size)


def stored_consistency_proof(first: int, second: int) -> list[bytes]:
    return consistency_proof(StoredNodes(), first, second)
