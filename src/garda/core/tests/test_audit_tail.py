"""The unsigned tail of the audit log is kept short and visible (security issue, item 7): the
newest entries, which no signed head covers yet, are signed automatically once there are
enough of them or they are old enough, and `audit_verify` says how many there are."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from garda.core.audit.models import AuditEntry, SignedTreeHead
from garda.core.audit.sequencer import audit_number_pending
from garda.core.audit.services import audit_record
from garda.core.audit.tree import audit_verify, tree_head_sign, tree_head_sign_if_due, unsigned_tail
from garda.core.testing import database_url_for_subprocess

pytestmark = pytest.mark.django_db


def _write(count: int) -> None:
    with transaction.atomic():
        for index in range(count):
            audit_record(actor=None, action="uji.tulis", object_type="uji", object_id=str(index))
    audit_number_pending()  # the test's own transaction never commits: number here


def test_a_short_young_tail_waits_and_a_long_one_is_signed() -> None:
    _write(3)
    assert unsigned_tail().entries == 3
    assert tree_head_sign_if_due(every_entries=5, every_seconds=600) is None
    _write(2)
    head = tree_head_sign_if_due(every_entries=5, every_seconds=600)
    assert head is not None
    assert head.tree_size == 5
    assert unsigned_tail().entries == 0
    assert tree_head_sign_if_due(every_entries=5, every_seconds=600) is None  # nothing new


def test_an_old_tail_is_signed_however_short() -> None:
    tree_head_sign()
    _write(1)
    later = timezone.now() + dt.timedelta(minutes=6)
    assert tree_head_sign_if_due(every_entries=300, every_seconds=300, now=later) is not None


def test_verify_reports_how_many_entries_no_head_covers(capsys: pytest.CaptureFixture[str]) -> None:
    _write(4)
    tree_head_sign()
    _write(3)
    report = audit_verify()
    assert report.ok
    assert (report.entries, report.unsigned) == (7, 3)
    call_command("audit_verify")
    assert "3 entri terbaru belum tercakup" in capsys.readouterr().out


def test_an_edit_in_the_tail_is_caught_once_the_tail_is_signed() -> None:
    """The attack: rewrite an unsigned entry with a fresh hash. It passes until a head covers
    that place; signing is then refused (the log no longer extends), or a head signed before
    the rewrite names it."""
    _write(2)
    head = tree_head_sign_if_due(every_entries=2, every_seconds=600)
    assert head is not None
    entry = AuditEntry.objects.get(seq=2)
    entry.action = "uji.dipalsukan"
    AuditEntry.objects.filter(pk=entry.pk).update(
        action=entry.action, leaf_hash=entry.compute_leaf_hash()
    )
    report = audit_verify()
    assert not report.ok
    assert any("2" in problem for problem in report.problems)


@pytest.mark.django_db(transaction=True)
def test_the_signer_loop_signs_and_stops_on_sigterm(settings: Any, tmp_path: Any) -> None:
    """`garda audit_sign_head --loop`, as `garda serve` starts it, on the test database."""
    _write(2)
    env = {
        **os.environ,
        "GARDA_AUDIT_SIGN_EVERY_ENTRIES": "1",
        "GARDA_DATA_DIR": str(tmp_path),  # its own signing key
        "DATABASE_URL": database_url_for_subprocess(),
    }
    loop = subprocess.Popen(  # our own command
        [sys.executable, "-m", "garda", "audit_sign_head", "--loop", "--interval", "0.5"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not SignedTreeHead.objects.exists():
            time.sleep(0.3)
        assert SignedTreeHead.objects.filter(tree_size=2).exists()
    finally:
        loop.send_signal(signal.SIGTERM)
        _out, err = loop.communicate(timeout=15)
    assert loop.returncode == 0, err.decode()
