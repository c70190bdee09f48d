"""Writing an archive: every row from one consistent snapshot, the audit key and the media."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import IO, Any, Final

import django
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone

from garda.core.audit.models import AuditEntry, SignedTreeHead
from garda.core.backup.archive import file_info, write_archive
from garda.core.backup.keys import current_key
from garda.core.backup.manifest import (
    DATA_MEMBER,
    EXCLUDED,
    FORMAT_VERSION,
    KEY_MEMBER,
    MEDIA_PREFIX,
    BackupError,
    BackupManifest,
    MemberInfo,
)
from garda.core.backup.media import media_files, missing_message, referenced_media
from garda.core.backup.schema import applied_migrations
from garda.core.backup.tables import NATURAL_KEY_MODELS, backup_models, label, through_models

_ALIAS: Final = DEFAULT_DB_ALIAS
CHUNK: Final = 2000


class _ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but date-times and times keep their microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class _Serializer(JSONLSerializer):
    """JSON Lines with natural keys only for references to content types and permissions."""

    def _natural_for(self, f: Any) -> None:
        self.use_natural_foreign_keys = label(f.remote_field.model) in NATURAL_KEY_MODELS

    def handle_fk_field(self, obj: Any, field: Any) -> None:
        self._natural_for(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: Any, field: Any) -> None:
        self._natural_for(field)
        super().handle_m2m_field(obj, field)

    def end_object(self, obj: Any) -> None:
        # Same text as the parent's json.dump(), but json.dumps() uses the C encoder (~5x).
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None


class _Counting(Iterator[Model]):
    def __init__(self, rows: Iterable[Model]) -> None:
        self._rows = iter(rows)
        self.count = 0

    def __next__(self) -> Model:
        row = next(self._rows)
        self.count += 1
        return row


def _rows(model: type[Model]) -> QuerySet[Model]:
    """All rows (the base manager: a filtering default manager must not hide any), by pk,
    with many-to-many targets fetched per chunk in a fixed order."""
    prefetches: list[Prefetch[Any]] = []
    automatic = set(through_models(model))
    for f in model._meta.local_many_to_many:
        if not getattr(f, "serialize", True) or f.remote_field.through not in automatic:
            continue
        target: type[Model] = f.remote_field.model
        related = target._base_manager.order_by("pk")
        related = related.select_related() if label(target) in NATURAL_KEY_MODELS else related
        prefetches.append(Prefetch(f.name, queryset=related))
    return model._base_manager.using(_ALIAS).order_by("pk").prefetch_related(*prefetches)


def _dump(stream: IO[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in backup_models():
        rows = _Counting(_rows(model).iterator(chunk_size=CHUNK))
        _Serializer().serialize(rows, stream=stream, cls=_ExactJSONEncoder)
        counts[label(model)] = rows.count
        for through in through_models(model):
            counts[label(through)] = through._base_manager.using(_ALIAS).count()
    return counts


@contextmanager
def _snapshot() -> Iterator[None]:
    """Read everything from one point in time while the site keeps running."""
    connection = connections[_ALIAS]
    if connection.in_atomic_block:  # the caller's transaction already is the snapshot
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=_ALIAS):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        # A deferred transaction reads one WAL snapshot without taking the write lock that
        # Django's atomic() (BEGIN IMMEDIATE here) would hold for the whole backup.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    raise BackupError(f"Basis data {connection.vendor} tidak didukung (hanya SQLite, PostgreSQL).")


def _garda_version() -> str:
    try:
        return metadata.version("garda")
    except metadata.PackageNotFoundError:
        return "tidak diketahui"


def backup_write(path: str | os.PathLike[str], *, overwrite: bool = False) -> BackupManifest:
    """Write the whole database, the audit signing key and the uploaded files (MEDIA_ROOT) to
    one .tar.gz at `path` (mode 0600). Refuses when a row names an uploaded file that is not
    there: such an archive could never be restored."""
    target = Path(path).expanduser().absolute()
    if target.exists() and not overwrite:
        raise BackupError(f"Berkas {target} sudah ada; pakai --overwrite untuk menimpanya.")
    if not target.parent.is_dir():
        raise BackupError(f"Folder {target.parent} tidak ada.")
    connection = connections[_ALIAS]
    with tempfile.TemporaryDirectory(prefix="garda-backup-") as scratch:
        data = Path(scratch) / DATA_MEMBER
        with _snapshot():
            created_at = timezone.now()
            with data.open("w", encoding="utf-8", newline="\n") as stream:
                counts = _dump(stream)
            migrations = applied_migrations()
            audit_heads = SignedTreeHead.objects.using(_ALIAS).count()
            referenced = referenced_media(_ALIAS)
        # Files are read after the snapshot: uploads only ever add new names, so every file
        # the snapshot's rows name is still there unless it was removed by hand.
        media = media_files()
        if missing := referenced - set(media):
            raise BackupError(missing_message(missing, "folder media"))
        key_pem, archive_key_id = current_key(audit_heads)
        members = {DATA_MEMBER: file_info(data)}
        if key_pem is not None:
            members[KEY_MEMBER] = MemberInfo(hashlib.sha256(key_pem).hexdigest(), len(key_pem))
        for name, file in media.items():
            members[MEDIA_PREFIX + name] = file_info(file)
        manifest = BackupManifest(
            format_version=FORMAT_VERSION,
            created_at=created_at.isoformat(timespec="microseconds"),
            database_vendor=connection.vendor,
            garda_version=_garda_version(),
            django_version=django.get_version(),
            counts=counts,
            members=members,
            migrations=migrations,
            audit_entries=counts.get(label(AuditEntry), 0),
            audit_heads=audit_heads,
            audit_key_id=archive_key_id,
            excluded=dict(EXCLUDED),
            media_included=True,
        )
        write_archive(target, manifest, data, key_pem, media)
    return manifest
