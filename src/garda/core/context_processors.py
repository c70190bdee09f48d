from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from garda.core import navigation as nav_registry


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu entries this user may open, for the base layout."""
    # Error pages can render before the auth middleware ran (a refused Host header, say).
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "nav_menu": nav_registry.menu_for(user, path=request.path),
        "garda_debug": settings.DEBUG,
    }
