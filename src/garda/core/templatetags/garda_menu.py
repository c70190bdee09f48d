"""`{% nav_menu %}` (the bar of the base layout) and `{% menu_cards %}` (the home page's "all
menus"): the signed-in user's menu, rendered once per role, language and active entry in each
process (core.navigation.menu_html) instead of on every page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from garda.core import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_menu(context: template.Context) -> SafeString:
    return _menu(context, "core/_nav_menu.html")


@register.simple_tag(takes_context=True)
def menu_cards(context: template.Context) -> SafeString:
    return _menu(context, "core/_menu_cards.html")


def _menu(context: Any, template_name: str) -> SafeString:
    request = context.get("request")
    user = context.get("user")
    path = request.path if request is not None else ""
    return navigation.menu_html(template_name, user, path=path)
