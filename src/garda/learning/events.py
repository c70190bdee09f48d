"""Events about training batches, for higher apps: the budget portal subscribes to
`funding_changed` (a batch's cost, participants or budget line changed, or the JP or title
of the program of a batch paid from a budget line) to mark its cached public figures stale,
without learning importing the budget app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from garda.core.events import EventChannel

if TYPE_CHECKING:
    from garda.learning.models import Batch

FUNDING_CHANGED = "funding_changed"
batch_events: EventChannel[Batch] = EventChannel("batch", frozenset({FUNDING_CHANGED}))
