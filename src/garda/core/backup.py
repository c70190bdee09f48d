"""Backups that travel between SQLite and PostgreSQL: `garda backup` and `garda restore`.

The archive is a .tar.gz with these members, in this order:

- ``manifest.json``: format version, when and from which database it was made, the Garda and
  Django versions, the applied migrations, row counts per table and the SHA-256 of the other
  members;
- ``data.jsonl``: every row, one JSON object a line, in Django's serialization format
  (``garda loaddata`` can read it too). Rows keep their primary keys; only references to
  content types and permissions, whose ids differ between databases, are natural keys.
  Date-times keep their microseconds (Django's own JSON encoder cuts them to milliseconds,
  which would break the audit log's hashes);
- ``audit_ed25519.key``: the private key that signed the audit log's tree heads, without which
  `audit_verify` fails on every signed head. The archive is therefore as secret as the key.
  Absent only when no key exists yet (nothing signed); a log with signed heads but no key
  file is refused.

Not in the archive (decided here, kept in `EXCLUDED`): content types and permissions (rebuilt
by `migrate`, referenced by natural key), sessions (everyone signs in again after a restore),
axes' lockout counters (cool off in minutes anyway) and the task queue's results (restoring a
queue would run its tasks a second time). Axes' sign-in and failure logs do travel: they are
the record of who signed in when. The Django SECRET_KEY never travels. Uploaded media files are
not part of the archive.

A backup reads one consistent snapshot (REPEATABLE READ on PostgreSQL, one read transaction on
SQLite) so the audit counter, entries and signed heads agree with each other. A restore checks
the whole archive and the schema before touching the database, then in one transaction empties
every table (but content types and permissions), loads the rows, checks constraints, row
counts and the audit log, and rolls everything back if any of that fails. A database that has
been used (users, audit entries or signed heads) is only overwritten with ``replace``; rows
that `migrate` itself seeds (reference tables) do not count as use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any, Final, TypeVar

import django
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError, DeserializedObject
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model, Prefetch, QuerySet
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from garda.core.audit.models import AuditCounter, AuditEntry, SignedTreeHead
from garda.core.audit.signing import key_id
from garda.core.audit.tree import audit_verify

FORMAT: Final = "garda-backup"
FORMAT_VERSION: Final = 1
MANIFEST_MEMBER: Final = "manifest.json"
DATA_MEMBER: Final = "data.jsonl"
KEY_MEMBER: Final = "audit_ed25519.key"
MEMBERS: Final = (DATA_MEMBER, KEY_MEMBER)  # the key is absent only when nothing was signed yet

# Tables whose rows do not travel, and why (shown in the manifest, too).
EXCLUDED: Final[Mapping[str, str]] = {
    "contenttypes.contenttype": "dibuat ulang oleh migrate; dirujuk dengan kunci alami",
    "auth.permission": "dibuat ulang oleh migrate; dirujuk dengan kunci alami",
    "sessions.session": "sesi masuk tidak dipulihkan; pengguna masuk lagi",
    "axes.accessattempt": "penghitung penguncian sementara",
    "axes.accessattemptexpiration": "penghitung penguncian sementara",
    "django_tasks_database.dbtaskresult": "antrean tugas; memulihkannya menjalankan tugas dua kali",
}
# Not flushed by a restore either: `migrate` owns them and other rows point at them.
_KEPT_ON_REPLACE: Final = frozenset({"contenttypes.contenttype", "auth.permission"})
# A database with rows here has been used; restoring over it needs `replace`. Other tables may
# hold rows right after `migrate` (reference data that migrations seed, e.g. golongan), which
# the archive's rows replace in any case.
_IN_USE: Final = ("core.user", "core.auditentry", "core.signedtreehead")
# References to these are written as natural keys; everything else keeps its primary key.
_NATURAL_KEY_MODELS: Final = frozenset({"contenttypes.contenttype", "auth.permission"})

_ALIAS: Final = DEFAULT_DB_ALIAS
_CHUNK: Final = 2000
_COPY_BUFFER: Final = 1 << 20
_MAX_MANIFEST_BYTES: Final = 4 << 20
_MAX_KEY_BYTES: Final = 64 << 10

_T = TypeVar("_T")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is for the operator (Indonesian)."""


@dataclass(frozen=True)
class MemberInfo:
    sha256: str
    size: int


