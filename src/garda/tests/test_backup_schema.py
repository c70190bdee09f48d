"""Archives written by an older schema restore: into that schema, then migrated forward.

The fixture was written by Garda d7821b5, before the organisation tree moved into core
(people.unit with a `head` column; see fixtures/README.md). Expectations are read from the
archive's own rows, not typed in. Transactional tests, as in test_backup.py."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from garda.core.audit.models import AuditEntry
from garda.core.audit.sequencer import audit_number_pending
from garda.core.audit.tree import audit_verify, tree_head_sign
from garda.core.backup import (
    DATA_MEMBER,
    MANIFEST_MEMBER,
    BackupError,
    backup_restore,
    backup_write,
)
from garda.core.models import Unit, User
from garda.core.org.services import unit_create
from garda.people.models import Employee, UnitHead

pytestmark = pytest.mark.django_db(transaction=True)

_GARDA_APPS = {
    config.label for config in apps.get_app_configs() if config.name.startswith("garda.")
}
FIXTURE = Path(__file__).parent / "fixtures" / "backup_d7821b5.tar.gz"


@pytest.fixture(autouse=True)
def _private_media_and_cache(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    ContentType.objects.clear_cache()


def _archive_rows(archive: Path) -> dict[str, list[dict[str, Any]]]:
    with tarfile.open(archive, "r:gz") as tar:
        handle = tar.extractfile(DATA_MEMBER)
        assert handle is not None
        rows: dict[str, list[dict[str, Any]]] = {}
        for line in handle.read().splitlines():
            row = json.loads(line)
            rows.setdefault(row["model"], []).append(row)
        return rows


def _applied() -> set[tuple[str, str]]:
    loader = MigrationLoader(connection)
    return set(loader.applied_migrations or {}) & set(loader.graph.nodes)


def _all_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(connection).graph.nodes)


def test_archive_from_before_the_org_move_restores_into_todays_schema(
    tmp_path: Path, settings: Any
) -> None:
    rows = _archive_rows(FIXTURE)
    units = {row["pk"]: row["fields"] for row in rows["people.unit"]}
    heads = {pk: fields["head"] for pk, fields in units.items() if fields["head"]}
    employees = {row["pk"]: row["fields"]["nip"] for row in rows["people.employee"]}
    assert "core.unit" not in rows  # it really is the old shape
    assert heads
    messages: list[str] = []

    manifest = backup_restore(FIXTURE, replace=False, notify=messages.append)

    assert "0004_unit_head" not in manifest.migrations["people"]
    assert _applied() == _all_migrations()  # migrated forward to this code's schema
    assert {u.pk: (u.code, u.name, u.parent_id) for u in Unit.objects.all()} == {
        pk: (f["code"], f["name"], f["parent"]) for pk, f in units.items()
    }
    # The data migration people 0004 ran over the restored rows: heads became UnitHead rows.
    assert dict(UnitHead.objects.values_list("unit_id", "employee_id")) == heads
    assert dict(Employee.objects.values_list("pk", "nip")) == employees
    assert User.objects.count() == len(rows["core.user"])
    report = audit_verify()
    assert report.ok, report.problems
    assert (report.entries, report.heads) == (manifest.audit_entries, manifest.audit_heads)
    assert any("skema lebih lama" in message for message in messages)
    # Old archives carry no uploaded files: the restore says which ones to copy by hand.
    evidence = rows["ledger.externallearning"][0]["fields"]["evidence"]
    assert any("PERINGATAN" in m and evidence in m for m in messages)

    # The restored site keeps working.
    unit = unit_create(actor=None, code="BARU-1", name="Unit baru", kind="opd")
    assert unit.pk > max(units)
    tree_head_sign()
    assert audit_verify().ok
    # A backup refuses while a row names a missing file; copied over as the warning says, the
    # restored site backs up as a current archive.
    with pytest.raises(BackupError, match=evidence):
        backup_write(tmp_path / "lagi.tar.gz")
    copied = Path(settings.MEDIA_ROOT) / evidence
    copied.parent.mkdir(parents=True)
    copied.write_bytes(b"%PDF-1.4 disalin dari server lama\n%%EOF\n")
    again = backup_write(tmp_path / "lagi.tar.gz")
    assert list(again.media) == [evidence]
    assert {(a, n) for a, names in again.migrations.items() for n in names} == _all_migrations()


def test_older_archive_replaces_a_used_database(tmp_path: Path) -> None:
    unit_create(actor=None, code="LAMA", name="Akan diganti", kind="instansi")
    with pytest.raises(BackupError, match="tidak kosong"):
        backup_restore(FIXTURE, replace=False)
    backup_restore(FIXTURE, replace=True)
    assert not Unit.objects.filter(code="LAMA").exists()
    assert UnitHead.objects.exists()
    assert audit_verify().ok


def _falsified(tmp_path: Path) -> Path:
    """The fixture with one audit entry altered and the checksums made to match again."""
    with tarfile.open(FIXTURE, "r:gz") as tar:
        members = {}
        for member in tar.getmembers():
            handle = tar.extractfile(member)
            assert handle is not None
            members[member.name] = handle.read()
    data = members[DATA_MEMBER]
    at = data.index(b'"action": "')
    members[DATA_MEMBER] = data[:at] + b'"action": "X' + data[at + len(b'"action": "') :]
    manifest = json.loads(members[MANIFEST_MEMBER])
    manifest["members"][DATA_MEMBER] = {
        "sha256": hashlib.sha256(members[DATA_MEMBER]).hexdigest(),
        "size": len(members[DATA_MEMBER]),
    }
    members[MANIFEST_MEMBER] = json.dumps(manifest).encode()
    target = tmp_path / "palsu.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return target


def test_failed_older_restore_leaves_schema_and_rows_as_they_were(tmp_path: Path) -> None:
    """The rows load and migrate forward, then the audit check fails: the migrations back and
    forth, the rows and the flush are rolled back together."""
    unit = unit_create(actor=None, code="TETAP", name="Tetap ada", kind="instansi")
    audit_number_pending()  # the sequencer would number it at any moment after the commit
    entries = list(AuditEntry.objects.values_list("seq", "leaf_hash"))
    with pytest.raises(BackupError, match=r"TIDAK utuh.*tidak diubah"):
        backup_restore(_falsified(tmp_path), replace=True)
    assert _applied() == _all_migrations()
    assert Unit.objects.filter(pk=unit.pk, code="TETAP").exists()
    assert list(AuditEntry.objects.values_list("seq", "leaf_hash")) == entries
    assert audit_verify().ok
    assert not UnitHead.objects.exists()  # the current schema's table is there, and empty


@pytest.mark.django_db(transaction=False)
def test_every_garda_migration_can_be_reversed() -> None:
    """Restoring an older archive unapplies the migrations it did not have: each one must
    have a way back (RunPython and RunSQL with a reverse, even a no-op)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    garda_apps = {name for name, _ in loader.disk_migrations if name in _GARDA_APPS}
    assert {"core", "people", "learning", "queueing", "transparency"} <= garda_apps
    irreversible = [
        f"{app}.{name}: {operation.describe()}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in garda_apps
        for operation in migration.operations
        if not operation.reversible
    ]
    assert irreversible == []


def test_archive_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "baru.tar.gz"
    backup_write(archive)
    with tarfile.open(archive, "r:gz") as tar:
        members = {}
        for member in tar.getmembers():
            handle = tar.extractfile(member)
            assert handle is not None
            members[member.name] = handle.read()
    manifest = json.loads(members[MANIFEST_MEMBER])
    manifest["migrations"]["people"].append("0099_dari_masa_depan")
    members[MANIFEST_MEMBER] = json.dumps(manifest).encode()
    newer = tmp_path / "lebih-baru.tar.gz"
    with tarfile.open(newer, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    with pytest.raises(BackupError, match=r"lebih baru.*people\.0099_dari_masa_depan"):
        backup_restore(newer, replace=True)
    assert _applied() == _all_migrations()
