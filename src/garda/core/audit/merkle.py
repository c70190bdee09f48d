"""RFC 9162 hashing: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right)."""

from __future__ import annotations

import datetime as dt
import hashlib


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(leaves: list[bytes]) -> bytes:
    """RFC 9162 MTH over leaf hashes, computed bottom-up: pairing neighbours level by level
    and carrying an odd last node up unchanged gives the same tree as the recursive split."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    level = leaves
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def tree_head_message(tree_size: int, root: bytes, signed_at: dt.datetime) -> bytes:
    stamp = signed_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return b"garda-sth-v1\n" + str(tree_size).encode() + b"\n" + root + b"\n" + stamp.encode()
