from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from garda.core import navigation as nav_registry


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu entries this user may open, for the base layout."""
    return {
        "nav_items": nav_registry.items_for(request.user),
        "garda_debug": settings.DEBUG,
    }
