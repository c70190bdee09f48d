"""What the home page shows of learning (core.home): approvals waiting for the user, and the
ASN's own next sessions, open tests and certificates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from garda.core.models import User
from garda.learning import selectors
from garda.learning.models import EnrollmentStatus, Session, TestKind
from garda.learning.services import results as results_services

UPCOMING_SESSIONS = 3


def approvals_waiting_count(user: User) -> int:
    return selectors.approvals_waiting(user=user).count()


def panel(user: User) -> Mapping[str, Any] | None:
    """None for a user without an employee record (an admin account of a unit)."""
    employee = selectors.employee_of(user)
    if employee is None:
        return None
    today = timezone.localdate()
    enrollments = list(
        selectors.my_enrollments(user=user).filter(
            status__in=[
                EnrollmentStatus.PENDING,
                EnrollmentStatus.APPROVED,
                EnrollmentStatus.WAITLISTED,
                EnrollmentStatus.COMPLETED,
            ]
        )[:50]
    )
    running = [
        e
        for e in enrollments
        if e.status == EnrollmentStatus.APPROVED and e.batch.ends_on >= today - dt.timedelta(days=7)
    ]
    sessions = list(
        Session.objects.filter(batch__in=[e.batch_id for e in running], ends_at__gte=timezone.now())
        .select_related("batch__program")
        .order_by("starts_at")[:UPCOMING_SESSIONS]
    )
    open_tests = [
        e
        for e in running
        if results_services.post_test_open(e, today=today)
        and not e.tests.filter(kind=TestKind.POST, passed=True).exists()
        and e.batch.program.questions.exists()
    ]
    return {
        "pending": [e for e in enrollments if e.status == EnrollmentStatus.PENDING],
        "sessions": sessions,
        "open_tests": open_tests,
        # A reverse one-to-one that is absent raises on access; hasattr asks without raising.
        "certificates": [
            e.certificate
            for e in enrollments
            if e.status == EnrollmentStatus.COMPLETED and hasattr(e, "certificate")
        ][:3],
    }
