"""What the budget portal hears from the apps below it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from garda.core.dataversion import data_version_bump

if TYPE_CHECKING:
    from garda.learning.models import Batch


def batch_funding_changed(kind: str, batch: Batch) -> None:
    """A batch paid from a budget line changed cost or participants: the cached public
    figures are stale from this transaction's commit on."""
    data_version_bump(name="budget")
