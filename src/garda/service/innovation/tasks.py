"""Background entry points of the innovation app: load, call a service."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from garda.service.innovation import services


@task()
def activity_checks_yearly_task() -> int:
    """Each January (cron or timer): ask "masih berjalan?" of every innovation in trial or
    application; idempotent for the year."""
    return services.activity_checks_open(actor=None, year=timezone.localdate().year)
