"""Claiming a ticket's "your turn is near" notice: the one write of notify.py's check."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.queueing.models import Ticket


@transaction.atomic
def ticket_notice_claim(*, ticket: Ticket) -> bool:
    """Mark the ticket notified with one conditional UPDATE (notified_at from NULL to now), so
    of two workers checking the same poli only one sends; False when another got there first."""
    claimed = Ticket.objects.filter(pk=ticket.pk, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if claimed:
        audit_record(actor=None, action="queue.ticket.notify", target=ticket)
    return bool(claimed)
