"""The learning data version ("learning" in core's one data-version table).

The home page's learning panel (an ASN's registrations, sessions, open post-tests and
certificates) and the approvers' "waiting" count are cached per user under this version
(core.home). Every write to the records they are made from bumps it: `save()` and `delete()`
of those models through the signal receivers below; the one bulk write that can come alone
(a question bank replaced) calls `bump()` itself (approval steps are bulk-created with their
registration, whose save bumps in the same transaction). What changes with time alone (a
session that has begun, a post-test window) or outside learning (an employee moved) shows
within the cache's lifetime (`CACHE_SECONDS`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from garda.core.dataversion import data_version_bump

NAME = "learning"
CACHE_SECONDS = 60


def bump() -> None:
    """Mark learning as changed, inside the caller's transaction (or a short one of its own
    when a record is saved outside any, as fixtures and the demo seeding do)."""
    with transaction.atomic(savepoint=False):
        data_version_bump(name=NAME)


def _changed(sender: type, **kwargs: Any) -> None:
    del sender, kwargs
    bump()


def connect() -> None:
    """Called once from LearningConfig.ready()."""
    from garda.learning.models import (  # the app registry must be ready
        Batch,
        Certificate,
        Enrollment,
        EnrollmentApproval,
        Program,
        Question,
        Session,
        TestAttempt,
    )

    for model in (
        Program,
        Batch,
        Session,
        Enrollment,
        EnrollmentApproval,
        Certificate,
        Question,
        TestAttempt,
    ):
        uid = f"garda.learning.stamp:{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}:delete")