@dataclass(frozen=True)
class BackupManifest:
    format_version: int
    created_at: str
    database_vendor: str
    garda_version: str
    django_version: str
    counts: dict[str, int]
    members: dict[str, MemberInfo]
    migrations: dict[str, list[str]]
    audit_entries: int
    audit_heads: int
    audit_key_id: str
    excluded: dict[str, str] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "database_vendor": self.database_vendor,
            "garda_version": self.garda_version,
            "django_version": self.django_version,
            "counts": self.counts,
            "members": {
                name: {"sha256": info.sha256, "size": info.size}
                for name, info in self.members.items()
            },
            "migrations": self.migrations,
            "audit": {
                "entries": self.audit_entries,
                "signed_heads": self.audit_heads,
                "key_id": self.audit_key_id,
            },
            "excluded": self.excluded,
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> BackupManifest:
        try:
            document = json.loads(raw)
        except ValueError as exc:
            raise BackupError(f"Manifest cadangan rusak (bukan JSON yang sah): {exc}") from exc
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise BackupError("Berkas ini bukan cadangan Garda (manifest tidak dikenal).")
        version = document.get("format_version")
        if version != FORMAT_VERSION:
            raise BackupError(
                f"Versi format cadangan {version!r} tidak didukung; versi Garda ini membaca "
                f"format {FORMAT_VERSION}. Pulihkan dengan versi Garda yang membuat cadangan itu."
            )
        try:
            audit = _expect(document["audit"], dict)
            members = {
                _expect(name, str): MemberInfo(
                    sha256=_expect(info["sha256"], str), size=_expect(info["size"], int)
                )
                for name, info in _expect(document["members"], dict).items()
            }
            return cls(
                format_version=version,
                created_at=_expect(document["created_at"], str),
                database_vendor=_expect(document["database_vendor"], str),
                garda_version=_expect(document["garda_version"], str),
                django_version=_expect(document["django_version"], str),
                counts={
                    _expect(label, str): _expect(count, int)
                    for label, count in _expect(document["counts"], dict).items()
                },
                members=members,
                migrations={
                    _expect(app, str): [_expect(name, str) for name in _expect(names, list)]
                    for app, names in _expect(document["migrations"], dict).items()
                },
                audit_entries=_expect(audit["entries"], int),
                audit_heads=_expect(audit["signed_heads"], int),
                audit_key_id=_expect(audit["key_id"], str),
                excluded={
                    _expect(label, str): _expect(why, str)
                    for label, why in _expect(document.get("excluded", {}), dict).items()
                },
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise BackupError(
                f"Manifest cadangan tidak lengkap atau salah bentuk ({exc})."
            ) from exc


def _expect(value: object, kind: type[_T]) -> _T:
    # bool is an int to Python, never to a manifest.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{value!r} bukan {kind.__name__}")
    return value


# --- What travels -------------------------------------------------------------------------------


def _label(model: type[Model]) -> str:
    return model._meta.label_lower


def backup_models() -> list[type[Model]]:
    """Every model whose rows go into the archive, parents before the rows that point at them."""
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and _label(model) not in EXCLUDED
    ]
    return _dependency_order(chosen)


def _through_models(model: type[Model]) -> list[type[Model]]:
    """The automatic tables behind `model`'s many-to-many fields (serialized with the model)."""
    found = []
    for f in model._meta.local_many_to_many:
        through = f.remote_field.through
        if through is not None and through._meta.auto_created:
            found.append(through)
    return found


def counted_models() -> dict[str, type[Model]]:
    """The tables the manifest counts: every backed-up model and its many-to-many tables."""
    counted: dict[str, type[Model]] = {}
    for model in backup_models():
        counted[_label(model)] = model
        for through in _through_models(model):
            counted[_label(through)] = through
    return counted


def _related_models(model: type[Model]) -> Iterator[type[Model]]:
    for f in [*model._meta.concrete_fields, *model._meta.local_many_to_many]:
        remote = f.remote_field
        if remote is not None and isinstance(remote.model, type):
            yield remote.model._meta.concrete_model or remote.model


def _dependency_order(models: list[type[Model]]) -> list[type[Model]]:
    """Stable topological order; a cycle is broken by taking the first remaining model.

    Both databases check foreign keys at commit, so the order is not needed for loading here,
    but it keeps `data.jsonl` loadable by `loaddata` on a stricter database."""
    included = set(models)
    needs = {m: {r for r in _related_models(m) if r in included and r is not m} for m in models}
    ordered: list[type[Model]] = []
    placed: set[type[Model]] = set()
    remaining = list(models)
    while remaining:
        ready = next((m for m in remaining if needs[m] <= placed), remaining[0])
        remaining.remove(ready)
        ordered.append(ready)
        placed.add(ready)
    return ordered


