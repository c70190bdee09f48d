"""Every write of the queue, one module per concept:

- `issue`: taking a number (every channel);
- `lifecycle`: check in, call, recall, skip, return, start, finish, transfer, cancel, and
  opening a counter;
- `configure`: a facility's set-up and the province-wide parameters;
- `notice`: claiming a "your turn is near" notice;
- `retention`: purging patients' personal fields;
- `intake`: the checks before issuing and the poli's day counter that issuing and calling lock.

Callers write `from garda.queueing import services` and `services.ticket_issue(...)`: the
public services are re-exported here."""

from __future__ import annotations

from garda.queueing.services.configure import (
    facility_save,
    hours_set,
    notification_rule_set,
    parameter_set,
    part_delete,
    part_save,
)
from garda.queueing.services.issue import Issued, ticket_issue, ticket_take
from garda.queueing.services.lifecycle import (
    counter_call_next,
    counter_set_open,
    ticket_cancel,
    ticket_check_in,
    ticket_finish,
    ticket_recall,
    ticket_return,
    ticket_skip,
    ticket_start,
    ticket_transfer,
)
from garda.queueing.services.notice import ticket_notice_claim
from garda.queueing.services.retention import purge_personal_data, retention_days

__all__ = [
    "Issued",
    "counter_call_next",
    "counter_set_open",
    "facility_save",
    "hours_set",
    "notification_rule_set",
    "parameter_set",
    "part_delete",
    "part_save",
    "purge_personal_data",
    "retention_days",
    "ticket_cancel",
    "ticket_check_in",
    "ticket_finish",
    "ticket_issue",
    "ticket_notice_claim",
    "ticket_recall",
    "ticket_return",
    "ticket_skip",
    "ticket_start",
    "ticket_take",
    "ticket_transfer",
]
