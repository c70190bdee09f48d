"""A short cache of `antrean/status` answers, keyed by facility, poli and date.

Mobile JKN polls status constantly; the answer only changes when a ticket of that poli and day
changes, and every such change publishes an event, on which the key is dropped. With a cache
per process (the default locmem) another process may serve an answer up to TTL_S old, which
is why the TTL is short; with a shared cache (CACHE_URL) the drop reaches every process."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction

from garda.core.cache import machine_scope, scoped_key

if TYPE_CHECKING:
    from garda.queueing.models import Ticket

TTL_S = 3


VERSIONS = (1, 2)  # the V1 (one object) and V2 (one item per doctor) answers


def key(facility_id: int, kodepoli: str, service_date: dt.date | str, version: int) -> str:
    """Through core's cache helper, under the facility's machine scope: the answer is the
    same for every caller asking about this facility, poli and day (and no language)."""
    day = service_date if isinstance(service_date, str) else service_date.isoformat()
    return scoped_key(
        machine_scope("mobilejkn-status", facility_id),
        [kodepoli, day, f"v{version}"],
        per_language=False,
    )


def get(cache_key: str) -> Any:
    return cache.get(cache_key)


def put(cache_key: str, value: Any) -> None:
    cache.set(cache_key, value, TTL_S)


def forget_for_ticket(kind: str, ticket: Ticket) -> None:
    """Listener: drop the day's answer now and again after commit (a reader between the two
    could have cached the state before the change)."""
    keys = [
        key(ticket.facility_id, ticket.poli.bpjs_code, ticket.service_date, version)
        for version in VERSIONS
    ]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
