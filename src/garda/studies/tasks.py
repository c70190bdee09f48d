"""Background entry points of the studies app: load by id, call a service."""

from __future__ import annotations

from django_tasks import task

from garda.studies.emails import send_permit_email as send_permit_mail
from garda.studies.emails import send_step_email
from garda.studies.services.completion import bonds_close_served
from garda.studies.services.progress import reports_remind


@task()
def send_study_email(assignment_id: int, step: str) -> int:
    return send_step_email(assignment_id, step)


@task()
def remind_reports() -> int:
    """The daily run: remind before a semester report is due, escalate when it is late."""
    return reports_remind()


@task()
def close_served_bonds() -> int:
    """The daily run: a service bond whose end date has come closes as served."""
    return bonds_close_served()


@task()
def send_permit_email(permit_id: int, step: str) -> int:
    return send_permit_mail(permit_id, step)
