"""Every write of this app lives in this package. `enrolment` was the app's services module;
its names stay importable from here, so `services.<name>(…)` call sites read as before."""

from garda.learning.services.enrolment import (
    DOCUMENT_TYPES,
    MAX_DOCUMENT_BYTES,
    batch_is_open,
    budget_touch,
    document_check,
    document_upload,
    enrollment_approve,
    enrollment_cancel,
    enrollment_nominate,
    enrollment_refuse,
    enrollment_register,
    lock_batch,
    opd_of,
    promote_after_seat_change,
    seats_taken,
)

__all__ = [
    "DOCUMENT_TYPES",
    "MAX_DOCUMENT_BYTES",
    "batch_is_open",
    "budget_touch",
    "document_check",
    "document_upload",
    "enrollment_approve",
    "enrollment_cancel",
    "enrollment_nominate",
    "enrollment_refuse",
    "enrollment_register",
    "lock_batch",
    "opd_of",
    "promote_after_seat_change",
    "seats_taken",
]
