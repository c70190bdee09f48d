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
}


def get(name: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, DEFAULTS[name])
    return str(value)
