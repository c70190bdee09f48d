"""The audit trail: RFC 9162 hashing, signed heads, and tampering by direct SQL."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from garda.core.audit import sequencer
from garda.core.audit.merkle import leaf_hash, merkle_root, node_hash
from garda.core.audit.models import AuditEntry
from garda.core.audit.sequencer import audit_number_pending
from garda.core.audit.services import audit_record, snapshot
from garda.core.audit.tree import audit_verify, tree_head_sign
from garda.core.org.services import unit_create
from garda.core.testing import UnitFactory, make_user


def _reference_root(leaves: list[bytes]) -> bytes:
    """RFC 9162 section 2.1.1 as written: split at the largest power of two below n."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(_reference_root(leaves[:k]), _reference_root(leaves[k:]))


@given(st.lists(st.binary(max_size=8), max_size=70))
@settings(max_examples=200)
def test_merkle_root_matches_rfc9162_definition(items: list[bytes]) -> None:
    leaves = [leaf_hash(item) for item in items]
    assert merkle_root(leaves) == _reference_root(leaves)


def test_known_vectors() -> None:
    # Empty tree: SHA-256 of the empty string (RFC 9162 2.1.1).
    assert merkle_root([]).hex() == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    # Leaf hash of the empty leaf: SHA-256(0x00).
    assert leaf_hash(b"").hex() == (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    )


def _make_history(n: int = 6) -> None:
    for i in range(n):
        UnitFactory(code=f"A{i}", name=f"Unit {i}")
    # The test's transaction never commits, so the sequencer is run here.
    audit_number_pending()


def _verify_fails_at(seq: int) -> str:
    report = audit_verify()
    assert not report.ok
    assert report.first_bad_seq == seq, report.problems
    return " ".join(report.problems)


@pytest.mark.django_db
def test_untouched_log_verifies_and_command_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    _make_history()
    tree_head_sign()
    _make_history_more = UnitFactory(code="B1")
    assert _make_history_more.pk
    tree_head_sign()
    report = audit_verify()
    assert report.ok, report.problems
    assert report.entries == 7
    assert report.heads == 2
    call_command("audit_verify")
    assert "OK: 7 entri" in capsys.readouterr().out


@pytest.mark.django_db
def test_altered_entry_is_named() -> None:
    _make_history()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET object_label = %s WHERE seq = %s", ["Diubah", 3])
    assert "#3 diubah" in _verify_fails_at(3)
    with pytest.raises(CommandError, match="#3"):
        call_command("audit_verify")


@pytest.mark.django_db
def test_deleted_entry_is_named() -> None:
    _make_history()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = %s", [4])
    assert "#4 hilang" in _verify_fails_at(4)


@pytest.mark.django_db
def test_reordered_entries_are_named() -> None:
    _make_history()
    with connection.cursor() as cursor:
        # Swap the contents of #2 and #5 by swapping their numbers (through a free number).
        cursor.execute("UPDATE core_auditentry SET seq = -1 WHERE seq = 2")
        cursor.execute("UPDATE core_auditentry SET seq = 2 WHERE seq = 5")
        cursor.execute("UPDATE core_auditentry SET seq = 5 WHERE seq = -1")
    _verify_fails_at(2)


@pytest.mark.django_db
def test_rewrite_with_fresh_hashes_is_caught_by_signed_head() -> None:
    _make_history()
    tree_head_sign()
    entry = AuditEntry.objects.get(seq=2)
    entry.object_label = "Ditulis ulang"
    entry.leaf_hash = entry.compute_leaf_hash()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET object_label = %s, leaf_hash = %s WHERE seq = 2",
            [entry.object_label, entry.leaf_hash],
        )
    report = audit_verify()
    assert not report.ok
    assert any("akar pohon berukuran 6" in p for p in report.problems)


@pytest.mark.django_db
def test_truncated_tail_after_signed_head_is_caught() -> None:
    _make_history()
    tree_head_sign()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq >= 5")
        cursor.execute("UPDATE core_auditcounter SET last_seq = 4")
    _verify_fails_at(5)


@pytest.mark.django_db
def test_forged_head_signature_is_caught() -> None:
    _make_history(2)
    head = tree_head_sign()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_signedtreehead SET signature = %s WHERE id = %s",
            ["00" * 64, head.pk],
        )
    report = audit_verify()
    assert any("tanda tangan" in p for p in report.problems)


