"""One limit on anonymous bookings per client address, shared by the booking page and the
booking API so neither is a way around the other. The rate is a setting
(GARDA_QUEUE_BOOKINGS_PER_HOUR, default 30: a family booking several polis fits, a script
filling a poli's quota does not); 0 turns the limit off (load tests)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from garda.queueing import conf

WINDOW_SECONDS = 3600


def bookings_per_hour() -> int:
    return int(conf.get("GARDA_QUEUE_BOOKINGS_PER_HOUR"))


def client_address(request: HttpRequest) -> str:
    # The same headers, in the same order, as the sign-in lockout trusts (GARDA_BEHIND_PROXY
    # adds X-Forwarded-For in front of REMOTE_ADDR).
    order = getattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", ["REMOTE_ADDR"])
    for key in order:
        value = str(request.META.get(key, "") or "")
        if value:
            return value.split(",")[0].strip()
    return "unknown"


def booking_allowed(request: HttpRequest) -> bool:
    """Count this booking attempt; False once the address used up its hour."""
    limit = bookings_per_hour()
    if limit <= 0:
        return True
    window = int(time.time() // WINDOW_SECONDS)
    key = f"queue:book:{client_address(request)}:{window}"
    cache.add(key, 0, WINDOW_SECONDS + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, WINDOW_SECONDS + 60)
        count = 1
    return count <= limit
