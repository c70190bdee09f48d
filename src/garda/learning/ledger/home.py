"""What the home page shows of the JP ledger (core.home): the ASN's JP this year against the
target, and the submissions an admin has to verify."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from garda.core.models import User
from garda.learning.ledger import policy, selectors


def submissions_waiting_count(user: User) -> int:
    return selectors.submissions_to_verify(user=user).count()


def panel(user: User) -> Mapping[str, Any] | None:
    employee = policy.own_employee(user)
    if employee is None:
        return None
    return {"progress": selectors.progress_of(employee=employee, year=timezone.localdate().year)}