@pytest.mark.django_db
def test_entry_written_by_service_masks_personal_fields() -> None:
    user = make_user(username="pemilik", nip="199003152015032001", email="nurul@contoh.id")
    data = snapshot(user, ["username", "nip", "email"])
    assert data == {
        "username": "pemilik",
        "nip": "**************2001",
        "email": "n***@contoh.id",
    }
    unit = unit_create(actor=user, code="X1", name="Bidang X", kind="bidang")
    entry = AuditEntry.objects.get(object_type="core.unit", object_id=str(unit.pk))
    assert entry.action == "unit.create"
    assert entry.actor_id == user.pk
    assert entry.after["name"] == "Bidang X"


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction() -> None:
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="uji")


@pytest.mark.django_db
def test_failed_service_leaves_no_entry() -> None:
    UnitFactory(code="DUP")
    before = AuditEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017, PT011  # the service's own error type
        unit_create(actor=None, code="DUP", name="Lagi", kind="opd")
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_get_gap_free_numbers() -> None:
    """Eight threads writing at once, each write committed and numbered after commit by
    whichever writer holds the sequencer: numbers 1..N, no gap, no duplicate, each entry
    hashed with its number, the log verifies and a signed head covers it all."""
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(5):
                with transaction.atomic():
                    audit_record(actor=None, action="uji.paralel", object_id=f"{worker}-{i}")
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # A writer that found the sequencer busy leaves its entry to the holder, which looks
    # again after releasing; the holder bounds its rounds, and what the last one leaves
    # is the signer loop's: a handful at most.
    assert audit_number_pending() <= 8
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 41))
    assert audit_verify().ok
    assert tree_head_sign().tree_size == 40


@pytest.mark.django_db(transaction=True)
def test_committed_entry_is_numbered_by_its_own_commit() -> None:
    with transaction.atomic():
        audit_record(actor=None, action="uji.satu", object_id="1")
        audit_record(actor=None, action="uji.satu", object_id="2")
        # Inside the transaction the entries are written, unnumbered.
        assert list(AuditEntry.objects.values_list("seq", "leaf_hash")) == [(None, "")] * 2
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [(e.seq, e.object_id) for e in entries] == [(1, "1"), (2, "2")]
    assert all(e.leaf_hash == e.compute_leaf_hash() for e in entries)


@pytest.mark.django_db(transaction=True)
def test_rolled_back_entry_never_takes_a_number() -> None:
    with transaction.atomic():
        audit_record(actor=None, action="uji.a")

    def failing_service() -> None:
        with transaction.atomic():
            audit_record(actor=None, action="uji.batal")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_service()
    with transaction.atomic():
        audit_record(actor=None, action="uji.b")
    rows = list(AuditEntry.objects.order_by("seq").values_list("seq", "action"))
    assert rows == [(1, "uji.a"), (2, "uji.b")]


@pytest.mark.django_db
def test_signing_numbers_waiting_entries_and_none_lands_below_a_head() -> None:
    for i in range(3):
        UnitFactory(code=f"S{i}")
    assert AuditEntry.objects.filter(seq__isnull=True).count() == 3
    head = tree_head_sign()
    assert head.tree_size == 3
    assert not AuditEntry.objects.filter(seq__isnull=True).exists()
    UnitFactory(code="S9")  # written after the head: numbered above it, whenever numbered
    assert audit_number_pending() == 1
    newest = AuditEntry.objects.order_by("-id").first()
    assert newest is not None
    assert newest.seq == 4
    assert tree_head_sign().tree_size == 4
    assert audit_verify().ok


@pytest.mark.django_db
def test_unnumbered_entry_cannot_hide_a_numbered_one() -> None:
    """Setting a numbered entry's seq back to NULL (to have it renumbered, or to hide it)
    leaves a hole that verify names."""
    _make_history()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET seq = NULL WHERE seq = 2")
    assert "#2 hilang" in _verify_fails_at(2)


@pytest.mark.django_db(transaction=True)
def test_the_servers_sequencer_thread_numbers_after_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the server (garda/wsgi.py) a commit only wakes the process's sequencer thread."""
    monkeypatch.setattr(sequencer, "_background", True)
    for i in range(3):
        with transaction.atomic():
            audit_record(actor=None, action="uji.latar", object_id=str(i))
    deadline = time.monotonic() + 20
    while AuditEntry.objects.filter(seq__isnull=True).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    rows = list(AuditEntry.objects.order_by("seq").values_list("seq", "object_id"))
    assert rows == [(1, "0"), (2, "1"), (3, "2")]
    assert audit_verify().ok
