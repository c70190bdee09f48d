"""The menu: each app declares its entries in its `nav` module as `MENU`, a tuple of `NavItem`
with the access that opens them and the group they belong to; core finds them in INSTALLED_APPS
order (it imports no app by name), and the base layout shows a user only what it may open.

Entries are grouped by the part of Garda they belong to, so that a provincial admin who may
open twenty pages sees five menus instead of a bar wider than the screen. A group in which
the user may open one entry only shows that entry as a plain link."""

from __future__ import annotations

import functools
import importlib
import importlib.util
from dataclasses import dataclass

from django.apps import apps
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from garda.core.permissions import Access


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise
    order: int


PEOPLE = NavGroup("kepegawaian", _("Kepegawaian"), 100)
LEARNING = NavGroup("pelatihan", _("Pelatihan"), 200)
SERVICES = NavGroup("layanan", _("Layanan Publik"), 300)
OPENNESS = NavGroup("keterbukaan", _("Keterbukaan"), 400)
SYSTEM = NavGroup("sistem", _("Sistem"), 900)


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    access: Access
    icon: str = ""
    order: int = 100
    group: NavGroup = SYSTEM

    @property
    def url(self) -> str:
        return _menu_url(self.url_name, get_script_prefix())


@functools.lru_cache(maxsize=1024)
def _menu_url(url_name: str, script_prefix: str) -> str:
    """A menu entry's URL: it takes no arguments, so it only changes with the script prefix.
    Every page's bar shows dozens of entries, each read more than once; reversing them all on
    every request was most of the shell's rendering time."""
    return reverse(url_name)


@dataclass(frozen=True)
class MenuLink:
    """One entry's label (lazy: translated when shown) and its reversed URL."""

    label: str | Promise
    url: str


@dataclass(frozen=True)
class MenuEntry:
    """One entry of the bar: a group with its items (a dropdown), or a lone item's link."""

    group: NavGroup
    items: tuple[MenuLink, ...]
    active: bool = False  # one of its items is the page being shown

    @property
    def label(self) -> str | Promise:
        return self.items[0].label if self.is_single else self.group.label

    @property
    def url(self) -> str:
        return self.items[0].url

    @property
    def is_single(self) -> bool:
        return len(self.items) == 1


@functools.cache
def declared_items() -> tuple[NavItem, ...]:
    """Every app's `nav.MENU`, read once per process (apps are loaded by then)."""
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.nav"
        if importlib.util.find_spec(name) is not None:
            items.extend(getattr(importlib.import_module(name), "MENU", ()))
    return tuple(items)


def items_for(user: object) -> list[NavItem]:
    return sorted(
        (item for item in declared_items() if item.access.allows(user)),
        key=lambda item: (item.group.order, item.order),
    )


@dataclass(frozen=True)
class _Asker:
    """All `Access.allows` reads of a user: the menu is a function of these three."""

    is_authenticated: bool
    is_superuser: bool
    role: str


@functools.lru_cache(maxsize=256)
def _groups_for(
    asker: _Asker, script_prefix: str
) -> tuple[tuple[NavGroup, tuple[MenuLink, ...]], ...]:
    """The bar of everyone who asks as `asker`, with every URL reversed: computed once per
    process and role (it used to cost ~2 ms of every page, reversing each URL three times).
    No record and no user of its own is in it, only the declared entries a role opens, so one
    role's entry can be shared by all its users; labels stay lazy (translated when shown)."""
    del script_prefix  # part of the key only: reverse() prepends it
    groups: dict[str, tuple[NavGroup, list[MenuLink]]] = {}
    for item in items_for(asker):
        groups.setdefault(item.group.key, (item.group, []))[1].append(
            MenuLink(item.label, item.url)
        )
    return tuple((group, tuple(links)) for group, links in groups.values())


def menu_for(user: object, *, path: str = "") -> list[MenuEntry]:
    """The bar for `user`: its groups in order, each with the entries the user may open;
    the group holding `path` (the page shown) is marked active."""
    return [
        MenuEntry(group, links, active=any(link.url == path for link in links))
        for group, links in _groups_for(_asker(user), get_script_prefix())
    ]


def _asker(user: object) -> _Asker:
    return _Asker(
        is_authenticated=bool(getattr(user, "is_authenticated", False)),
        is_superuser=bool(getattr(user, "is_superuser", False)),
        role=str(getattr(user, "role", "") or ""),
    )


def menu_html(template_name: str, user: object, *, path: str = "") -> SafeString:
    """`template_name` rendered with the bar of `user` (`nav_menu`) and the page shown
    (`active_path`: `path` when it is one of the bar's entries, "" otherwise)."""
    asker = _asker(user)
    prefix = get_script_prefix()
    urls = {link.url for _group, links in _groups_for(asker, prefix) for link in links}
    active = path if path in urls else ""
    return _rendered(template_name, asker, active, translation.get_language() or "", prefix)


@functools.lru_cache(maxsize=1024)
def _rendered(
    template_name: str, asker: _Asker, active: str, language: str, script_prefix: str
) -> SafeString:
    """Rendered once per process for each role, page of the bar and language (the active
    language is the one `render_to_string` translates into). The template gets no request
    and no user: nothing but the role's declared entries can end up in the kept HTML."""
    del language  # part of the key only
    entries = [
        MenuEntry(group, links, active=any(link.url == active for link in links))
        for group, links in _groups_for(asker, script_prefix)
    ]
    html = render_to_string(template_name, {"nav_menu": entries, "active_path": active})
    return mark_safe(html)  # noqa: S308  # rendered by the template engine, escaped there
