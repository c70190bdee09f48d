"""Every write of PPID: `requests` (submission to decision, objections, the daily run),
`catalogue` (the list of public information, the regulation's deadlines) and `codes`
(replacing an exposed tracking code). Callers keep writing
`services.<name>(…)`: the names are re-exported here."""

from garda.transparency.ppid.services.catalogue import (
    ITEM_FIELDS,
    information_item_create,
    information_item_update,
    regulation_parameter_set,
)
from garda.transparency.ppid.services.codes import request_tracking_code_rotate
from garda.transparency.ppid.services.requests import (
    PAPER_BACKDATE_DAYS,
    STATE_FIELDS,
    objection_decide,
    objection_file,
    request_decide,
    request_extend,
    request_process,
    request_record_paper,
    request_submit,
    requests_mark_overdue,
)

__all__ = [
    "ITEM_FIELDS",
    "PAPER_BACKDATE_DAYS",
    "STATE_FIELDS",
    "information_item_create",
    "information_item_update",
    "objection_decide",
    "objection_file",
    "regulation_parameter_set",
    "request_decide",
    "request_extend",
    "request_process",
    "request_record_paper",
    "request_submit",
    "request_tracking_code_rotate",
    "requests_mark_overdue",
]