# --- Writing ------------------------------------------------------------------------------------


class _ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but date-times and times keep their microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class _Serializer(JSONLSerializer):
    """JSON Lines with natural keys only for references to content types and permissions."""

    def _natural_for(self, f: Any) -> None:
        self.use_natural_foreign_keys = _label(f.remote_field.model) in _NATURAL_KEY_MODELS

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
    automatic = set(_through_models(model))
    for f in model._meta.local_many_to_many:
        if not getattr(f, "serialize", True) or f.remote_field.through not in automatic:
            continue
        target: type[Model] = f.remote_field.model
        related = target._base_manager.order_by("pk")
        related = related.select_related() if _label(target) in _NATURAL_KEY_MODELS else related
        prefetches.append(Prefetch(f.name, queryset=related))
    return model._base_manager.using(_ALIAS).order_by("pk").prefetch_related(*prefetches)


def _dump(stream: IO[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in backup_models():
        rows = _Counting(_rows(model).iterator(chunk_size=_CHUNK))
        _Serializer().serialize(rows, stream=stream, cls=_ExactJSONEncoder)
        counts[_label(model)] = rows.count
        for through in _through_models(model):
            counts[_label(through)] = through._base_manager.using(_ALIAS).count()
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


def _applied_migrations() -> dict[str, list[str]]:
    """Applied migrations that this code knows, per app (replaced ones folded into squashes)."""
    loader = MigrationLoader(connections[_ALIAS], ignore_no_migrations=True)
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations or {}):
        if (app_label, name) in loader.graph.nodes:
            applied.setdefault(app_label, []).append(name)
    return applied


def _file_info(path: Path) -> MemberInfo:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_COPY_BUFFER):
            digest.update(chunk)
    return MemberInfo(sha256=digest.hexdigest(), size=path.stat().st_size)


def _garda_version() -> str:
    try:
        return metadata.version("garda")
    except metadata.PackageNotFoundError:
        return "tidak diketahui"


def _add_member(tar: tarfile.TarFile, name: str, size: int, source: IO[bytes]) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(time.time())
    tar.addfile(info, source)


