"""A unit's name as people read it: with the government it belongs to.

Eleven kabupaten/kota and the province each have a "Dinas Kesehatan" and a "Sekretariat
Daerah"; a list, a filter or a history that says only "Dinas Kesehatan" does not say whose.
Every instansi is a root of the tree (its id is the first one in a unit's `path`), so the
government of any unit is known from the path and a table of the twelve names.

The table is kept per process for a minute: the names are public, tiny and change perhaps
once in a decade (a renamed kabupaten), and a label is asked for on every row of every list,
where even a cache round trip per row would cost more than the page's own query."""

from __future__ import annotations

import threading
import time

from garda.core.org.models import Unit, UnitKind

GOVERNMENT_NAMES_SECONDS = 60.0

_lock = threading.Lock()
_names: dict[int, str] = {}
_loaded_at = float("-inf")


def government_names() -> dict[int, str]:
    """{instansi id: name} for every government in the tree."""
    global _names, _loaded_at
    with _lock:
        if time.monotonic() - _loaded_at > GOVERNMENT_NAMES_SECONDS:
            _names = dict(
                Unit.objects.filter(kind=UnitKind.INSTANSI, parent__isnull=True).values_list(
                    "pk", "name"
                )
            )
            _loaded_at = time.monotonic()
        return _names


def forget_government_names() -> None:
    """Drop the table (a government was added or renamed here; tests between databases)."""
    global _loaded_at
    with _lock:
        _loaded_at = float("-inf")


def on_unit_changed(sender: object, instance: Unit, **kwargs: object) -> None:
    if instance.kind == UnitKind.INSTANSI:
        forget_government_names()


def government_id_of(unit: Unit) -> int | None:
    return _root_of(unit.path)


def _root_of(path: str) -> int | None:
    first = path.strip("/").split("/", 1)[0]
    return int(first) if first.isdigit() else None


def unit_label(unit: Unit) -> str:
    """ "Dinas Kesehatan — Kabupaten Kerinci"; a government itself is named alone."""
    return unit_label_of(unit.pk, unit.name, unit.path)


def unit_label_of(pk: int, name: str, path: str) -> str:
    """`unit_label` from a unit's id, name and path read as plain values (a list's rows)."""
    root = _root_of(path)
    if root is None or root == pk:
        return name
    government = government_names().get(root)
    return f"{name} — {government}" if government else name
