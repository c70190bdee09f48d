"""Where the studies app reads the talent and competency records: discipline sanctions and
SKP (eligibility), talent box 7 and competency gaps (candidate flags). Each answer is None
while the app that keeps those records is not installed, and the callers list the check as
not done rather than guessing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from garda.studies.eligibility import Sanction


def sanctions_in_force(
    employee_ids: Sequence[int], on: dt.date
) -> dict[int, list[Sanction]] | None:
    return None


def skp_predicates(
    employee_ids: Sequence[int], years: Sequence[int]
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], bool]] | None:
    """(employee, year) -> predikat, and whether it is at least Baik."""
    return None


def box_seven(employee_ids: Sequence[int], year: int) -> set[int] | None:
    return None


def competency_gaps(employee_ids: Sequence[int]) -> set[int] | None:
    return None
