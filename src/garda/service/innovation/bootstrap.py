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
from collections.abc import Sequence
from dataclasses import dataclass

from garda.service.innovation.measures import Figure, Measure, Observations

RESAMPLES = 2000
SEED = 20260701  # fixed: a page shows the same interval every time
MIN_OBSERVATIONS = 30
MIN_WEEKS = 4
BRACKET = 8  # bins either side of the full sample's quantile tried first
REJECT = 255  # marks a random byte that would bias the draw
REJECT_BYTE = bytes([REJECT])


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
class Side:
    """One side's days, column-wise: per day its count, sum, count at most the threshold and,
    per bin, how many values fall in that bin or below (quantile figures only)."""

    days: list[dt.date]
    count: list[int]
    total: list[float]
    at_most: list[int]
    cumulative: list[list[int]]  # [bin][day]

    def statistic(
        self,
        figure: Figure,
        picked: Sequence[int],
        resolution: float,
        *,
        count: int | None = None,
        near: int | None = None,
    ) -> float | None:
        """The figure over the days `picked` (indices, repeats allowed). `count`: their
        number of values when already known; `near`: a bin to search around first."""
        if count is None:
            count = sum(map(self.count.__getitem__, picked))
        if not count:
            return None
        if figure.kind == "mean":
            return sum(map(self.total.__getitem__, picked)) / count * figure.scale
        if figure.kind == "at_most":
            return sum(map(self.at_most.__getitem__, picked)) * 100 / count
        return (self._quantile_bin(figure.share, picked, count, near) + 0.5) * resolution

    def _reaches(self, position: int, picked: Sequence[int], rank: int) -> bool:
        return sum(map(self.cumulative[position].__getitem__, picked)) >= rank

    def _quantile_bin(
        self, share: float, picked: Sequence[int], count: int, near: int | None
    ) -> int:
        """The first bin whose cumulative count reaches the nearest rank; a resample's bin
        lies near the full sample's, so that bracket is tried before the whole range."""
        rank = max(1, math.ceil(share * count))
        low, high = 0, len(self.cumulative) - 1
        if near is not None:
            below, above = max(0, near - BRACKET), min(high, near + BRACKET)
            if not self._reaches(below, picked, rank) and self._reaches(above, picked, rank):
                low, high = below + 1, above
        while low < high:
            middle = (low + high) // 2
            if self._reaches(middle, picked, rank):
                high = middle
            else:
                low = middle + 1
        return low


class Drawer:
    """Resampled day indices for one side: within each stratum, as many days as it has,
    drawn with replacement. Sides of up to 255 days draw bytes in bulk (one C call maps
    them to day indices and drops the values that would bias the draw); larger ones fall
    back to `Random.choices`."""

    def __init__(self, strata: list[list[int]], rng: random.Random) -> None:
        self.rng = rng
        self.strata = strata
        self.bulk = all(day < REJECT for group in strata for day in group)
        self.tables = []
        for group in strata:
            table = bytearray([REJECT]) * 256
            usable = 256 - 256 % len(group) if group else 0
            if self.bulk:
                for value in range(usable):
                    table[value] = group[value % len(group)]
            self.tables.append(bytes(table))

    def draw(self) -> Sequence[int]:
        if not self.bulk:
            return [day for group in self.strata for day in self.rng.choices(group, k=len(group))]
        parts = []
        for group, table in zip(self.strata, self.tables, strict=True):
            need = len(group)
            found = b""
            while len(found) < need:
                found += self.rng.randbytes(2 * need).translate(table).replace(REJECT_BYTE, b"")
            parts.append(found[:need])
        return b"".join(parts)


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


def _side(
    observations: Observations,
    keep: set[int] | None,
    threshold: float,
    bins: int,
    resolution: float,
    histogram: bool,
) -> Side:
    grouped: dict[dt.date, list[float]] = defaultdict(list)
    for day, value in observations:
        if keep is None or day.weekday() in keep:
            grouped[day].append(value)
    days = sorted(grouped)
    side = Side(days, [], [], [], [[] for _b in range(bins if histogram else 0)])
    for day in days:
        values = grouped[day]
        side.count.append(len(values))
        side.total.append(math.fsum(values))
        side.at_most.append(sum(1 for v in values if v <= threshold))
        if histogram:
            counts = [0] * bins
            for value in values:
                counts[min(bins - 1, max(0, int(value / resolution)))] += 1
            running = 0
            for position, count in enumerate(counts):
                running += count
                side.cumulative[position].append(running)
    return side


def compare(
    measure: Measure,
    before: Observations,
    after: Observations,
    window: Window,
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Comparison:
    figures = measure.figures
    threshold = next((f.threshold() for f in figures if f.threshold is not None), math.inf)
    histogram = any(f.kind == "quantile" for f in figures)
    resolution = min((f.resolution for f in figures if f.kind == "quantile"), default=1.0)
    top = max((v for _d, v in before + after), default=0.0)
    bins = int(top / resolution) + 2
    keep: set[int] | None = None
    if measure.weekly:
        keep = {d.weekday() for d, _v in before} & {d.weekday() for d, _v in after}
    sides = [_side(obs, keep, threshold, bins, resolution, histogram) for obs in (before, after)]
    # Strata: indices of the days of each weekday (or all days), resampled within themselves.
    strata: list[list[list[int]]] = []
    for side in sides:
        groups: dict[int, list[int]] = defaultdict(list)
        for position, day in enumerate(side.days):
            groups[day.weekday() if measure.weekly else 0].append(position)
        strata.append([groups[key] for key in sorted(groups)])
    n_before, n_after = (sum(side.count) for side in sides)
    if measure.weekly:
        weeks_before, weeks_after = (_weeks(side.days) for side in sides)
    else:
        weeks_before = weeks_after = window.days // 7
    thin = min(n_before, n_after) < MIN_OBSERVATIONS or min(weeks_before, weeks_after) < MIN_WEEKS
    everything = [list(range(len(side.days))) for side in sides]
    points = [
        [
            sides[0].statistic(f, everything[0], resolution),
            sides[1].statistic(f, everything[1], resolution),
        ]
        for f in figures
    ]
    draws: list[list[float]] = [[] for _f in figures]
    nears = [
        None
        if f.kind != "quantile" or a is None or b is None
        else (int(a / resolution), int(b / resolution))
        for f, (a, b) in zip(figures, points, strict=True)
    ]
    if not thin:
        rng = random.Random(seed)  # noqa: S311  # statistics, not secrets
        drawers = [Drawer(side_strata, rng) for side_strata in strata]
        for _i in range(resamples):
            picked = [drawer.draw() for drawer in drawers]
            counts = [
                sum(map(side.count.__getitem__, p)) for side, p in zip(sides, picked, strict=True)
            ]
            for position, figure in enumerate(figures):
                near = nears[position]
                a = sides[0].statistic(
                    figure, picked[0], resolution, count=counts[0], near=near[0] if near else None
                )
                b = sides[1].statistic(
                    figure, picked[1], resolution, count=counts[1], near=near[1] if near else None
                )
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
