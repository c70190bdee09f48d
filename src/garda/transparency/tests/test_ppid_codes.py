"""PPID tracking codes never enter the public audit log, and codes that entries of the first
audit version published are replaced and the requester told (security issue, item 1: an
objection was filed on someone else's request with a code read from the log)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from garda.core.audit.models import AuditEntry
from garda.core.audit.sequencer import audit_number_pending
from garda.core.audit.tree import tree_head_sign
from garda.transparency.ppid.models import InformationRequest
from garda.transparency.ppid.testing import sample_request

pytestmark = pytest.mark.django_db


def test_a_new_request_entry_holds_a_keyed_digest_not_the_code() -> None:
    request = sample_request()
    entry = AuditEntry.objects.get(action="ppid.request.submit", object_id=str(request.pk))
    assert entry.after["tracking_code"].startswith("hmac:")
    assert request.tracking_code not in entry.canonical().decode()


def test_an_exposed_tracking_code_is_replaced_and_the_requester_told(
    django_capture_on_commit_callbacks: Any,
) -> None:
    request = sample_request()
    entry = AuditEntry.objects.get(action="ppid.request.submit", object_id=str(request.pk))
    entry.version = 1
    entry.after = {**entry.after, "tracking_code": request.tracking_code}
    entry.leaf_hash = entry.compute_leaf_hash()
    AuditEntry.objects.filter(pk=entry.pk).update(
        version=1, after=entry.after, leaf_hash=entry.leaf_hash
    )
    old = request.tracking_code
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit_rotate_exposed_codes")
    request.refresh_from_db()
    assert request.tracking_code != old
    assert not InformationRequest.objects.filter(tracking_code=old).exists()
    assert [message.to for message in mail.outbox] == [[request.email]]
    assert request.tracking_code in mail.outbox[0].body
    call_command("audit_rotate_exposed_codes")  # nothing more to replace
    assert InformationRequest.objects.get(pk=request.pk).tracking_code == request.tracking_code


def test_every_request_entry_is_labelled_without_its_code() -> None:
    """The request was named by its code in every entry about it (submit, process, decide…)."""
    request = sample_request()
    labels = AuditEntry.objects.filter(object_id=str(request.pk)).values_list(
        "object_label", flat=True
    )
    assert labels
    assert all(request.tracking_code not in label for label in labels)


def test_an_old_entry_named_by_its_code_is_published_masked() -> None:
    request = sample_request()
    audit_number_pending()  # what the commit starts; the test's transaction never commits
    entry = AuditEntry.objects.get(action="ppid.request.submit", object_id=str(request.pk))
    entry.version = 1
    entry.object_label = request.tracking_code  # as version 1 wrote it
    entry.leaf_hash = entry.compute_leaf_hash()
    AuditEntry.objects.filter(pk=entry.pk).update(
        version=1, object_label=entry.object_label, leaf_hash=entry.leaf_hash
    )
    tree_head_sign()
    body = Client().get(f"/audit/publik/entri/{entry.seq}.json").content.decode()
    assert request.tracking_code not in body
    assert "object_label" in body
