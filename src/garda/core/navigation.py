"""The menu: each app registers its entries once, with the access that opens them; the
base layout shows a user only the entries it may open."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from garda.core.permissions import Access


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    access: Access
    icon: str = ""
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_registry: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if item not in _registry:
            _registry.append(item)


def items_for(user: object) -> list[NavItem]:
    return sorted(
        (item for item in _registry if item.access.allows(user)), key=lambda item: item.order
    )
