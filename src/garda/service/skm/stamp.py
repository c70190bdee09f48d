"""SKM's data versions in core's one data-version table.

"skm-suggestions": the home page counts the suggestions nobody has answered yet (core.home).
An answer by staff bumps it, so the one who answered sees the count drop on their next
request. A suggestion arriving with a survey answer does not: the answer path is the one a
whole waiting room takes at once, and a shared version row updated by every answer would make
them queue on it (issue 15's target), so a new suggestion shows within CACHE_SECONDS.

"skm-surveys": the questionnaires kept per process (selectors.open_questionnaire): every
write to a survey (its open/closed state above all), to its extra elements, or to an
edition's elements bumps it, so the next answer in any process sees the change. Answers never
bump it, for the same reason as above."""

from __future__ import annotations

from garda.core.dataversion import data_version_bump

NAME = "skm-suggestions"
CACHE_SECONDS = 60
SURVEYS = "skm-surveys"


def bump() -> None:
    data_version_bump(name=NAME)


def bump_surveys() -> None:
    data_version_bump(name=SURVEYS)
