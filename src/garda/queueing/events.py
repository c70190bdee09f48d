"""Lifecycle events of tickets, for listeners in other parts of Garda (the Mobile JKN outbox,
notifications). Every lifecycle service publishes inside its transaction, so what a listener
writes to the database commits or rolls back with the ticket; listeners that talk to the
outside world must defer that with `transaction.on_commit`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from garda.queueing.models import Ticket

KINDS = frozenset(
    {
        "issued",
        "checked_in",
        "called",
        "serving",
        "done",
        "cancelled",
        "no_show",
        "recalled",
        "transferred",
    }
)

Listener = Callable[[str, "Ticket"], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Register once (e.g. from an AppConfig.ready); a second registration is ignored."""
    if listener not in _listeners:
        _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def publish(kind: str, ticket: Ticket) -> None:
    """Tell every listener; an exception in a listener rolls back the caller's transaction."""
    if kind not in KINDS:
        raise ValueError(f"unknown queue event {kind!r}")
    for listener in list(_listeners):
        listener(kind, ticket)
