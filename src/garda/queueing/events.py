"""Lifecycle events of tickets, for listeners in other parts of Garda (the Mobile JKN outbox,
notifications). Every lifecycle service publishes inside its transaction, so what a listener
writes to the database commits or rolls back with the ticket; listeners that talk to the
outside world must defer that with `transaction.on_commit`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from garda.core.events import EventChannel

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
channel: EventChannel[Ticket] = EventChannel("queue", KINDS)
subscribe = channel.subscribe
unsubscribe = channel.unsubscribe
publish = channel.publish
