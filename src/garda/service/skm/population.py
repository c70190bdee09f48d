"""How many people a unit served in a period: the population of the minimum sample.

The queue (finished visits) and PPID (requests received) know it; a provider per source is
registered here, from this app's `ready()` (the apps below may not import this one). Another
service (a BKD counter with its own log) registers its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from garda.core.access import subtree_ids
from garda.core.models import Unit
from garda.queueing.models import Ticket, TicketStatus
from garda.transparency.ppid.models import InformationRequest

Counter = Callable[[Unit, dt.date, dt.date], int]
_counters: dict[str, Counter] = {}


def register_counter(name: str, counter: Counter) -> None:
    _counters[name] = counter


def unit_users(unit: Unit, start: dt.date, end: dt.date) -> dict[str, int]:
    """Users per source of `unit` and its subtree, `start`..`end` inclusive (zeros left out)."""
    counts = {name: counter(unit, start, end) for name, counter in sorted(_counters.items())}
    return {name: count for name, count in counts.items() if count}


def queue_visits(unit: Unit, start: dt.date, end: dt.date) -> int:
    return Ticket.objects.filter(
        facility__unit_id__in=subtree_ids(unit), status=TicketStatus.DONE,
        service_date__gte=start, service_date__lte=end,
    ).count()  # fmt: skip


def ppid_requests(unit: Unit, start: dt.date, end: dt.date) -> int:
    return InformationRequest.objects.filter(
        unit_id__in=subtree_ids(unit), received_on__gte=start, received_on__lte=end
    ).count()


def register_defaults() -> None:
    register_counter("queue", queue_visits)
    register_counter("ppid", ppid_requests)
