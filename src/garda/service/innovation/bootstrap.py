"""Before/after comparison of one measure with a bootstrap interval, in pure Python.

Observations are grouped by day and the day is what is resampled (a cluster bootstrap:
patients of one morning share the same queue, so their waits are not independent). For a
measure with a weekly rhythm only weekdays present on both sides are kept and days are
resampled within their weekday, so both sides keep the same mix of Mondays and Saturdays.
Each day is reduced once to its count, sum, count at most the threshold and cumulative
histogram; a resample then costs one pass over the drawn days (a binary search over the
bins for a quantile), which keeps a year of queue history well under a second.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass

from garda.service.innovation.measures import Figure, Measure, Observations

RESAMPLES = 2000
SEED = 20260701  # fixed: a page shows the same interval every time
MIN_OBSERVATIONS = 30
MIN_WEEKS = 4


@dataclass(frozen=True)
class Window:
    before_start: dt.date
    before_end: dt.date
    after_start: dt.date
    after_end: dt.date

    @property
    def days(self) -> int:
        return (self.after_end - self.after_start).days + 1


def window_for(*, go_live: dt.date, window_days: int, today: dt.date, weekly: bool) -> Window:
    """Equal spans each side of go-live: at most `window_days`, no later than yesterday,
    whole weeks when the measure has a weekly rhythm."""
    length = max(0, min(window_days, (today - go_live).days))
    if weekly:
        length -= length % 7
    return Window(
        before_start=go_live - dt.timedelta(days=length),
        before_end=go_live - dt.timedelta(days=1),
        after_start=go_live,
        after_end=go_live + dt.timedelta(days=length - 1),
    )


@dataclass
class Day:
    count: int
    total: float
    at_most: int
    cumulative: list[int]  # values in bins 0..b, per bin b (quantile figures only)


@dataclass(frozen=True)
class FigureResult:
    figure: Figure
    before: float | None
    after: float | None
    difference: float | None
    low: float | None
    high: float | None

    @property
    def verdict(self) -> str:
        """better / worse / unclear: does the interval exclude no change?"""
        if self.low is None or self.high is None:
            return "unclear"
        if self.low > 0 or self.high < 0:
            rose = self.low > 0
            return "worse" if rose == self.figure.lower_is_better else "better"
        return "unclear"


@dataclass(frozen=True)
class Comparison:
    window: Window
    n_before: int
    n_after: int
    weeks_before: int
    weeks_after: int
    thin: bool
    figures: list[FigureResult]


def _weeks(days: list[dt.date]) -> int:
    return len({d.isocalendar()[:2] for d in days})


def _reduce(
    observations: Observations, figures: tuple[Figure, ...], thresholds: dict[str, float],
    bins: int, resolution: float,
) -> dict[dt.date, Day]:  # fmt: skip
    grouped: dict[dt.date, list[float]] = defaultdict(list)
    for day, value in observations:
        grouped[day].append(value)
    want_histogram = any(f.kind == "quantile" for f in figures)
    threshold = next(iter(thresholds.values()), math.inf)
    days: dict[dt.date, Day] = {}
    for day, values in grouped.items():
        cumulative: list[int] = []
        if want_histogram:
            counts = [0] * bins
            for value in values:
                counts[min(bins - 1, max(0, int(value / resolution)))] += 1
            running = 0
            for count in counts:
                running += count
                cumulative.append(running)
        days[day] = Day(
            count=len(values),
            total=math.fsum(values),
            at_most=sum(1 for v in values if v <= threshold),
            cumulative=cumulative,
        )
    return days


def _statistic(figure: Figure, picked: list[Day], resolution: float) -> float | None:
    count = sum(d.count for d in picked)
    if not count:
        return None
    if figure.kind == "mean":
        return sum(d.total for d in picked) / count * figure.scale
    if figure.kind == "at_most":
        return sum(d.at_most for d in picked) * 100 / count
    rank = max(1, math.ceil(figure.share * count))
    low, high = 0, len(picked[0].cumulative) - 1
    while low < high:  # the first bin whose cumulative count reaches the rank
        middle = (low + high) // 2
        if sum(d.cumulative[middle] for d in picked) >= rank:
            high = middle
        else:
            low = middle + 1
    return (low + 0.5) * resolution


def compare(
    measure: Measure, before: Observations, after: Observations, window: Window,
    *, resamples: int = RESAMPLES, seed: int = SEED,
) -> Comparison:  # fmt: skip
    figures = measure.figures
    thresholds = {f.key: f.threshold() for f in figures if f.threshold is not None}
    resolution = min((f.resolution for f in figures if f.kind == "quantile"), default=1.0)
    top = max((v for _d, v in before + after), default=0.0)
    bins = int(top / resolution) + 2
    sides = [_reduce(obs, figures, thresholds, bins, resolution) for obs in (before, after)]
    if measure.weekly:
        common = {d.weekday() for d in sides[0]} & {d.weekday() for d in sides[1]}
        sides = [{d: v for d, v in side.items() if d.weekday() in common} for side in sides]
    strata: list[list[list[Day]]] = []
    for side in sides:
        groups: dict[int, list[Day]] = defaultdict(list)
        for day in sorted(side):
            groups[day.weekday() if measure.weekly else 0].append(side[day])
        strata.append([groups[key] for key in sorted(groups)])
    n_before, n_after = (sum(d.count for d in side.values()) for side in sides)
    if measure.weekly:
        weeks_before, weeks_after = (_weeks(list(side)) for side in sides)
    else:
        weeks_before = weeks_after = window.days // 7
    thin = (
        min(n_before, n_after) < MIN_OBSERVATIONS or min(weeks_before, weeks_after) < MIN_WEEKS
    )
    all_days = [[d for group in side for d in group] for side in strata]
    points = [
        [_statistic(f, all_days[0], resolution), _statistic(f, all_days[1], resolution)]
        for f in figures
    ]
    draws: list[list[float]] = [[] for _f in figures]
    if not thin:
        rng = random.Random(seed)  # noqa: S311  # statistics, not secrets
        for _i in range(resamples):
            picked = [
                [day for group in side for day in rng.choices(group, k=len(group))]
                for side in strata
            ]
            for position, figure in enumerate(figures):
                a = _statistic(figure, picked[0], resolution)
                b = _statistic(figure, picked[1], resolution)
                if a is not None and b is not None:
                    draws[position].append(b - a)
    results = []
    for figure, (a, b), diffs in zip(figures, points, draws, strict=True):
        diffs.sort()
        low = diffs[int(0.025 * len(diffs))] if diffs else None
        high = diffs[max(0, math.ceil(0.975 * len(diffs)) - 1)] if diffs else None
        difference = b - a if a is not None and b is not None else None
        results.append(FigureResult(figure, a, b, difference, low, high))
    return Comparison(window, n_before, n_after, weeks_before, weeks_after, thin, results)
