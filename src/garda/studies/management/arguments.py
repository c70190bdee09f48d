"""Arguments the studies commands share."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError


def iso_date(text: str) -> dt.date:
    """YYYY-MM-DD, or a CommandError (a non-zero exit) naming what was given."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Tanggal tidak valid (YYYY-MM-DD): {text!r}") from error
