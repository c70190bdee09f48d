from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Layout flags. The menu itself is drawn by `{% nav_menu %}` (core/templatetags/
    garda_menu.py), only where a template shows it: a panel or include rendered with the
    request runs the context processors again and needs no menu."""
    del request
    return {"garda_debug": settings.DEBUG}
