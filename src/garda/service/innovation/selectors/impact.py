"""The measured impact of an innovation: each measure it is tied to, before and after its
go-live date, with the bootstrap interval (bootstrap.py). Results are plain dicts so they
can be cached and served by page, API and export alike."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from garda.core.cache import PUBLIC, cached
from garda.service.innovation.bootstrap import compare, window_for
from garda.service.innovation.measures import measure_get
from garda.service.innovation.models import ImpactLink, Innovation

CACHE_SECONDS = 600  # queue history changes every minute, a before/after hardly at all


def _number(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _span(start: dt.date, end: dt.date) -> str:
    if end < start:
        return "-"
    return f"{date_format(start, 'j F Y')} - {date_format(end, 'j F Y')}"


def impact_compute(link: ImpactLink, *, today: dt.date | None = None) -> dict[str, Any]:
    """One link's comparison, computed now (no cache)."""
    measure = measure_get(link.measure)
    today = today or timezone.localdate()
    if measure is None:
        return {"measure": link.measure, "label": link.measure, "known": False}
    window = window_for(
        go_live=link.go_live, window_days=link.window_days, today=today, weekly=measure.weekly
    )
    if window.days <= 0:
        before = after = []
    else:
        before = measure.source(link.unit_id, window.before_start, window.before_end)
        after = measure.source(link.unit_id, window.after_start, window.after_end)
    result = compare(measure, before, after, window)
    return {
        "measure": measure.key,
        "label": str(measure.label),
        "description": str(measure.description),
        "known": True,
        "go_live": link.go_live.isoformat(),
        "dates": {
            "go_live": date_format(link.go_live, "j F Y"),
            "before": _span(window.before_start, window.before_end),
            "after": _span(window.after_start, window.after_end),
        },
        "unit": link.unit_id,
        "before_start": window.before_start.isoformat(),
        "before_end": window.before_end.isoformat(),
        "after_start": window.after_start.isoformat(),
        "after_end": window.after_end.isoformat(),
        "days": max(0, window.days),
        "n_before": result.n_before,
        "n_after": result.n_after,
        "weeks_before": result.weeks_before,
        "weeks_after": result.weeks_after,
        "thin": result.thin,
        "weekly": measure.weekly,
        "figures": [
            {
                "key": f.figure.key,
                "label": str(f.figure.label),
                "unit": str(f.figure.unit),
                "lower_is_better": f.figure.lower_is_better,
                "before": _number(f.before),
                "after": _number(f.after),
                "difference": _number(f.difference),
                "ci_low": _number(f.low),
                "ci_high": _number(f.high),
                "verdict": "thin" if result.thin else f.verdict,
            }
            for f in result.figures
        ],
    }


def impacts_of(innovation: Innovation, *, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every tied measure's comparison, cached a few minutes per link and day (the same for
    every viewer: figures are aggregates of the unit)."""
    today = today or timezone.localdate()
    found = []
    for link in innovation.impact_links.all():
        parts = ("innovation-impact", link.pk, link.updated_at.isoformat(), today.isoformat())
        found.append(
            cached(PUBLIC, parts, partial(impact_compute, link, today=today), timeout=CACHE_SECONDS)
        )
    return found
