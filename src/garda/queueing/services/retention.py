"""Forgetting patients: personal fields of tickets older than the retention period (the
`retention_days` QueueParameter, default 90) are emptied; numbers, times, poli, channel and
priority group stay, so statistics remain and identify no one."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.queueing.models import QueueParameter, Ticket

DEFAULT_RETENTION_DAYS = 90


def retention_days() -> int:
    row = QueueParameter.objects.filter(key="retention_days").first()
    return row.value if row else DEFAULT_RETENTION_DAYS


@transaction.atomic
def purge_personal_data(*, today: dt.date | None = None) -> int:
    """Empty the personal fields of tickets whose service date is older than the retention
    period; returns how many tickets were purged (0 on a second run the same day)."""
    cutoff = (today or timezone.localdate()) - dt.timedelta(days=retention_days())
    blank = dict.fromkeys(Ticket.personal_fields, "")
    purged = Ticket.objects.filter(service_date__lt=cutoff, purged_at__isnull=True).update(
        purged_at=timezone.now(), **blank
    )
    audit_record(
        actor=None,
        action="queue.ticket.purge",
        object_type="queueing.ticket",
        object_label=f"sebelum {cutoff.isoformat()}",
        after={"tickets": purged, "cutoff": cutoff.isoformat()},
    )
    return purged
