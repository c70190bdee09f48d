"""Booking codes never enter the public audit log (security issue, item 1), and codes that
entries of the first audit version published are replaced while they still open a ticket.

The attack, as the probe ran it: read a ticket's booking code from /audit/publik/entri/<seq>.json,
then cancel the ticket signed out with that code."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from garda.core.audit.credentials import MASK
from garda.core.audit.models import AuditEntry
from garda.core.audit.sequencer import audit_number_pending
from garda.core.audit.tree import tree_head_sign
from garda.core.identity import make_nik
from garda.queueing.models import Ticket
from garda.queueing.services import ticket_issue
from garda.queueing.testing import make_facility

pytestmark = pytest.mark.django_db


def _ticket(**contact: str) -> Ticket:
    facility = make_facility()
    ticket = ticket_issue(
        actor=None,
        poli_id=facility.polis.get(bpjs_code="001").pk,
        service_date=timezone.localdate(),
        channel="web",
        nik=make_nik(len(contact) + 7),
        **contact,
    )
    audit_number_pending()  # what the commit starts; the test's transaction never commits
    return ticket


def _public_entry(seq: int) -> bytes:
    tree_head_sign()
    response = Client().get(f"/audit/publik/entri/{seq}.json")
    assert response.status_code == 200
    return bytes(response.content)


def test_a_new_ticket_entry_holds_a_keyed_digest_not_the_code() -> None:
    ticket = _ticket()
    entry = AuditEntry.objects.get(action="queue.ticket.issue", object_id=str(ticket.pk))
    assert entry.version == 2
    assert entry.after["booking_code"].startswith("hmac:")
    published = _public_entry(entry.seq)
    assert ticket.booking_code.encode() not in published
    assert entry.compute_leaf_hash() == entry.leaf_hash  # and it verifies as written


def _as_version_1(entry: AuditEntry, code: str) -> AuditEntry:
    """An entry as Garda wrote it before version 2: the code in the clear."""
    entry.version = 1
    entry.after = {**entry.after, "booking_code": code}
    entry.leaf_hash = entry.compute_leaf_hash()
    AuditEntry.objects.filter(pk=entry.pk).update(
        version=1, after=entry.after, leaf_hash=entry.leaf_hash
    )
    return entry


def test_an_old_entry_is_published_masked_with_its_leaf_hash() -> None:
    ticket = _ticket()
    entry = AuditEntry.objects.get(action="queue.ticket.issue", object_id=str(ticket.pk))
    _as_version_1(entry, ticket.booking_code)
    document = json.loads(_public_entry(entry.seq))
    assert document["masked"] == ["after.booking_code"]
    assert document["entry"]["after"]["booking_code"] == MASK
    assert document["leaf_hash"] == entry.leaf_hash
    assert ticket.booking_code not in json.dumps(document)


def test_exposed_codes_still_valid_are_replaced_and_the_holder_told(
    django_capture_on_commit_callbacks: Any,
) -> None:
    today = _ticket(email="pasien@contoh.id")
    past = _ticket(phone="081234567890")
    Ticket.objects.filter(pk=past.pk).update(
        service_date=timezone.localdate() - dt.timedelta(days=1)
    )
    for ticket in (today, past):
        entry = AuditEntry.objects.get(action="queue.ticket.issue", object_id=str(ticket.pk))
        _as_version_1(entry, ticket.booking_code)
    old_code = today.booking_code
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit_rotate_exposed_codes")
    today.refresh_from_db()
    past.refresh_from_db()
    assert today.booking_code != old_code
    assert Ticket.objects.filter(booking_code=old_code).count() == 0  # the old code opens nothing
    assert (
        past.booking_code
        == AuditEntry.objects.get(action="queue.ticket.issue", object_id=str(past.pk)).after[
            "booking_code"
        ]
    )  # a ticket of an earlier day is left: its code opens nothing useful
    assert [m.to for m in mail.outbox] == [["pasien@contoh.id"]]
    assert today.booking_code in mail.outbox[0].body
    rotation = AuditEntry.objects.get(action="queue.ticket.code_rotate")
    assert rotation.after["booking_code"].startswith("hmac:")
    # Running it again changes nothing.
    call_command("audit_rotate_exposed_codes")
    assert Ticket.objects.get(pk=today.pk).booking_code == today.booking_code
