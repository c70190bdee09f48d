"""`garda audit_verify --remote URL` against a live server, with the test's own database access
blocked while it runs: the verifier has HTTP and the public key, nothing else."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from garda.core.audit.models import AuditEntry, SignedTreeHead
from garda.core.audit.proofs import rebuild_stored_nodes, stored_root
from garda.core.audit.remote import RemoteReport, normalise_url, verify_remote
from garda.core.audit.services import audit_record, audit_record_many
from garda.core.audit.signing import key_id, load_private_key, public_key_pem
from garda.core.audit.tree import tree_head_sign
from garda.core.testing import UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


class DatabaseTouched(AssertionError):
    pass


@contextmanager
def no_database() -> Iterator[None]:
    """Fail any query made from this thread (the live server answers from its own)."""

    def refuse(*args: Any) -> None:
        raise DatabaseTouched("the remote verifier queried the database")

    with connection.execute_wrapper(refuse):
        yield


def _append(count: int) -> None:
    with transaction.atomic():
        audit_record_many(
            actor=None,
            entries=[{"action": "uji.remote", "object_id": str(i)} for i in range(count)],
        )


@pytest.fixture
def log() -> dict[str, Any]:
    """A log of 30 entries with four signed heads (sizes 1, 5, 16 and 30)."""
    UnitFactory(code="REM1", name="Bidang Jarak Jauh")
    tree_head_sign()
    _append(4)
    tree_head_sign()
    _append(11)
    tree_head_sign()
    _append(14)
    head = tree_head_sign()
    assert head.tree_size == 30
    return {"head": head}


@pytest.fixture
def base_url(live_server: Any) -> str:
    return f"{live_server.url}/audit/publik/"


@pytest.fixture
def pinned(tmp_path: Path, log: dict[str, Any]) -> Path:
    """The key as an operator hands it out: `garda audit_public_key` ("# id kunci" + PEM)."""
    out = io.StringIO()
    call_command("audit_public_key", stdout=out)
    assert public_key_pem().strip() in out.getvalue()
    path = tmp_path / "kunci-garda.pem"
    path.write_text(out.getvalue())
    return path


def _verify(base_url: str, **kwargs: Any) -> RemoteReport:
    with no_database():
        return verify_remote(base_url, rng=random.Random(7), **kwargs)  # noqa: S311  # repeatable sample


def test_the_guard_catches_a_query() -> None:
    with pytest.raises(DatabaseTouched), no_database():
        AuditEntry.objects.count()


def test_honest_log_passes(base_url: str, pinned: Path) -> None:
    report = _verify(base_url, pinned_key_pem=pinned.read_bytes(), sample=100)
    assert report.ok, report.problems
    assert report.warnings == []
    assert report.heads == 4
    assert report.consistency_checked == 3
    assert report.entries_checked == 30
    assert report.latest_size == 30
    assert report.key_id == key_id(load_private_key().public_key())


def test_command_exits_zero_and_warns_when_the_key_is_not_pinned(
    base_url: str, log: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with no_database():
        call_command("audit_verify", "--remote", base_url, "--sample", "5")
    out, err = capsys.readouterr()
    assert "OK:" in out
    assert "TIDAK disematkan" in out
    assert "PERINGATAN: kunci publik tidak disematkan" in err


def test_sample_is_first_last_and_random(base_url: str, pinned: Path) -> None:
    report = _verify(base_url, pinned_key_pem=pinned.read_bytes(), sample=6)
    assert report.ok, report.problems
    assert report.entries_checked == 6


def test_a_bare_site_address_finds_the_public_audit(live_server: Any, pinned: Path) -> None:
    assert normalise_url(live_server.url).endswith("/audit/publik/")
    assert _verify(live_server.url, pinned_key_pem=pinned.read_bytes(), sample=0).ok


def test_altered_head_root_fails(base_url: str, pinned: Path, log: dict[str, Any]) -> None:
    head = SignedTreeHead.objects.get(tree_size=16)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_signedtreehead SET root_hash = %s WHERE id = %s", ["ab" * 32, head.pk]
        )
    with no_database(), pytest.raises(CommandError, match="berukuran 16"):
        call_command(
            "audit_verify", "--remote", base_url, "--public-key", str(pinned), "--sample", "3"
        )


def test_altered_entry_fails_its_inclusion_proof(base_url: str, pinned: Path) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET object_label = %s WHERE seq = 12", ["Diubah"])
    report = _verify(base_url, pinned_key_pem=pinned.read_bytes(), sample=30)
    assert not report.ok
    assert [p.split(":")[0] for p in report.problems] == ["entri #12"]


def _sign_by_hand(size: int, root_hex: str) -> None:
    """What someone holding the key could do: sign any head and store it."""
    key = load_private_key()
    head = SignedTreeHead(
        tree_size=size,
        root_hash=root_hex,
        signed_at=timezone.now(),
        signature="",
        key_id=key_id(key.public_key()),
    )
    head.signature = key.sign(head.signed_message()).hex()
    head.save()


def _rewrite_entry(seq: int) -> None:
    entry = AuditEntry.objects.get(seq=seq)
    entry.object_label = "ditulis ulang"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET object_label = %s, leaf_hash = %s WHERE seq = %s",
            [entry.object_label, entry.compute_leaf_hash(), seq],
        )
    rebuild_stored_nodes()


def test_rewritten_history_with_a_fresh_head_breaks_the_chain(base_url: str, pinned: Path) -> None:
    _rewrite_entry(3)
    _append(2)
    _sign_by_hand(32, stored_root(32).hex())
    report = _verify(base_url, pinned_key_pem=pinned.read_bytes(), sample=40)
    assert not report.ok
    assert any(
        "berukuran 32" in p and "bukan kelanjutan dari kepala pohon berukuran 30" in p
        for p in report.problems
    ), report.problems


def test_remembered_heads_catch_a_replaced_list(
    base_url: str, pinned: Path, tmp_path: Path
) -> None:
    state = tmp_path / "keadaan.json"
    first = _verify(base_url, pinned_key_pem=pinned.read_bytes(), sample=0, state_file=state)
    assert first.ok, first.problems
    assert state.exists()
    # Everything rewritten and re-signed with the same key; the old heads are gone.
    _rewrite_entry(3)
    SignedTreeHead.objects.all().delete()
    _sign_by_hand(30, stored_root(30).hex())
    blind = _verify(base_url, pinned_key_pem=pinned.read_bytes(), sample=0)
    assert blind.ok  # the list alone looks fine ...
    saved = state.read_text()
    remembered = _verify(base_url, pinned_key_pem=pinned.read_bytes(), sample=0, state_file=state)
    assert not remembered.ok  # ... but not to someone who kept the old heads
    assert any("yang pernah dilihat" in p for p in remembered.problems), remembered.problems
    assert state.read_text() == saved  # the evidence is kept


def test_wrong_pinned_key_fails(base_url: str, log: dict[str, Any], tmp_path: Path) -> None:
    other = tmp_path / "lain.pem"
    other.write_bytes(
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    report = _verify(base_url, pinned_key_pem=other.read_bytes(), sample=0)
    assert not report.ok
    assert "bukan kunci yang disematkan" in report.problems[0]
    assert any("ditandatangani kunci lain" in p for p in report.problems)


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    with no_database(), pytest.raises(CommandError, match="tidak dapat diambil"):
        call_command("audit_verify", "--remote", "http://127.0.0.1:9/audit/publik/")
    with pytest.raises(CommandError, match="http"):
        call_command("audit_verify", "--remote", "file:///etc/passwd")


def test_a_log_with_no_head_yet_fails(base_url: str) -> None:
    with transaction.atomic():
        audit_record(actor=None, action="uji")
    report = _verify(base_url, sample=5)
    assert not report.ok
    assert "belum menerbitkan" in report.problems[0]


def test_an_old_entry_shown_masked_is_checked_by_its_leaf_hash(base_url: str) -> None:
    """An entry of audit version 1 that held a credential is published masked with its leaf
    hash (core/audit/credentials.py); the remote check proves that hash is in the tree, and
    still fails when the hash offered is not the entry's."""
    with transaction.atomic():
        audit_record(actor=None, action="uji.kode", object_type="uji", after={"x": 1})
    entry = AuditEntry.objects.get(action="uji.kode")
    entry.version = 1
    entry.after = {"booking_code": "RAHASIA1"}  # a credential name some installed model declares
    entry.leaf_hash = entry.compute_leaf_hash()
    AuditEntry.objects.filter(pk=entry.pk).update(
        version=1, after=entry.after, leaf_hash=entry.leaf_hash
    )
    rebuild_stored_nodes()
    tree_head_sign()
    report = _verify(base_url, sample=100)
    assert report.ok, report.problems
    assert report.entries_checked == 1
    # A forged hash offered for the masked entry is caught by the inclusion proof.
    AuditEntry.objects.filter(pk=entry.pk).update(leaf_hash="00" * 32)
    assert not _verify(base_url, sample=100).ok
