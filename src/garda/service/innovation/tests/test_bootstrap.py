"""The before/after engine on synthetic data: deterministic, honest about thin data, weekday
matched, and its interval covers a known difference."""

from __future__ import annotations

import datetime as dt
import random

from garda.service.innovation.bootstrap import compare, window_for
from garda.service.innovation.measures import Figure, Measure, Observations

MONDAY = dt.date(2026, 3, 2)


def _measure(*, weekly: bool = True) -> Measure:
    return Measure(
        key="uji",
        label="Uji",
        description="",
        source=lambda u, a, b: [],
        weekly=weekly,
        figures=(
            Figure("mean", "Rata-rata", "mean", "menit", lower_is_better=True),
            Figure("p90", "P90", "quantile", "menit", lower_is_better=True),
            Figure(
                "within", "<= 60", "at_most", "%", lower_is_better=False, threshold=lambda: 60.0
            ),
        ),
    )


def _days(
    start: dt.date, weeks: int, per_day: int, mean: float, seed: int, weekdays: range = range(6)
) -> Observations:
    rng = random.Random(seed)  # noqa: S311  # test data
    found: Observations = []
    for offset in range(weeks * 7):
        day = start + dt.timedelta(days=offset)
        if day.weekday() in weekdays:
            found.extend((day, rng.expovariate(1 / mean)) for _ in range(per_day))
    return found


def _window(weeks: int) -> tuple:
    go_live = MONDAY + dt.timedelta(weeks=weeks)
    window = window_for(
        go_live=go_live,
        window_days=weeks * 7,
        today=go_live + dt.timedelta(weeks=weeks),
        weekly=True,
    )
    return go_live, window


def test_window_is_equal_whole_weeks_and_stops_at_today() -> None:
    window = window_for(
        go_live=dt.date(2026, 7, 1), window_days=100, today=dt.date(2026, 8, 15), weekly=True
    )
    assert window.days == 42  # 45 days since go-live, cut to whole weeks
    assert window.before_end == dt.date(2026, 6, 30)
    assert (window.before_end - window.before_start).days + 1 == window.days
    assert (
        window_for(
            go_live=dt.date(2026, 7, 1), window_days=100, today=dt.date(2026, 8, 15), weekly=False
        ).days
        == 45
    )


def test_same_figures_twice_and_interval_covers_the_true_change() -> None:
    go_live, window = _window(8)
    before = _days(window.before_start, 8, 20, 50.0, 1)
    after = _days(go_live, 8, 20, 25.0, 2)
    measure = _measure()
    first = compare(measure, before, after, window)
    second = compare(measure, before, after, window)
    assert first == second
    assert not first.thin
    mean = first.figures[0]
    assert mean.low is not None
    assert mean.high is not None
    assert mean.difference is not None
    assert -32 < mean.difference < -18
    assert mean.low <= mean.difference <= mean.high < 0
    assert mean.verdict == "better"
    assert first.figures[2].verdict == "better"  # more called within 60 minutes


def test_no_change_is_unclear() -> None:
    go_live, window = _window(8)
    before = _days(window.before_start, 8, 20, 40.0, 3)
    after = _days(go_live, 8, 20, 40.0, 4)
    result = compare(_measure(), before, after, window)
    assert result.figures[0].verdict == "unclear"


def test_thin_below_30_observations_or_4_weeks() -> None:
    go_live, window = _window(8)
    few = compare(
        _measure(), _days(window.before_start, 8, 20, 50, 5), _days(go_live, 1, 4, 20, 6), window
    )
    assert few.thin
    assert few.n_after < 30
    assert all(f.low is None for f in few.figures)
    go_live, short = _window(3)
    weeks = compare(
        _measure(), _days(short.before_start, 3, 40, 50, 7), _days(go_live, 3, 40, 20, 8), short
    )
    assert weeks.thin
    assert weeks.n_after >= 30
    assert weeks.weeks_after == 3


def test_weekdays_missing_on_one_side_are_left_out() -> None:
    go_live, window = _window(6)
    before = _days(window.before_start, 6, 10, 50, 9)  # Monday..Saturday
    after = _days(go_live, 6, 10, 20, 10, weekdays=range(5))  # no Saturdays after
    result = compare(_measure(), before, after, window)
    assert result.n_before == 6 * 5 * 10  # Saturdays dropped on the before side too
    assert result.n_after == 6 * 5 * 10


def test_large_side_falls_back_to_choices() -> None:
    """More than 255 days on a side (not weekly): still a result, still deterministic."""
    start = dt.date(2024, 1, 1)
    go_live = start + dt.timedelta(days=300)
    window = window_for(
        go_live=go_live, window_days=300, today=go_live + dt.timedelta(days=300), weekly=False
    )
    before = [
        (window.before_start + dt.timedelta(days=i), 1.0 if i % 3 else 0.0) for i in range(300)
    ]
    after = [(go_live + dt.timedelta(days=i), 1.0 if i % 2 else 0.0) for i in range(300)]
    measure = Measure(
        "x",
        "x",
        "",
        lambda u, a, b: [],
        (Figure("rate", "r", "mean", "%", False, scale=100.0),),
        weekly=False,
    )
    one = compare(measure, before, after, window, resamples=200)
    assert one == compare(measure, before, after, window, resamples=200)
    assert one.figures[0].difference is not None
