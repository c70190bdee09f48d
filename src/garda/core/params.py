"""Numbers typed into query and form parameters, read one way everywhere.

`str.isdigit()` also accepts "²" and other digit-like characters that `int()` refuses, and
a value past a column's range makes the database raise instead of finding nothing; either was
a 500 (security issue, item 11). These answer None (or the default) for anything else."""

from __future__ import annotations

from django.utils import timezone

from garda.core.filters import MAX_ID


def number_from(raw: str | None, *, maximum: int) -> int | None:
    """A non-negative integer in ASCII digits up to `maximum`, or None."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if value <= maximum else None


def id_from(raw: str | None) -> int | None:
    """A row id (1 up to the id column's range), or None."""
    value = number_from(raw, maximum=MAX_ID)
    return value if value else None


def year_from(raw: str | None, *, earliest: int = 2000, latest: int = 2100) -> int:
    """A year in range, or this year."""
    value = number_from(raw, maximum=9999)
    if value is None or not earliest <= value <= latest:
        return timezone.localdate().year
    return value
