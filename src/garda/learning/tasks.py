"""Background entry points of the learning app: load by id, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def generate_certificates(job_id: int, batch_id: int) -> int:
    from garda.learning.services.certificates import certificates_render_batch

    return certificates_render_batch(job_id=job_id, batch_id=batch_id)


@task()
def send_reminders() -> int:
    """The daily run: remind due Kirkpatrick-3 follow-ups (at most weekly each)."""
    from garda.learning.services.results import reminders_send

    return reminders_send()
