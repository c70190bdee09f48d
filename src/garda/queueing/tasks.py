"""Background entry points of the queue: load by id, call a service."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from garda.queueing import notify, services


@task()
def notify_upcoming_task(poli_id: int, service_date: str) -> int:
    return notify.notify_upcoming(poli_id=poli_id, service_date=dt.date.fromisoformat(service_date))


@task()
def purge_personal_data_task() -> int:
    """The daily run: forget personal fields of tickets past the retention period."""
    return services.purge_personal_data()
