"""Every write of this app lives in this package. `entries` was the app's services module;
its names stay importable from here, so `services.<name>(…)` call sites read as before."""

from garda.learning.ledger.services.entries import (
    CHUNK,
    MAX_JP_PER_ENTRY,
    EntryDraft,
    Group,
    Recorded,
    chunks,
    create_entry,
    ledger_entries_record,
    ledger_record_training,
    ledger_revoke,
    refresh_total,
    refresh_totals,
)

__all__ = [
    "CHUNK",
    "MAX_JP_PER_ENTRY",
    "EntryDraft",
    "Group",
    "Recorded",
    "chunks",
    "create_entry",
    "ledger_entries_record",
    "ledger_record_training",
    "ledger_revoke",
    "refresh_total",
    "refresh_totals",
]
