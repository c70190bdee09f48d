"""Background entry points of PPID: load by id, call a service."""

from __future__ import annotations

from django_tasks import task

from garda.transparency.ppid.emails import send_step_email
from garda.transparency.ppid.services import requests_mark_overdue


@task()
def send_request_email(request_id: int, step: str) -> int:
    return send_step_email(request_id, step)


@task()
def mark_overdue() -> int:
    """The daily run: flag requests and objections past their deadline (idempotent)."""
    return requests_mark_overdue()
