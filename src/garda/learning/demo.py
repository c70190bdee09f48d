"""Demo data of this app, called by `garda seed_demo` (idempotent)."""

from __future__ import annotations


def seed_demo(*, size: str) -> None:
    """Nothing yet."""
