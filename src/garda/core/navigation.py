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
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
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


@dataclass
class MenuEntry:
    """One entry of the bar: a group with its items (a dropdown), or a lone item's link."""

    group: NavGroup
    items: list[NavItem] = field(default_factory=list)
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


def menu_for(user: object, *, path: str = "") -> list[MenuEntry]:
    """The bar for `user`: its groups in order, each with the entries the user may open;
    the group holding `path` (the page shown) is marked active."""
    entries: dict[str, MenuEntry] = {}
    for item in items_for(user):
        entry = entries.setdefault(item.group.key, MenuEntry(item.group))
        entry.items.append(item)
        entry.active = entry.active or item.url == path
    return list(entries.values())
