"""Reads that scale out: with `DATABASE_REPLICA_URL` set (one or more PostgreSQL streaming
replicas, comma-separated), reads of a safe request go to a replica and everything else to the
primary (decision 0019).

The rule, in order (`ReadReplicaRouter.db_for_read`):
1. Outside a request (commands, the worker, migrations) every read goes to the primary.
2. A request that is not GET/HEAD/OPTIONS reads and writes on the primary.
3. A client that wrote in the last `GARDA_REPLICA_STICKY_SECONDS` (default 10) reads on the
   primary: every response to a request that wrote sets a short cookie (`garda_wrote`, the
   time of the write), so a page shown right after a save, a sign-in or an API POST sees it,
   whatever server answers. API clients that keep no cookies get the same by sending
   `X-Garda-Primary: 1`.
4. Within a request, once anything was written (a session saved, an audit entry) — or while a
   transaction is open on the primary — every later read is on the primary.
5. Paths under `GARDA_REPLICA_PRIMARY_PATHS` (default `/akun/,/admin/`: sign-in, 2FA, the
   admin site) always use the primary.
Otherwise the request reads from one replica, chosen once per request (a request never mixes
two replicas' snapshots). Writes always go to the primary; migrations run only there."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

COOKIE = "garda_wrote"
HEADER = "HTTP_X_GARDA_PRIMARY"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


@dataclass
class Route:
    """What the current request may read from: a replica alias, or None (the primary)."""

    replica: str | None
    wrote: bool = False


_route: ContextVar[Route | None] = ContextVar("garda_db_route", default=None)


def choose(
    *, method: str, path: str, wrote_at: float | None, now: float, replicas: list[str],
    primary_paths: tuple[str, ...], sticky_seconds: float, asks_primary: bool = False,
) -> str | None:  # fmt: skip
    """The replica a request may read from, or None for the primary (rules 2, 3 and 5)."""
    if not replicas or method.upper() not in SAFE_METHODS or asks_primary:
        return None
    if any(path.startswith(prefix) for prefix in primary_paths):
        return None
    if wrote_at is not None and now - wrote_at < sticky_seconds:
        return None
    return random.choice(replicas)  # noqa: S311  # spreading load, not a secret


@contextmanager
def routed(replica: str | None) -> Iterator[Route]:
    """Reads inside go to `replica` (None: the primary) until something is written."""
    route = Route(replica)
    token = _route.set(route)
    try:
        yield route
    finally:
        _route.reset(token)


class ReadReplicaRouter:
    """Installed by settings when DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        route = _route.get()
        if route is None or route.replica is None or route.wrote:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # a read inside a transaction belongs to it (rule 4)
        return route.replica

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        route = _route.get()
        if route is not None:
            route.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def _wrote_at(request: HttpRequest) -> float | None:
    # Absent, tampered with or garbled: no recent write known.
    value = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class ReadRoutingMiddleware:
    """First in MIDDLEWARE when replicas are configured: opens the request's route and, when
    the request wrote, tells the client's next requests to read from the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.replicas = replica_aliases()
        self.sticky = float(getattr(settings, "GARDA_REPLICA_STICKY_SECONDS", 10))
        self.primary_paths = tuple(getattr(settings, "GARDA_REPLICA_PRIMARY_PATHS", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.time()
        replica = choose(
            method=request.method or "GET", path=request.path, wrote_at=_wrote_at(request),
            now=now, replicas=self.replicas, primary_paths=self.primary_paths,
            sticky_seconds=self.sticky, asks_primary=request.META.get(HEADER) == "1",
        )  # fmt: skip
        with routed(replica) as route:
            response = self.get_response(request)
            wrote = route.wrote or (request.method or "GET").upper() not in SAFE_METHODS
        if wrote:
            response.set_signed_cookie(
                COOKIE, str(now), salt=COOKIE, max_age=max(1, int(self.sticky)),
                httponly=True, samesite="Lax", secure=request.is_secure(),
            )  # fmt: skip
        return response
