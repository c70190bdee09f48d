"""Every write of the Mobile JKN bridge: `bridge` (credentials an admin sets, patients Mobile
JKN registers) and `outbox` (what the puskesmas owes BPJS: recorded with the ticket change,
delivered later, retried by an admin). The public services are re-exported here."""

from __future__ import annotations

from garda.queueing.mobilejkn.services.bridge import (
    bridge_set_credentials,
    bridge_set_outbound,
    patient_register,
)
from garda.queueing.mobilejkn.services.outbox import (
    outbox_deliver_due,
    outbox_retry,
    record_ticket_event,
    serving_mobilejkn,
)
from garda.queueing.mobilejkn.services.throttle import (
    auth_attempt_begin,
    auth_attempt_failed,
    auth_attempt_succeeded,
)

__all__ = [
    "auth_attempt_begin",
    "auth_attempt_failed",
    "auth_attempt_succeeded",
    "bridge_set_credentials",
    "bridge_set_outbound",
    "outbox_deliver_due",
    "outbox_retry",
    "patient_register",
    "record_ticket_event",
    "serving_mobilejkn",
]