def _write_archive(
    target: Path, manifest: BackupManifest, data: Path, key_pem: bytes | None
) -> None:
    """Write to a private temporary file beside the target, then rename it into place."""
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(name=target.name, fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                manifest_bytes = manifest.to_json()
                _add_member(tar, MANIFEST_MEMBER, len(manifest_bytes), io.BytesIO(manifest_bytes))
                with data.open("rb") as handle:
                    _add_member(tar, DATA_MEMBER, data.stat().st_size, handle)
                if key_pem is not None:
                    _add_member(tar, KEY_MEMBER, len(key_pem), io.BytesIO(key_pem))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _audit_key_file() -> Path:
    return Path(settings.GARDA_AUDIT_KEY_FILE)


def _current_key(signed_heads: int) -> tuple[bytes | None, str]:
    """The audit key file's bytes and id; none yet is fine while nothing has been signed."""
    path = _audit_key_file()
    if not path.exists():
        if signed_heads:
            raise BackupError(
                f"Kunci tanda tangan audit tidak ditemukan di {path}, padahal log audit punya "
                f"{signed_heads} kepala pohon bertanda tangan; cadangan tanpa kunci itu tidak "
                "bisa diverifikasi. Kembalikan berkas kunci itu dulu."
            )
        return None, ""
    key_pem = path.read_bytes()
    found = _pem_key_id(path)
    if found is None:
        raise BackupError(f"Berkas kunci audit {path} rusak (bukan kunci Ed25519).")
    return key_pem, found


def backup_write(path: str | os.PathLike[str], *, overwrite: bool = False) -> BackupManifest:
    """Write the whole database and the audit signing key to one .tar.gz at `path` (mode 0600)."""
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
            migrations = _applied_migrations()
            audit_heads = SignedTreeHead.objects.using(_ALIAS).count()
        key_pem, archive_key_id = _current_key(audit_heads)
        members = {DATA_MEMBER: _file_info(data)}
        if key_pem is not None:
            members[KEY_MEMBER] = MemberInfo(hashlib.sha256(key_pem).hexdigest(), len(key_pem))
        manifest = BackupManifest(
            format_version=FORMAT_VERSION,
            created_at=created_at.isoformat(timespec="microseconds"),
            database_vendor=connection.vendor,
            garda_version=_garda_version(),
            django_version=django.get_version(),
            counts=counts,
            members=members,
            migrations=migrations,
            audit_entries=counts.get(_label(AuditEntry), 0),
            audit_heads=audit_heads,
            audit_key_id=archive_key_id,
            excluded=dict(EXCLUDED),
        )
        _write_archive(target, manifest, data, key_pem)
    return manifest


# --- Reading and checking an archive ------------------------------------------------------------


def _copy_checked(source: IO[bytes], destination: Path, expected: MemberInfo, name: str) -> None:
    digest = hashlib.sha256()
    written = 0
    fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := source.read(_COPY_BUFFER):
            written += len(chunk)
            if written > expected.size:
                raise BackupError(f"Cadangan rusak: {name} lebih besar dari yang dicatat manifest.")
            digest.update(chunk)
            out.write(chunk)
    if written != expected.size or digest.hexdigest() != expected.sha256:
        raise BackupError(
            f"Cadangan rusak: checksum {name} tidak cocok dengan manifest "
            "(arsip rusak atau diubah)."
        )


def _unpack(archive: Path, into: Path) -> BackupManifest:
    """Check the archive member by member into `into`; raise BackupError on anything amiss."""
    if not archive.is_file():
        raise BackupError(f"Berkas cadangan {archive} tidak ditemukan.")
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST_MEMBER or not first.isfile():
                raise BackupError(
                    f"{archive} bukan arsip cadangan Garda (manifest.json tidak ada)."
                )
            if first.size > _MAX_MANIFEST_BYTES:
                raise BackupError("Cadangan rusak: manifest.json terlalu besar.")
            handle = tar.extractfile(first)
            if handle is None:
                raise BackupError("Cadangan rusak: manifest.json tidak terbaca.")
            manifest = BackupManifest.from_json(handle.read())
            expected = set(manifest.members)
            if not {DATA_MEMBER} <= expected <= set(MEMBERS):
                raise BackupError(
                    f"Cadangan rusak: manifest mencatat {sorted(manifest.members)}, "
                    f"seharusnya {sorted(MEMBERS)}."
                )
            if (KEY_MEMBER in expected) != bool(manifest.audit_key_id) or (
                manifest.audit_heads and KEY_MEMBER not in expected
            ):
                raise BackupError("Cadangan rusak: kunci audit tidak cocok dengan manifest.")
            if KEY_MEMBER in expected and manifest.members[KEY_MEMBER].size > _MAX_KEY_BYTES:
                raise BackupError("Cadangan rusak: berkas kunci audit terlalu besar.")
            seen: set[str] = set()
            while (member := tar.next()) is not None:
                name = member.name
                if name not in expected or name in seen or not member.isfile():
                    raise BackupError(f"Cadangan rusak: anggota arsip tak terduga {name!r}.")
                source = tar.extractfile(member)
                if source is None:
                    raise BackupError(f"Cadangan rusak: {name} tidak terbaca.")
                _copy_checked(source, into / name, manifest.members[name], name)
                seen.add(name)
            if missing := expected - seen:
                raise BackupError(f"Cadangan tidak lengkap: {', '.join(sorted(missing))} hilang.")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(f"Arsip cadangan {archive} rusak atau tidak terbaca: {exc}") from exc
    if KEY_MEMBER in manifest.members and _pem_key_id(into / KEY_MEMBER) != manifest.audit_key_id:
        raise BackupError("Cadangan rusak: kunci audit di arsip bukan kunci yang dicatat manifest.")
    return manifest


def _pem_key_id(path: Path) -> str | None:
    """The key id of an Ed25519 PEM file, or None when it holds no such key."""
    try:
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError):
        return None
    if not isinstance(loaded, Ed25519PrivateKey):
        return None
    return key_id(loaded.public_key())


def backup_inspect(path: str | os.PathLike[str]) -> BackupManifest:
    """Check an archive completely (format, checksums, key) without touching the database."""
    with tempfile.TemporaryDirectory(prefix="garda-restore-") as scratch:
        return _unpack(Path(path).expanduser(), Path(scratch))


# --- Restoring ----------------------------------------------------------------------------------


