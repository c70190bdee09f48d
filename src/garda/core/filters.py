"""Filters shared by every app's FilterSets."""

from __future__ import annotations

import django_filters
from django import forms

# The largest id any supported database stores (64-bit signed); larger numbers would reach
# SQLite as an overflow error instead of a clear 400 answer.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)  # type: ignore[arg-type]  # forwarded form-field options


class IdFilter(django_filters.NumberFilter):
    """Filter by a record id, refusing values no database could hold."""

    field_class = IdField
