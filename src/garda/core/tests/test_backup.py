"""`garda backup` / `garda restore`: every row round-trips, the audit log stays verifiable,
and a bad archive or a busy database leaves everything as it was.

Transactional tests: a restore empties tables inside its own transaction, which PostgreSQL
refuses (TRUNCATE with pending trigger events) inside a test-wide transaction. A test may start
with the rows migrations seed (units, golongan) or, after another transactional test, without
them; none of these tests depends on which. (serialized_rollback is not used: it collides with
the content types that other transactional tests' flushes recreate.)"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import stat
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from garda.core.audit.models import AuditEntry
from garda.core.audit.signing import key_id
from garda.core.audit.tree import audit_verify, tree_head_sign
from garda.core.backup import (
    DATA_MEMBER,
    KEY_MEMBER,
    MANIFEST_MEMBER,
    BackupError,
    backup_inspect,
    backup_restore,
    backup_write,
    counted_models,
)
from garda.core.models import Job, Unit, User
from garda.core.org.services import unit_create, unit_move
from garda.core.roles import Role
from garda.core.services import user_create

pytestmark = pytest.mark.django_db(transaction=True)

_NATURAL = {"contenttypes.contenttype", "auth.permission"}


@pytest.fixture(autouse=True)
def _private_media_root(settings: Any, tmp_path: Path) -> None:
    """A restore swaps the media folder; each test swaps its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_content_type_cache() -> Iterator[None]:
    """`flush` here gives content types new ids; the rollback restores the old ones, so the
    process-wide cache must not carry the new ones into later tests."""
    yield
    ContentType.objects.clear_cache()


def _ref(obj: Model) -> Any:
    return obj.natural_key() if obj._meta.label_lower in _NATURAL else obj.pk


def database_rows() -> dict[str, list[Any]]:
    """Every backed-up row as the ORM reads it (full datetime precision, parsed JSON).
    Many-to-many rows are compared by what they link, not by their own surrogate id, and
    permissions by natural key (their ids may differ after `flush`)."""
    rows: dict[str, list[Any]] = {}
    for label, model in counted_models().items():
        if model._meta.auto_created:
            links = [f for f in model._meta.concrete_fields if f.is_relation]
            rows[label] = sorted(
                repr(tuple(_ref(getattr(row, f.name)) for f in links))
                for row in model._base_manager.all()
            )
        else:
            rows[label] = list(model._base_manager.order_by("pk").values())
    return rows


@pytest.fixture
def populated() -> dict[str, Any]:
    return _populate()


def _populate() -> dict[str, Any]:
    """A small Garda with every kind of row: a unit tree (moved, so audit entries carry
    before/after), users with a group and a direct permission, a job with JSON, a TOTP
    device, a session, a signed tree head with entries after it."""
    root = unit_create(actor=None, code="T15", name="Provinsi Uji", kind="instansi")
    opd = unit_create(actor=None, code="T15.BKD", name="BKD Uji", kind="opd", parent=root)
    other = unit_create(actor=None, code="T1571", name="Kota Uji", kind="instansi")
    bidang = unit_create(actor=None, code="T15.BKD.X", name="Bidang X", kind="bidang", parent=opd)
    admin = user_create(
        actor=None,
        username="admin.uji",
        password="sandi-uji-garda-2026",
        role=Role.ADMIN_PROVINSI,
        first_name="Admin",
        last_name="Uji",
        email="admin@uji.garda.id",
        unit_id=opd.pk,
    )
    unit_move(actor=admin, unit=bidang, new_parent=other)
    asn = user_create(
        actor=admin,
        username="asn.uji",
        password="sandi-uji-garda-2026",
        role=Role.ASN,
        first_name="Nurul",
        last_name="Ümlaut ✓",
        email="asn@uji.garda.id",
        unit_id=bidang.pk,
        nip="199003152015032001",
    )
    group = Group.objects.create(name="Pengelola uji")
    group.permissions.add(Permission.objects.get(codename="view_unit"))
    asn.groups.add(group)
    asn.user_permissions.add(Permission.objects.get(codename="change_unit"))
    Job.objects.create(
        owner=admin,
        kind="impor",
        title="Impor uji",
        total=10,
        done=3,
        result={"baris": [1, 2.5, None], "catatan": "ĳ ✓", "bersarang": {"a": {"b": True}}},
        finished_at=timezone.now(),
    )
    TOTPDevice.objects.create(user=admin, name="ponsel", confirmed=True)
    Session.objects.create(
        session_key="s" * 32, session_data="x", expire_date=timezone.now() + dt.timedelta(days=1)
    )
    tree_head_sign()
    unit_create(actor=admin, code="T15.DINKES", name="Dinkes Uji", kind="opd", parent=root)
    assert audit_verify().ok
    return {"admin": admin, "asn": asn, "root": root}


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        result: dict[str, bytes] = {}
        for member in tar.getmembers():
            handle = tar.extractfile(member)
            assert handle is not None
            result[member.name] = handle.read()
        return result