def _check_schema(manifest: BackupManifest) -> None:
    """The archive's rows fit only the schema they were written from."""
    here = _applied_migrations()
    loader = MigrationLoader(connections[_ALIAS], ignore_no_migrations=True)
    known = set(loader.graph.nodes)
    pending = known - {(app, name) for app, names in here.items() for name in names}
    if pending:
        names = ", ".join(f"{app}.{name}" for app, name in sorted(pending)[:5])
        raise BackupError(
            f"Basis data tujuan belum dimigrasi ({names}…). Jalankan `garda migrate` dulu."
        )
    theirs = {(app, name) for app, names in manifest.migrations.items() for name in names}
    ours = {(app, name) for app, names in here.items() for name in names}
    if unknown := theirs - ours:
        names = ", ".join(f"{app}.{name}" for app, name in sorted(unknown)[:5])
        raise BackupError(
            f"Cadangan dibuat oleh versi Garda yang lebih baru (migrasi tidak dikenal: {names}). "
            "Pulihkan dengan versi Garda yang sama atau lebih baru."
        )
    if newer := ours - theirs:
        names = ", ".join(f"{app}.{name}" for app, name in sorted(newer)[:5])
        raise BackupError(
            f"Cadangan dibuat dengan skema yang lebih lama (belum ada: {names}). Pasang versi "
            f"Garda {manifest.garda_version} yang membuatnya, pulihkan di sana, lalu "
            "jalankan `garda migrate` untuk memperbarui skema."
        )


