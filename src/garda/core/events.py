"""In-process events, the one way a lower app tells higher ones that something happened.

A lower layer may not import a higher one (the import-linter contracts in pyproject.toml), so
when the queue issues a ticket or a training batch changes cost, the lower app publishes an
event and whichever higher app cares subscribes from its `AppConfig.ready()`. Publishing
happens inside the writer's transaction: what a listener writes commits or rolls back with it,
and a listener that talks to the outside world defers that with `transaction.on_commit`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class EventChannel(Generic[T]):
    """Named kinds of event about one kind of subject (a ticket, a batch)."""

    def __init__(self, name: str, kinds: frozenset[str]) -> None:
        self.name = name
        self.kinds = kinds
        self._listeners: list[Callable[[str, T], None]] = []

    def subscribe(self, listener: Callable[[str, T], None]) -> None:
        """Register once (e.g. from an AppConfig.ready); a second registration is ignored."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[str, T], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def publish(self, kind: str, subject: T) -> None:
        """Tell every listener; an exception in a listener rolls back the caller's transaction."""
        if kind not in self.kinds:
            raise ValueError(f"unknown {self.name} event {kind!r}")
        for listener in list(self._listeners):
            listener(kind, subject)
