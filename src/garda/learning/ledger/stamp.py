"""The ledger's data version ("ledger" in core's one data-version table).

Every ledger write calls `bump()` in its own transaction; cached compliance figures and pages
name `NAME` in their `versions` (garda.core.cache.cached), so a write shows on the next request
in every process, and stale keys simply age out. A registry change that moves an employee's
hours or headcount (a move, a retirement, a change of kind, a unit re-hung in the tree) bumps
it too, through the kept counts (`services.tallies._apply`); what the registry changes besides
is the "people" version's (people.stamp)."""

from __future__ import annotations

from garda.core.dataversion import data_version_bump

NAME = "ledger"
CACHE_SECONDS = 300


def bump() -> None:
    data_version_bump(name=NAME)
