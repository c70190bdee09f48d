from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from garda.core.csrf import PageToken


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Layout flags. The menu itself is drawn by `{% nav_menu %}` (core/templatetags/
    garda_menu.py), only where a template shows it: a panel or include rendered with the
    request runs the context processors again and needs no menu."""
    del request
    return {"garda_debug": settings.DEBUG}


def csrf(request: HttpRequest) -> dict[str, Any]:
    """`csrf_token` as Django's own processor gives it, masked faster (core.csrf). Listed
    after Django's built-in one, whose key it replaces: settings' processors run last."""
    return {"csrf_token": PageToken(request)}
