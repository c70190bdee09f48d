"""The queue's deployment settings. Read from Django settings when the project defines them,
else from the environment under the same name, so a deployment (or a load test) can set them
either way."""

from __future__ import annotations

import os

from django.conf import settings

DEFAULTS = {
    "GARDA_QUEUE_BOOKINGS_PER_HOUR": "30",
    "GARDA_QUEUE_GATEWAY_URL": "",
    "GARDA_QUEUE_GATEWAY_TOKEN": "",
    "GARDA_QUEUE_GATEWAY_CHANNEL": "whatsapp",
    # Mobile JKN sign-in: failures per puskesmas and username before a lockout (0: no limit),
    # and the minutes the failures are counted over and the lockout lasts.
    "GARDA_MOBILEJKN_AUTH_FAILURE_LIMIT": "5",
    "GARDA_MOBILEJKN_AUTH_COOLOFF_MINUTES": "15",
}


def get(name: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, DEFAULTS[name])
    return str(value)
