"""The ledger's data version ("ledger" in core's one data-version table).

Every ledger write calls `bump()` in its own transaction; cached compliance figures and pages
name `NAME` in their `versions` (garda.core.cache.cached), so a write shows on the next request
in every process, and stale keys simply age out. Changes made outside the ledger (an employee
moved or retired by the registry) do not bump it: they show within CACHE_SECONDS."""

from __future__ import annotations

from garda.core.dataversion import data_version_bump

NAME = "ledger"
CACHE_SECONDS = 300


def bump() -> None:
    data_version_bump(name=NAME)
