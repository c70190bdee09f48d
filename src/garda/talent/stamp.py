"""The talent app's data version ("talent" in core's one data-version table): every talent
write bumps it in its own transaction, so cached grids and IP ASN figures (which also name the
ledger's and the registry's versions) show a change on the next request."""

from __future__ import annotations

from garda.core.dataversion import data_version_bump

NAME = "talent"
CACHE_SECONDS = 300


def bump() -> None:
    data_version_bump(name=NAME)
