"""Events about employees, for higher apps that count them by unit (the JP compliance counts
kept by `learning.ledger`): published inside the writing transaction (core.events), so what
a listener writes commits or rolls back with the registry's change.

`PLACED`: employees came into being or changed unit, kind (PNS/PPPK) or status — the three
things that decide where and whether an employee is counted. Every write of those fields
publishes it (`tests/test_placement_events.py` reads the source to hold that)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from garda.core.events import EventChannel

PLACED = "placed"
PLACEMENT_FIELDS = ("unit_id", "kind", "status")


@dataclass(frozen=True)
class Placement:
    unit_id: int
    kind: str
    status: str

    @classmethod
    def of(cls, values: Any) -> Placement:
        """From an employee, or from a mapping holding the three fields."""
        if isinstance(values, dict):
            return cls(values["unit_id"], values["kind"], values["status"])
        return cls(values.unit_id, values.kind, values.status)


@dataclass(frozen=True)
class PlacementChange:
    """`before` is None for a new employee."""

    employee_id: int
    before: Placement | None
    after: Placement | None


placements: EventChannel[Sequence[PlacementChange]] = EventChannel("employee", frozenset({PLACED}))


def announce(changes: Sequence[PlacementChange]) -> None:
    """Publish the changes that really move an employee (none: nothing is published)."""
    moved = [c for c in changes if c.before != c.after]
    if moved:
        placements.publish(PLACED, moved)
