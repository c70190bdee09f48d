"""The one random-code generator: booking codes, PPID tracking codes, certificate codes,
cache stamps and feed tokens all draw from here, so every one of them comes from the
operating system's CSPRNG (`secrets`) and none from `random` (decision 0010).

Callers keep their own alphabet, length and layout (a prefix, a dash), so codes already
handed out keep their format."""

from __future__ import annotations

import secrets

# Read aloud and typed from paper: no 0/O and no 1/I.
UNAMBIGUOUS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# Crockford's base32: no I, L, O, U.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def random_code(length: int, alphabet: str = UNAMBIGUOUS) -> str:
    """`length` characters drawn uniformly from `alphabet`."""
    if length < 1 or len(set(alphabet)) != len(alphabet) or len(alphabet) < 2:
        raise ValueError("a code needs a length of at least 1 and 2+ distinct characters")
    size = len(alphabet)
    bits = size.bit_length() - 1
    if size == 1 << bits:
        # A power-of-two alphabet: one call to the OS for the whole code rather than one per
        # character (issuing a ticket is on the queue's hot path); each character is still
        # exactly uniform.
        value = secrets.randbits(bits * length)
        return "".join(alphabet[(value >> (bits * i)) & (size - 1)] for i in range(length))
    if size <= 256:
        # Any other alphabet: one call to the OS for about twice the bytes needed, dropping
        # those at or above the largest multiple of the alphabet's size, so each character
        # stays exactly uniform; a second call only when more than half were dropped. One
        # call per character cost a CSRF mask (32 characters) 38 µs (decision 0022).
        limit = 256 - 256 % size
        drawn: list[str] = []
        while len(drawn) < length:
            fresh = secrets.token_bytes(2 * length)
            drawn.extend(alphabet[byte % size] for byte in fresh if byte < limit)
        return "".join(drawn[:length])
    return "".join(secrets.choice(alphabet) for _ in range(length))


def random_token(nbytes: int) -> str:
    """A URL-safe secret of `nbytes` random bytes (feed links, keys)."""
    return secrets.token_urlsafe(nbytes)


def random_hex(nbytes: int) -> str:
    """`nbytes` random bytes as hexadecimal (cache stamps)."""
    return secrets.token_hex(nbytes)
