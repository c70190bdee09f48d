"""Data migrations that bring stored identity numbers to their canonical form (decision 0010).

Each owning app's migration calls `canonicalise_field` for its own columns. A value whose
canonical form another row already holds (the same person stored twice, once in other digits)
is left as it is and reported with its primary key: which record is right is a person's call,
not a migration's, and a migration that merged or cancelled would do so without an audit
entry. New writes cannot create such pairs any more, since every path canonicalises first."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from garda.core.identity import canonical_digits, mask_identifier

logger = logging.getLogger("garda.migrations")

Conflict = Callable[[Any, Any, str], bool]  # (model, primary key, canonical value) -> collides


def unique_conflict(field: str) -> Conflict:
    """For a column unique on its own: another row already holds the canonical value."""

    def conflicts(model: Any, pk: Any, canonical: str) -> bool:
        return bool(model.objects.filter(**{field: canonical}).exclude(pk=pk).exists())

    return conflicts


def canonicalise_field(model: Any, field: str, *, conflicts: Conflict | None = None) -> list[Any]:
    """Rewrite every stored value of `model.field` that is not plain ASCII digits into its
    canonical form; return the primary keys left unchanged because of a collision."""
    max_length = model._meta.get_field(field).max_length
    rows = (
        model.objects.exclude(**{f"{field}__isnull": True})
        .exclude(**{f"{field}__regex": r"^[0-9]*$"})
        .values_list("pk", field)
    )
    skipped: list[Any] = []
    for pk, value in rows.iterator():
        canonical = canonical_digits(value)
        if canonical == value:
            continue
        if (max_length is not None and len(canonical) > max_length) or (
            conflicts is not None and conflicts(model, pk, canonical)
        ):
            skipped.append(pk)
            logger.warning(
                "%s.%s pk=%s (%s) left as stored: its canonical form collides or does not fit",
                model._meta.label,
                field,
                pk,
                mask_identifier(canonical),
            )
            continue
        model.objects.filter(pk=pk).update(**{field: canonical})
    return skipped