def _repack(archive: Path, target: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    members = _members(archive)
    edit(members)
    with tarfile.open(target, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return target


def _manifest(members: dict[str, bytes]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(members[MANIFEST_MEMBER])
    return loaded


def _set_manifest(members: dict[str, bytes], manifest: dict[str, Any], *, rehash: bool) -> None:
    if rehash:
        for name in (DATA_MEMBER, KEY_MEMBER):
            manifest["members"][name] = {
                "sha256": hashlib.sha256(members[name]).hexdigest(),
                "size": len(members[name]),
            }
    members[MANIFEST_MEMBER] = json.dumps(manifest).encode()


def _seed_like_a_migration() -> Unit:
    """A row written the way data migrations write reference data: no service, no audit."""
    unit = Unit.objects.create(code="SEED", name="Unit bawaan migrasi", kind="instansi")
    Unit.objects.filter(pk=unit.pk).update(path=f"/{unit.pk}/")
    return unit


def _wipe() -> None:
    """Empty every table as a fresh install would be; content types and permissions come back
    with new ids. Sequences keep counting up, so the rows the serialized rollback puts back
    after this test cannot collide with new ones."""
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)


def _key_file() -> Path:
    return Path(settings.GARDA_AUDIT_KEY_FILE)


def _write_other_key() -> str:
    key = Ed25519PrivateKey.generate()
    _key_file().write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return key_id(key.public_key())


# --- Round trips ----------------------------------------------------------------------------


def test_replace_restores_every_row_and_the_audit_log(
    populated: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.tar.gz"
    before = database_rows()
    manifest = backup_write(archive)
    assert manifest.counts["core.auditentry"] == AuditEntry.objects.count()
    assert manifest.counts["core.user_groups"] == 1
    assert any(entry.created_at.microsecond for entry in AuditEntry.objects.all())

    # Damage the database in every way a restore must undo.
    last_unit = Unit.objects.order_by("-pk").first()
    assert last_unit is not None
    Unit.objects.filter(code="T15").update(name="Diubah")
    Job.objects.all().delete()
    TOTPDevice.objects.all().delete()
    populated["asn"].groups.clear()
    AuditEntry.objects.filter(seq=2).update(action="dipalsukan")
    unit_create(actor=None, code="EXTRA", name="Tambahan", kind="opd")
    assert not audit_verify().ok

    restored = backup_restore(archive, replace=True)

    assert restored == manifest
    assert database_rows() == before
    assert Session.objects.count() == 0  # sessions do not travel and are emptied
    report = audit_verify()
    assert report.ok, report.problems
    assert report.heads == 1

    # Sequences continue after the restored ids, and so does the audit numbering.
    last_seq = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    new = unit_create(actor=None, code="BARU", name="Baru", kind="opd")
    assert new.pk > last_unit.pk
    user = user_create(actor=None, username="baru", password="sandi-uji-garda-2026", role="asn")
    assert user.pk > populated["asn"].pk
    assert AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() == (
        (last_seq or 0) + 2
    )
    tree_head_sign()
    assert audit_verify().ok


def test_restore_into_freshly_migrated_database_writes_the_key(tmp_path: Path) -> None:
    """`garda migrate && garda restore`: the rows migrations seed (units, golongan) are no
    sign of use, so no --replace is needed; the archive's key lands in the data folder."""
    _seed_like_a_migration()
    fresh = tmp_path / "baru.tar.gz"
    backup_write(fresh)  # the database as `migrate` leaves it
    populated = _populate()
    archive = tmp_path / "cadangan.tar.gz"
    before = database_rows()
    manifest = backup_write(archive)
    backup_restore(fresh, replace=True)  # back to a fresh install, and a fresh data folder
    _key_file().unlink()
    assert User.objects.count() == 0

    messages: list[str] = []
    backup_restore(archive, replace=False, notify=messages.append)

    assert database_rows() == before
    assert User.objects.get(pk=populated["asn"].pk).groups.count() == 1
    assert stat.S_IMODE(os.stat(_key_file()).st_mode) == 0o600
    assert key_id() == manifest.audit_key_id
    assert audit_verify().ok
    assert any("Kunci audit ditulis" in message for message in messages)
    # A second backup of the restored database holds the same rows, line for line.
    again = backup_write(tmp_path / "lagi.tar.gz")
    assert again.counts == manifest.counts
    assert _members(tmp_path / "lagi.tar.gz")[DATA_MEMBER] == _members(archive)[DATA_MEMBER]


def test_permissions_are_matched_by_natural_key(populated: dict[str, Any], tmp_path: Path) -> None:
    """Permission ids differ between databases; links to them follow codename and model."""
    archive = tmp_path / "cadangan.tar.gz"
    before = database_rows()
    backup_write(archive)
    _wipe()
    moved = Permission.objects.get(codename="change_unit")
    Permission.objects.filter(pk=moved.pk).update(id=moved.pk + 10_000)

    backup_restore(archive, replace=False)

    assert database_rows() == before
    assert list(populated["asn"].user_permissions.values_list("pk", flat=True)) == [
        moved.pk + 10_000
    ]
    assert audit_verify().ok


def test_archive_is_private_and_holds_only_what_it_should(
    populated: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.tar.gz"
    manifest = backup_write(archive)
    assert stat.S_IMODE(os.stat(archive).st_mode) == 0o600
    members = _members(archive)
    assert list(members) == [MANIFEST_MEMBER, DATA_MEMBER, KEY_MEMBER]
    assert members[KEY_MEMBER] == _key_file().read_bytes()
    models = {json.loads(line)["model"] for line in members[DATA_MEMBER].splitlines()}
    assert "sessions.session" not in models
    assert "contenttypes.contenttype" not in models
    assert "auth.permission" not in models
    assert {"core.auditentry", "core.user", "core.unit", "core.job"} <= models
    assert settings.SECRET_KEY.encode() not in b"".join(members.values())
    assert manifest.database_vendor in {"sqlite", "postgresql"}
    assert backup_inspect(archive) == manifest
    # Permissions travel as natural keys, so they survive differing ids.
    user_line = next(
        json.loads(line)
        for line in members[DATA_MEMBER].splitlines()
        if b'"asn.uji"' in line and b'"core.user"' in line
    )
    assert user_line["fields"]["user_permissions"] == [["change_unit", "core", "unit"]]
    with pytest.raises(BackupError, match="sudah ada"):
        backup_write(archive)


# --- Refusals that leave everything as it was ------------------------------------------------


def test_non_empty_database_is_refused_without_replace(
    populated: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.tar.gz"
    backup_write(archive)
    unit_create(actor=None, code="EXTRA", name="Tambahan", kind="opd")
    before = database_rows()
    with pytest.raises(BackupError, match=r"tidak kosong.*--replace"):
        backup_restore(archive, replace=False)
    assert database_rows() == before
    assert Session.objects.count() == 1


def _flip_data_byte(members: dict[str, bytes]) -> None:
    data = bytearray(members[DATA_MEMBER])
    at = data.index(b"Provinsi Uji")
    data[at] = ord("p")
    members[DATA_MEMBER] = bytes(data)


def _wrong_checksum(members: dict[str, bytes]) -> None:
    manifest = _manifest(members)
    manifest["members"][DATA_MEMBER]["sha256"] = "0" * 64
    _set_manifest(members, manifest, rehash=False)


def _future_format(members: dict[str, bytes]) -> None:
    manifest = _manifest(members)
    manifest["format_version"] = 99
    _set_manifest(members, manifest, rehash=False)


def _missing_key(members: dict[str, bytes]) -> None:
    del members[KEY_MEMBER]


def _future_schema(members: dict[str, bytes]) -> None:
    manifest = _manifest(members)
    manifest["migrations"]["core"].append("9999_masa_depan")
    _set_manifest(members, manifest, rehash=False)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_flip_data_byte, "checksum data.jsonl tidak cocok"),
        (_wrong_checksum, "checksum data.jsonl tidak cocok"),
        (_future_format, "Versi format cadangan 99 tidak didukung"),
        (_missing_key, "audit_ed25519.key hilang"),
        (_future_schema, "versi Garda yang lebih baru"),
    ],
)
def test_bad_archive_is_refused_before_touching_anything(
    populated: dict[str, Any],
    tmp_path: Path,
    edit: Callable[[dict[str, bytes]], None],
    message: str,
) -> None:
    archive = tmp_path / "asli.tar.gz"
    backup_write(archive)
    bad = _repack(archive, tmp_path / "rusak.tar.gz", edit)
    unit_create(actor=None, code="EXTRA", name="Tambahan", kind="opd")
    before = database_rows()
    key_before = _key_file().read_bytes()
    with pytest.raises(BackupError, match=message):
        backup_restore(bad, replace=True)
    assert database_rows() == before
    assert Session.objects.count() == 1
    assert _key_file().read_bytes() == key_before
    if edit is not _future_schema:  # --check reads the archive only, not this schema
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(bad), "--check")


def test_corrupt_or_foreign_file_is_refused(populated: dict[str, Any], tmp_path: Path) -> None:
    archive = tmp_path / "asli.tar.gz"
    backup_write(archive)
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    corrupt = tmp_path / "rusak.tar.gz"
    corrupt.write_bytes(bytes(raw))
    foreign = tmp_path / "asing.tar.gz"
    foreign.write_bytes(b"ini bukan arsip")
    before = database_rows()
    for path in (corrupt, foreign, tmp_path / "tidak-ada.tar.gz"):
        with pytest.raises(BackupError):
            backup_restore(path, replace=True)
    assert database_rows() == before


def test_falsified_rows_roll_the_whole_restore_back(
    populated: dict[str, Any], tmp_path: Path
) -> None:
    """Checksums that match but rows that do not: the load runs, audit_verify catches it,
    and the flush and load are rolled back together."""
    archive = tmp_path / "asli.tar.gz"
    backup_write(archive)

    def falsify(members: dict[str, bytes]) -> None:
        members[DATA_MEMBER] = members[DATA_MEMBER].replace(
            b'"action": "unit.move"', b'"action": "unit.hapus"'
        )
        _set_manifest(members, _manifest(members), rehash=True)

    bad = _repack(archive, tmp_path / "palsu.tar.gz", falsify)
    unit_create(actor=None, code="EXTRA", name="Tambahan", kind="opd")
    before = database_rows()
    with pytest.raises(BackupError, match=r"Log audit hasil pemulihan TIDAK utuh.*tidak diubah"):
        backup_restore(bad, replace=True)
    assert database_rows() == before
    assert Session.objects.count() == 1
    assert audit_verify().ok


def test_row_count_mismatch_rolls_back(populated: dict[str, Any], tmp_path: Path) -> None:
    archive = tmp_path / "asli.tar.gz"
    backup_write(archive)

    def miscount(members: dict[str, bytes]) -> None:
        manifest = _manifest(members)
        manifest["counts"]["core.unit"] += 1
        _set_manifest(members, manifest, rehash=False)

    bad = _repack(archive, tmp_path / "salah-hitung.tar.gz", miscount)
    Unit.objects.filter(code="T15").update(name="Diubah")
    before = database_rows()
    with pytest.raises(BackupError, match=r"Jumlah baris tidak cocok.*core\.unit"):
        backup_restore(bad, replace=True)
    assert database_rows() == before


def test_a_different_audit_key_needs_replace_and_is_kept_aside(
    populated: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.tar.gz"
    manifest = backup_write(archive)
    _wipe()
    other = _write_other_key()
    other_pem = _key_file().read_bytes()

    with pytest.raises(BackupError, match=r"Kunci audit .* berbeda"):
        backup_restore(archive, replace=False)
    assert User.objects.count() == 0
    assert key_id() == other

    backup_restore(archive, replace=True)
    assert key_id() == manifest.audit_key_id
    assert stat.S_IMODE(os.stat(_key_file()).st_mode) == 0o600
    saved = list(_key_file().parent.glob(f"{_key_file().name}.sebelum-pulih-*"))
    assert [path.read_bytes() for path in saved] == [other_pem]
    assert audit_verify().ok


def test_failed_restore_takes_back_the_key_it_wrote(
    populated: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "asli.tar.gz"
    backup_write(archive)

    def falsify(members: dict[str, bytes]) -> None:
        # A unit's label may go on with its government ("Dinkes Uji — ..."): change its start.
        members[DATA_MEMBER] = members[DATA_MEMBER].replace(
            b'"object_label": "Dinkes Uji', b'"object_label": "Dinkes Ujx'
        )
        _set_manifest(members, _manifest(members), rehash=True)

    bad = _repack(archive, tmp_path / "palsu.tar.gz", falsify)
    _wipe()
    _key_file().unlink()
    with pytest.raises(BackupError, match="TIDAK utuh"):
        backup_restore(bad, replace=False)
    assert not _key_file().exists()
    assert User.objects.count() == 0


# --- The commands -------------------------------------------------------------------------------


def test_commands_round_trip(populated: dict[str, Any], tmp_path: Path) -> None:
    archive = tmp_path / "cadangan.tar.gz"
    before = database_rows()
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Cadangan ditulis:" in out.getvalue()
    assert "kunci privat" in out.getvalue()
    with pytest.raises(CommandError, match="--overwrite"):
        call_command("backup", str(archive))
    call_command("backup", str(archive), "--overwrite", stdout=io.StringIO())

    out = io.StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert "Arsip utuh" in out.getvalue()
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("restore", str(archive))

    Job.objects.all().delete()
    out = io.StringIO()
    call_command("restore", str(archive), "--replace", stdout=out)
    assert "Cadangan dipulihkan:" in out.getvalue()
    assert "Log audit utuh" in out.getvalue()
    assert database_rows() == before
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert out.getvalue().startswith("OK:")


def test_fresh_install_without_a_key_backs_up_and_restores(tmp_path: Path) -> None:
    """Nothing signed yet, so no key file exists and none travels."""
    _seed_like_a_migration()
    archive = tmp_path / "baru.tar.gz"
    before = database_rows()
    manifest = backup_write(archive)
    assert manifest.counts["core.user"] == 0
    assert manifest.audit_entries == manifest.audit_heads == 0
    assert manifest.audit_key_id == ""
    assert KEY_MEMBER not in _members(archive)
    backup_restore(archive, replace=False)
    assert database_rows() == before
    assert not _key_file().exists()
    assert audit_verify().ok
