"""Replacing a booking code that was exposed: audit entries of version 1 published ticket
booking codes (core/audit/credentials.py). A code that appeared there and still opens a ticket
(active, for today or later) is replaced, and the holder told by the ticket's own contact."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import credential_replace
from garda.core.models import User
from garda.queueing.models import ACTIVE_STATUSES, Ticket
from garda.queueing.notify import adapters
from garda.queueing.services.intake import new_booking_code


@transaction.atomic
def ticket_booking_code_rotate(
    *, actor: User | None, ticket_id: int, exposed: frozenset[str]
) -> bool:
    """Give the ticket a new booking code if its current one is among `exposed` and still
    opens something; answers whether it did. The old code stops working at commit."""
    locked = Ticket.objects.select_for_update().select_related("poli", "facility")
    ticket = locked.filter(pk=ticket_id).first()
    if (
        ticket is None
        or ticket.booking_code not in exposed
        or ticket.status not in ACTIVE_STATUSES
        or ticket.service_date < timezone.localdate()
    ):
        return False
    code = credential_replace(
        ticket, field="booking_code", make=new_booking_code, actor=actor,
        action="queue.ticket.code_rotate",
    )  # fmt: skip
    text = (
        f"Garda: demi keamanan, kode booking antrean {ticket.display_number} di "
        f"{ticket.facility.name} ({ticket.service_date:%d-%m-%Y}) diganti menjadi {code}. "
        "Kode lama tidak berlaku lagi."
    )
    transaction.on_commit(lambda: _tell(ticket, text))
    return True


def _tell(ticket: Ticket, text: str) -> None:
    for adapter in adapters():
        try:
            adapter.send(ticket, text)
        except Exception:  # noqa: S112  # one channel failing must not stop the others
            continue
