"""One limit on anonymous bookings per client address, shared by the booking page and the
booking API so neither is a way around the other. The rate is a setting
(GARDA_QUEUE_BOOKINGS_PER_HOUR, default 30: a family booking several polis fits, a script
filling a poli's quota does not); 0 turns the limit off (load tests)."""

from __future__ import annotations

from django.http import HttpRequest

from garda.core.ratelimit import RateLimit
from garda.queueing import conf

BOOKINGS = RateLimit("queue-book", limit=30, window_seconds=3600)


def bookings_per_hour() -> int:
    return int(conf.get("GARDA_QUEUE_BOOKINGS_PER_HOUR"))


def booking_allowed(request: HttpRequest) -> bool:
    """Count this booking attempt; False once the address used up its hour."""
    return BOOKINGS.allows(request, limit=bookings_per_hour())