@dataclass
class _KeyInstall:
    """Puts the archive's audit key in place, and can take that back if the restore fails."""

    target: Path
    action: str  # "none" (no key in the archive), "keep", "create" or "replace"
    saved_old: Path | None = None
    _written: bool = False

    @classmethod
    def plan(cls, archive_key_id: str, *, replace: bool) -> _KeyInstall:
        target = _audit_key_file()
        if not archive_key_id:  # nothing was signed when the backup was made
            return cls(target, "none")
        if not target.exists():
            return cls(target, "create")
        if _pem_key_id(target) == archive_key_id:
            return cls(target, "keep")
        if not replace:
            raise BackupError(
                f"Kunci audit di {target} berbeda dari kunci di cadangan. Pakai --replace untuk "
                "menggantinya (kunci lama disimpan di sebelahnya)."
            )
        stamp = dt.datetime.now(tz=dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return cls(target, "replace", target.with_name(f"{target.name}.sebelum-pulih-{stamp}"))

    def install(self, pem: bytes | None) -> None:
        if self.action in {"none", "keep"} or pem is None:
            return
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if self.action == "replace" and self.saved_old is not None:
            shutil.copy2(self.target, self.saved_old)
            os.chmod(self.saved_old, 0o600)
        if self.action == "create":
            # O_EXCL: never overwrite a key another process generated in the meantime.
            fd = os.open(self.target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            self._written = True
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
            return
        fd, temporary = tempfile.mkstemp(prefix=".audit-key.", dir=self.target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.target)
        self._written = True

    def undo(self) -> None:
        if not self._written:
            return
        if self.action == "create":
            self.target.unlink(missing_ok=True)
        elif self.saved_old is not None and self.saved_old.exists():
            os.replace(self.saved_old, self.target)
        self._written = False


def _flush_tables() -> list[str]:
    kept = {apps.get_model(label)._meta.db_table for label in _KEPT_ON_REPLACE}
    introspection = connections[_ALIAS].introspection
    return [
        table
        for table in introspection.django_table_names(only_existing=True, include_views=False)
        if table not in kept
    ]


def _prepare(*, replace: bool) -> list[str]:
    """Refuse a database that has been used unless `replace`; then empty every table (but
    content types and permissions). Returns the emptied tables."""
    used = [
        label for label in _IN_USE if apps.get_model(label)._base_manager.using(_ALIAS).exists()
    ]
    if used and not replace:
        raise BackupError(
            f"Basis data tujuan tidak kosong: sudah dipakai (ada isi di {', '.join(used)}). "
            "Pakai --replace untuk mengganti seluruh isinya dengan cadangan."
        )
    tables = _flush_tables()
    connection = connections[_ALIAS]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    connection.ops.execute_sql_flush(statements)
    return tables


def _row_by_row(model: type[Model]) -> bool:
    """Models whose rows `loaddata`'s own path must save one at a time: save signals to send
    (with raw=True), parents of multi-table inheritance, or `_order` to keep."""
    return bool(
        pre_save.has_listeners(model)
        or post_save.has_listeners(model)
        or model._meta.parents
        or model._meta.order_with_respect_to
    )


def _insert(items: list[DeserializedObject]) -> None:
    """INSERT a run of rows of one model exactly as `save_base(raw=True)` would (same fields,
    values taken as they are, no auto_now), but many rows per statement."""
    if not items:
        return
    model = type(items[0].object)
    if _row_by_row(model):
        for item in items:
            item.save(using=_ALIAS, force_insert=True)
        return
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    rows = [item.object for item in items]
    size = max(1, connections[_ALIAS].ops.bulk_batch_size(fields, rows))
    manager = model._base_manager.using(_ALIAS)
    for start in range(0, len(rows), size):
        # The private method save_base and bulk_create use; bulk_create would run pre_save()
        # and so overwrite auto_now fields, raw=True keeps the stored values.
        manager._insert(rows[start : start + size], fields=fields, using=_ALIAS, raw=True)  # type: ignore[attr-defined]  # not in django-stubs
    for item in items:
        for name, ids in (item.m2m_data or {}).items():
            if ids:
                getattr(item.object, name).set(ids)


def _load(data: Path, allowed: Mapping[str, type[Model]]) -> Counter[str]:
    loaded: Counter[str] = Counter()
    run: list[DeserializedObject] = []
    with data.open(encoding="utf-8") as stream:
        for item in serializers.deserialize("jsonl", stream, using=_ALIAS):
            label = _label(type(item.object))
            if label not in allowed:
                raise BackupError(f"Cadangan memuat tabel {label} yang tidak boleh dipulihkan.")
            if run and (type(run[0].object) is not type(item.object) or len(run) >= _CHUNK):
                _insert(run)
                run = []
            run.append(item)
            loaded[label] += 1
        _insert(run)
    return loaded


def _check_counts(manifest: BackupManifest, counted: Mapping[str, type[Model]]) -> None:
    if set(manifest.counts) != set(counted):
        extra = sorted(set(manifest.counts) ^ set(counted))
        raise BackupError(f"Tabel di cadangan tidak cocok dengan skema ini: {', '.join(extra)}.")
    wrong = []
    for label, expected in sorted(manifest.counts.items()):
        actual = counted[label]._base_manager.using(_ALIAS).count()
        if actual != expected:
            wrong.append(f"{label}: {actual} dari {expected}")
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
    `<key>.sebelum-pulih-<time>`. Raises BackupError; the database (and key file) are then
    as they were."""
    say = notify or (lambda message: None)
    archive = Path(path).expanduser()
    with tempfile.TemporaryDirectory(prefix="garda-restore-") as scratch:
        folder = Path(scratch)
        manifest = _unpack(archive, folder)
        _check_schema(manifest)
        key_file = folder / KEY_MEMBER
        key_pem = key_file.read_bytes() if key_file.exists() else None
        key = _KeyInstall.plan(manifest.audit_key_id, replace=replace)
        counted = counted_models()
        # Natural keys resolve through the content type cache; ids may have changed since.
        ContentType.objects.clear_cache()
        try:
            with transaction.atomic(using=_ALIAS):
                tables = _prepare(replace=replace)
                _load(folder / DATA_MEMBER, {_label(m): m for m in backup_models()})
                connections[_ALIAS].check_constraints(table_names=tables)
                _check_counts(manifest, counted)
                _check_audit_counter()
                _reset_sequences(counted)
                key.install(key_pem)
                report = audit_verify()
                if not report.ok:
                    problems = "; ".join(report.problems[:3])
                    raise BackupError(f"Log audit hasil pemulihan TIDAK utuh: {problems}.")
        except BackupError as exc:
            key.undo()
            raise BackupError(f"{exc} Pemulihan dibatalkan; basis data tidak diubah.") from exc
        except (DeserializationError, DatabaseError, LookupError, ValueError) as exc:
            key.undo()
            raise BackupError(
                f"Data cadangan tidak bisa dimuat: {exc}. Pemulihan dibatalkan; "
                "basis data tidak diubah."
            ) from exc
        except BaseException:
            key.undo()
            raise
    if key.action == "create":
        say(f"Kunci audit ditulis ke {key.target} (izin 0600).")
    elif key.action == "replace":
        say(f"Kunci audit diganti; kunci lama disimpan di {key.saved_old}.")
    say(f"Log audit utuh: {report.entries} entri, {report.heads} kepala pohon bertanda tangan.")
    return manifest
