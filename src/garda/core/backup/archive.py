"""The .tar.gz itself: writing it privately and atomically, and reading it back member by
member against the manifest's checksums before anything is trusted."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import tempfile
import time
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Final

from garda.core.backup.keys import pem_key_id
from garda.core.backup.manifest import (
    DATA_MEMBER,
    KEY_MEMBER,
    MANIFEST_MEMBER,
    MEDIA_PREFIX,
    MEMBERS,
    BackupError,
    BackupManifest,
    MemberInfo,
)
from garda.core.backup.media import safe_media_name

_COPY_BUFFER: Final = 1 << 20
_MAX_MANIFEST_BYTES: Final = 4 << 20
_MAX_KEY_BYTES: Final = 64 << 10


def file_info(path: Path) -> MemberInfo:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_COPY_BUFFER):
            digest.update(chunk)
    return MemberInfo(sha256=digest.hexdigest(), size=path.stat().st_size)


def _add_member(tar: tarfile.TarFile, name: str, size: int, source: IO[bytes]) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(time.time())
    tar.addfile(info, source)


def write_archive(
    target: Path,
    manifest: BackupManifest,
    data: Path,
    key_pem: bytes | None,
    media: Mapping[str, Path],
) -> None:
    """Write to a private temporary file beside the target, then rename it into place.
    `media` maps names below MEDIA_ROOT to the files, whose checksums the manifest holds."""
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
                for name, path in media.items():
                    member = MEDIA_PREFIX + name
                    with path.open("rb") as handle:
                        _add_member(tar, member, manifest.members[member].size, handle)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise BackupError(f"Arsip {target} tidak bisa ditulis: {exc}") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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


def _check_members(manifest: BackupManifest) -> None:
    expected = set(manifest.members)
    media = {name for name in expected if name.startswith(MEDIA_PREFIX)}
    if not {DATA_MEMBER} <= expected - media <= set(MEMBERS):
        raise BackupError(
            f"Cadangan rusak: manifest mencatat {sorted(expected - media)}, "
            f"seharusnya {sorted(MEMBERS)}."
        )
    if media and not manifest.media_included:
        raise BackupError("Cadangan rusak: berkas unggahan tanpa tanda media_included.")
    if unsafe := sorted(n for n in media if not safe_media_name(n.removeprefix(MEDIA_PREFIX))):
        raise BackupError(f"Cadangan rusak: nama berkas unggahan tidak sah {unsafe[0]!r}.")
    if (KEY_MEMBER in expected) != bool(manifest.audit_key_id) or (
        manifest.audit_heads and KEY_MEMBER not in expected
    ):
        raise BackupError("Cadangan rusak: kunci audit tidak cocok dengan manifest.")
    if KEY_MEMBER in expected and manifest.members[KEY_MEMBER].size > _MAX_KEY_BYTES:
        raise BackupError("Cadangan rusak: berkas kunci audit terlalu besar.")


def unpack(archive: Path, into: Path, media_into: Path | None = None) -> BackupManifest:
    """Check the archive member by member into `into` (uploaded files into `media_into`,
    default `into/media`); raise BackupError on anything amiss."""
    if not archive.is_file():
        raise BackupError(f"Berkas cadangan {archive} tidak ditemukan.")
    media_folder = media_into if media_into is not None else into / "media"
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
            _check_members(manifest)
            expected = set(manifest.members)
            seen: set[str] = set()
            while (member := tar.next()) is not None:
                name = member.name
                if name not in expected or name in seen or not member.isfile():
                    raise BackupError(f"Cadangan rusak: anggota arsip tak terduga {name!r}.")
                source = tar.extractfile(member)
                if source is None:
                    raise BackupError(f"Cadangan rusak: {name} tidak terbaca.")
                if name.startswith(MEDIA_PREFIX):
                    destination = media_folder / name.removeprefix(MEDIA_PREFIX)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                else:
                    destination = into / name
                _copy_checked(source, destination, manifest.members[name], name)
                seen.add(name)
            if missing := expected - seen:
                raise BackupError(f"Cadangan tidak lengkap: {', '.join(sorted(missing))} hilang.")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(f"Arsip cadangan {archive} rusak atau tidak terbaca: {exc}") from exc
    if KEY_MEMBER in manifest.members and pem_key_id(into / KEY_MEMBER) != manifest.audit_key_id:
        raise BackupError("Cadangan rusak: kunci audit di arsip bukan kunci yang dicatat manifest.")
    return manifest


def backup_inspect(path: str | os.PathLike[str]) -> BackupManifest:
    """Check an archive completely (format, checksums, key) without touching the database."""
    with tempfile.TemporaryDirectory(prefix="garda-restore-") as scratch:
        return unpack(Path(path).expanduser(), Path(scratch))
