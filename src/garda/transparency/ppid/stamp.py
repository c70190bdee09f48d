"""The PPID requests' data version ("ppid" in core's one data-version table).

The officer's home page counts the requests still open and those past their deadline
(ppid.home); both follow a request's status and deadline only. Every service that creates a
request or changes either calls `bump()` in its own transaction, so a count kept for an
officer (core.home) shows the change on the next request; the day is part of the key, so a
deadline passing at midnight shows too."""

from __future__ import annotations

from garda.core.dataversion import data_version_bump

NAME = "ppid"
CACHE_SECONDS = 300


def bump() -> None:
    data_version_bump(name=NAME)
