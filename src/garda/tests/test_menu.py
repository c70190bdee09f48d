"""Menus are declared one way: each app's `nav.MENU`, found by core.navigation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from garda.core.navigation import NavItem, declared_items, menu_for
from garda.core.roles import Role
from garda.core.testing import make_user

SOURCE = Path(__file__).resolve().parents[1]


def test_every_app_menu_is_found_and_every_entry_resolves() -> None:
    items = declared_items()
    url_names = [item.url_name for item in items]
    assert len(url_names) == len(set(url_names)), "an entry is declared twice"
    # One entry of each app that has a menu: core, people, learning, ledger, queueing,
    # mobilejkn and transparency.
    for expected in ("core:profile", "people:employee_list", "learning:catalog",
                     "ledger:my_jp", "queueing:index", "mobilejkn:bridge_list",
                     "transparency:budget:index"):  # fmt: skip
        assert expected in url_names
    for item in items:
        assert reverse(item.url_name)


def test_menu_entries_are_built_only_in_nav_modules() -> None:
    """A NavItem made anywhere else would be a second way to register a menu."""
    outside = []
    for path in SOURCE.rglob("*.py"):
        if path.name == "nav.py" or "tests" in path.parts or path.name == "navigation.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == NavItem.__name__:
                outside.append(str(path.relative_to(SOURCE)))
    assert outside == []


@pytest.mark.django_db
def test_a_user_sees_only_the_entries_it_may_open() -> None:
    asn = make_user(role=Role.ASN)
    labels = {str(item.label) for entry in menu_for(asn) for item in entry.items}
    assert "Pelatihan Saya" in labels
    assert "Impor Anggaran" not in labels
