"""Dates written as people write them, in a language chosen by the caller: an error carries
its Indonesian and English text at once (core.errors), whatever language the request speaks."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, translation


def long_date(day: dt.date, *, language: str = "id") -> str:
    """ "17 Agustus 2026" (id) / "17 August 2026" (en)."""
    with translation.override(language):
        return formats.date_format(day, "j F Y")
