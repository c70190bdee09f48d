"""What the home page shows a PPID officer (core.home): the requests in its scope still
open, and those already past their deadline."""

from __future__ import annotations

from django.utils import timezone

from garda.core.models import User
from garda.transparency.ppid import selectors
from garda.transparency.ppid.models import RequestStatus


def requests_open_count(user: User) -> int:
    return selectors.request_list(user=user).exclude(status=RequestStatus.DECIDED).count()


def requests_overdue_count(user: User) -> int:
    return (
        selectors.request_list(user=user)
        .filter(selectors.overdue_filter(timezone.localdate()))
        .count()
    )
