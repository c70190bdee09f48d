"""The suggestions' data version ("skm-suggestions" in core's one data-version table).

The home page counts the suggestions nobody has answered yet (core.home). An answer by staff
bumps it, so the one who answered sees the count drop on their next request. A suggestion
arriving with a survey answer does not: the answer path is the one a whole waiting room
takes at once, and a shared version row updated by every answer would make them queue on it
(issue 15's target), so a new suggestion shows within CACHE_SECONDS."""

from __future__ import annotations

from garda.core.dataversion import data_version_bump

NAME = "skm-suggestions"
CACHE_SECONDS = 60


def bump() -> None:
    data_version_bump(name=NAME)
