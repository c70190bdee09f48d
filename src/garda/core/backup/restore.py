"""`garda restore`: an archive into this database, all or nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

from django.apps import apps
from django.apps.registry import Apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import Model

from garda.core.audit.models import AuditCounter, AuditEntry
from garda.core.audit.tree import VerifyReport, audit_verify
from garda.core.backup.archive import unpack
from garda.core.backup.keys import KeyInstall
from garda.core.backup.load import load_rows
from garda.core.backup.manifest import DATA_MEMBER, KEY_MEMBER, BackupError, BackupManifest
from garda.core.backup.media import MediaInstall, media_files, missing_message, referenced_media
from garda.core.backup.schema import SchemaPlan, plan_schema, schema_changes_allowed
from garda.core.backup.tables import backup_models, counted_models, label

_ALIAS: Final = DEFAULT_DB_ALIAS
# Not flushed by a restore either: `migrate` owns them and other rows point at them.
_KEPT_ON_REPLACE: Final = frozenset({"contenttypes.contenttype", "auth.permission"})
# A database with rows here has been used; restoring over it needs `replace`. Other tables may
# hold rows right after `migrate` (reference data that migrations seed, e.g. golongan), which
# the archive's rows replace in any case.
_IN_USE: Final = ("core.user", "core.auditentry", "core.signedtreehead")


def _flush_tables() -> list[str]:
    kept = {apps.get_model(name)._meta.db_table for name in _KEPT_ON_REPLACE}
    introspection = connections[_ALIAS].introspection
    return [
        table
        for table in introspection.django_table_names(only_existing=True, include_views=False)
        if table not in kept
    ]


def _prepare(*, replace: bool) -> None:
    """Refuse a database that has been used unless `replace`; then empty every table (but
    content types and permissions)."""
    used = [name for name in _IN_USE if apps.get_model(name)._base_manager.using(_ALIAS).exists()]
    if used and not replace:
        raise BackupError(
            f"Basis data tujuan tidak kosong: sudah dipakai (ada isi di {', '.join(used)}). "
            "Pakai --replace untuk mengganti seluruh isinya dengan cadangan."
        )
    connection = connections[_ALIAS]
    statements = connection.ops.sql_flush(no_style(), _flush_tables(), reset_sequences=True)
    connection.ops.execute_sql_flush(statements)


def _check_counts(manifest: BackupManifest, counted: Mapping[str, type[Model]]) -> None:
    if set(manifest.counts) != set(counted):
        extra = sorted(set(manifest.counts) ^ set(counted))
        raise BackupError(f"Tabel di cadangan tidak cocok dengan skema ini: {', '.join(extra)}.")
    wrong = []
    for name, expected in sorted(manifest.counts.items()):
        actual = counted[name]._base_manager.using(_ALIAS).count()
        if actual != expected:
            wrong.append(f"{name}: {actual} dari {expected}")
    if wrong:
        raise BackupError(f"Jumlah baris tidak cocok dengan manifest ({'; '.join(wrong[:5])}).")


def _check_audit_counter() -> None:
    last = AuditEntry.objects.using(_ALIAS).order_by("-seq").values_list("seq", flat=True).first()
    if last is None:
        return
    counter = AuditCounter.objects.using(_ALIAS).filter(pk=1).values_list("last_seq", flat=True)
    if (counter.first() or 0) < last:
        raise BackupError(
            f"Penghitung log audit di cadangan tertinggal dari entri terakhir (#{last}); "
            "entri baru akan bertabrakan."
        )


def _reset_sequences(counted: Mapping[str, type[Model]]) -> None:
    connection = connections[_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), list(counted.values()))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _load(manifest: BackupManifest, data: Path, registry: Apps) -> None:
    """Rows in, then every foreign key and the manifest's counts checked, in the archive's own
    schema (counts are of the archive's tables, before later migrations reshape them)."""
    load_rows(data, registry, {label(m): m for m in backup_models(registry)})
    connection = connections[_ALIAS]
    connection.check_constraints(table_names=connection.introspection.table_names())
    _check_counts(manifest, counted_models(registry))


def _restore_rows(
    manifest: BackupManifest, data: Path, schema: SchemaPlan, say: Callable[[str], None]
) -> None:
    if not schema.older:
        _load(manifest, data, apps)
        return
    historical = schema.migrate_back()
    _load(manifest, data, historical)
    # Data migrations ahead may insert rows into these tables: ids continue after the archive's.
    _reset_sequences(counted_models(historical))
    ran = schema.migrate_forward()
    # Content types may have been added for models of the older schema.
    ContentType.objects.clear_cache()
    say(
        f"Cadangan berskema lebih lama ({len(schema.ours - schema.theirs)} migrasi belum "
        f"ada): data dimuat ke skema cadangan, lalu {ran} migrasi dijalankan."
    )


def backup_restore(
    path: str | os.PathLike[str],
    *,
    replace: bool,
    notify: Callable[[str], None] | None = None,
) -> BackupManifest:
    """Load an archive written by `backup_write` into this database, all or nothing.

    Without `replace` the database must not have been used (no users, audit entries or
    signed heads: a fresh `garda migrate`), and an audit key already in the data folder must
    be the archive's. Every table except content types and permissions is emptied first,
    inside the same transaction; with `replace` a different key is set aside as
    `<key>.sebelum-pulih-<time>`. An archive from an older schema is loaded into that schema
    and migrated forward in the same transaction. The uploaded files replace MEDIA_ROOT (a
    folder that held files is set aside as `<media>.sebelum-pulih-<time>`). Raises
    BackupError; the database, key file and media folder are then as they were."""
    say = notify or (lambda message: None)
    archive = Path(path).expanduser()
    media = MediaInstall.plan()
    try:
        with tempfile.TemporaryDirectory(prefix="garda-restore-") as scratch:
            folder = Path(scratch)
            manifest = unpack(archive, folder, media.staging)
            schema = plan_schema(manifest)
            key_file = folder / KEY_MEMBER
            key_pem = key_file.read_bytes() if key_file.exists() else None
            key = KeyInstall.plan(manifest.audit_key_id, replace=replace)
            report = _restore_in_transaction(
                manifest, folder, schema, key, key_pem, media, say, replace=replace
            )
    finally:
        media.discard()
    if key.action == "create":
        say(f"Kunci audit ditulis ke {key.target} (izin 0600).")
    elif key.action == "replace":
        say(f"Kunci audit diganti; kunci lama disimpan di {key.saved_old}.")
    if manifest.media_included:
        say(f"Berkas unggahan dipulihkan ke {media.target}: {len(manifest.media)} berkas.")
        if media.saved_old is not None:
            say(f"Folder media lama disimpan di {media.saved_old}.")
    elif missing := referenced_media(_ALIAS) - set(media_files()):
        say(
            "PERINGATAN: cadangan ini dibuat sebelum berkas unggahan ikut dicadangkan; "
            + missing_message(missing, str(media.target))
            + " Salin berkas itu dari server lama."
        )
    say(f"Log audit utuh: {report.entries} entri, {report.heads} kepala pohon bertanda tangan.")
    return manifest


def _restore_in_transaction(
    manifest: BackupManifest,
    folder: Path,
    schema: SchemaPlan,
    key: KeyInstall,
    key_pem: bytes | None,
    media: MediaInstall,
    say: Callable[[str], None],
    *,
    replace: bool,
) -> VerifyReport:
    # Natural keys resolve through the content type cache; ids may have changed since.
    ContentType.objects.clear_cache()
    try:
        with schema_changes_allowed(schema.older), transaction.atomic(using=_ALIAS):
            _prepare(replace=replace)
            _restore_rows(manifest, folder / DATA_MEMBER, schema, say)
            _check_audit_counter()
            _reset_sequences(counted_models())
            if manifest.media_included:
                media.check(referenced_media(_ALIAS))
            key.install(key_pem)
            if manifest.media_included:
                media.install()
            report = audit_verify()
            if not report.ok:
                problems = "; ".join(report.problems[:3])
                raise BackupError(f"Log audit hasil pemulihan TIDAK utuh: {problems}.")
    except BackupError as exc:
        key.undo()
        media.undo()
        raise BackupError(f"{exc} Pemulihan dibatalkan; basis data tidak diubah.") from exc
    except (DeserializationError, DatabaseError, LookupError, ValueError) as exc:
        key.undo()
        media.undo()
        raise BackupError(
            f"Data cadangan tidak bisa dimuat: {exc}. Pemulihan dibatalkan; "
            "basis data tidak diubah."
        ) from exc
    except BaseException:
        key.undo()
        media.undo()
        raise
    return report
