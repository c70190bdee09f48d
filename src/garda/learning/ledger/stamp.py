"""The ledger's data stamp and the compliance figures cached under it.

Every ledger write calls `bump()` in its own transaction; `cached_summary` keys the figures by
(year, root unit, stamp), so a write shows on the next request in every process, and stale
keys simply age out. Changes made outside the ledger (an employee moved or retired by the
registry) do not bump it: they show within CACHE_SECONDS."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import F

from garda.learning.ledger.models import LedgerStamp

T = TypeVar("T")
NAME = "ledger"
CACHE_SECONDS = 300
_SQL = f"SELECT stamp FROM {LedgerStamp._meta.db_table} WHERE name = %s"  # noqa: S608  # constant


def bump() -> None:
    if not LedgerStamp.objects.filter(name=NAME).update(stamp=F("stamp") + 1):
        LedgerStamp.objects.get_or_create(name=NAME)


def current() -> int:
    """One primary-key read, in plain SQL: it runs on every dashboard request."""
    with connection.cursor() as cursor:
        cursor.execute(_SQL, [NAME])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def cached(key: str, compute: Callable[[], T]) -> T:
    full = f"garda:jp:{current()}:{key}"
    value: T | None = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, CACHE_SECONDS)
    return value
