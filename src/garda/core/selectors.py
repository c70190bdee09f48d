"""Reads with rules in the core app."""

from __future__ import annotations

from django.db.models import QuerySet

from garda.core.access import sees_everything
from garda.core.errors import NotFound
from garda.core.models import Job, User


def job_get(*, user: User, job_id: int) -> Job:
    """A job is its owner's; auditors and provincial admins may look at any."""
    jobs = Job.objects.all() if sees_everything(user) else Job.objects.filter(owner=user)
    job = jobs.filter(pk=job_id).first()
    if job is None:
        raise NotFound
    return job


def job_list(*, user: User) -> QuerySet[Job]:
    return Job.objects.filter(owner=user).order_by("-created_at")
