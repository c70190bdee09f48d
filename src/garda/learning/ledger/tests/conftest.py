"""Cached compliance figures are keyed by the ledger stamp, which every test's rollback
resets: clear the cache so no test reads another's figures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()
