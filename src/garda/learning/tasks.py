"""Background entry points of the learning app: load by id, call a service."""

from __future__ import annotations

from django_tasks import task

from garda.learning.services.certificates import certificates_render_batch
from garda.learning.services.results import reminders_send


@task()
def generate_certificates(job_id: int, batch_id: int) -> int:

    return certificates_render_batch(job_id=job_id, batch_id=batch_id)


@task()
def send_reminders() -> int:
    """The daily run: remind due Kirkpatrick-3 follow-ups (at most weekly each)."""

    return reminders_send()
