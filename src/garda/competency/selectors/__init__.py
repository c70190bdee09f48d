"""Reads of the competency app. Other apps (talent, studies) read through these names:
`gaps_for(employee_id)`, `jpm_for(employee_id)`, `history_for(employee_id)`,
`jpm_until(employee_ids, until)` and `proposals_for(employee)` (unscoped, after their own
scoped look-up of the employee)."""

from garda.competency.selectors.gaps import (
    GapRow,
    HistoryRow,
    Jpm,
    JpmAt,
    assessments_visible,
    band_tables,
    employee_visible,
    gaps_for,
    gaps_visible,
    history_for,
    jpm_for,
    jpm_until,
)
from garda.competency.selectors.plans import Proposal, plan_progress, proposals_for

__all__ = [
    "GapRow",
    "HistoryRow",
    "Jpm",
    "JpmAt",
    "Proposal",
    "assessments_visible",
    "band_tables",
    "employee_visible",
    "gaps_for",
    "gaps_visible",
    "history_for",
    "jpm_for",
    "jpm_until",
    "plan_progress",
    "proposals_for",
]
