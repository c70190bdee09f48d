"""Events about the unit tree, for higher apps that keep figures per subtree (the JP
compliance counts): published inside the writing transaction (core.events)."""

from __future__ import annotations

from dataclasses import dataclass

from garda.core.events import EventChannel

MOVED = "moved"


@dataclass(frozen=True)
class UnitMoved:
    """`unit_id` (with its whole subtree) now hangs at `new_path`, no longer at `old_path`."""

    unit_id: int
    old_path: str
    new_path: str


units: EventChannel[UnitMoved] = EventChannel("unit", frozenset({MOVED}))
