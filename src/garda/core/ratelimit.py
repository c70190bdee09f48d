"""Limits on anonymous forms (information requests, queue bookings): a fixed window counted
per client address in the shared cache, so every server process counts the same requests."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from garda.core.errors import TooManyRequests


def client_address(request: HttpRequest) -> str:
    """The caller's address; the proxy's X-Forwarded-For is believed only when Garda is
    configured as running behind one (otherwise anyone could forge it)."""
    if settings.GARDA_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded.split(",")[0].strip())
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int
    window_seconds: int

    def _key(self, request: HttpRequest) -> str:
        window = int(time.time()) // self.window_seconds
        return f"ratelimit:{self.name}:{client_address(request)}:{window}"

    def allows(self, request: HttpRequest, *, limit: int | None = None) -> bool:
        """Count one request; False once the window's limit (`limit` when the limit is
        read from data at call time, else the one declared) is passed; 0 means no limit."""
        limit = self.limit if limit is None else limit
        if limit <= 0:
            return True
        key = self._key(request)
        # add() creates the counter only if absent, so concurrent first hits do not reset it.
        cache.add(key, 0, timeout=self.window_seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=self.window_seconds + 1)
            count = 1
        return count <= limit

    def hit(self, request: HttpRequest) -> None:
        """Count one request; raise TooManyRequests once the window's limit is passed."""
        if not self.allows(request):
            raise TooManyRequests
