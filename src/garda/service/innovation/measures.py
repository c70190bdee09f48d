"""The registry of measures an innovation can be tied to.

A measure answers, for a unit (and its subtree) and a span of dates, its observations: one
(day, value) pair per ticket, request, answer or employee. Its figures say how those values
are summarised (a mean, a share at most a threshold, a quantile). Any app above `innovation`
(or this app's `measures_builtin`) adds one with `measure_register`; nothing else changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from django.utils.functional import Promise

Observations = list[tuple[dt.date, float]]
# (unit id, first day, last day) -> observations; both days inclusive.
Source = Callable[[int, dt.date, dt.date], Observations]


@dataclass(frozen=True)
class Figure:
    """One summary of a measure's values.

    kind "mean": the mean x `scale` (a 0/1 value with scale 100 is a percentage);
    "at_most": the share (%) of values at most `threshold()`;
    "quantile": the `share` quantile, read from bins `resolution` wide."""

    key: str
    label: str | Promise
    kind: Literal["mean", "at_most", "quantile"]
    unit: str | Promise
    lower_is_better: bool
    scale: float = 1.0
    share: float = 0.9
    threshold: Callable[[], float] | None = None
    resolution: float = 1.0


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    description: str | Promise
    source: Source
    figures: tuple[Figure, ...]
    # Weekly rhythm (a puskesmas is busier on Mondays): sides are whole weeks and days are
    # resampled within their weekday.
    weekly: bool
    needs: tuple[str, ...] = field(default_factory=tuple)


_MEASURES: dict[str, Measure] = {}


def measure_register(measure: Measure) -> None:
    """Add a measure (idempotent for the same key; apps call it from `ready()`)."""
    _MEASURES[measure.key] = measure


def measure_get(key: str) -> Measure | None:
    return _MEASURES.get(key)


def measures_all() -> list[Measure]:
    return [_MEASURES[key] for key in sorted(_MEASURES)]


def measure_choices() -> list[tuple[str, str]]:
    return [(m.key, str(m.label)) for m in measures_all()]
