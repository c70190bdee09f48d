"""Uploaded files (MEDIA_ROOT): evidence, PPID answers, certificates, open-data versions.

A restored database whose rows name files that are not there answers 500 on every page that
opens one, so the archive carries the whole media folder and a restore refuses to finish
unless every file a FileField names is present. The new folder is built beside MEDIA_ROOT and
swapped in by renaming, so a failed restore leaves the old folder as it was; a folder that
held files is kept aside as `<media>.sebelum-pulih-<time>`, never deleted."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import FileField

from garda.core.backup.manifest import BackupError
from garda.core.backup.tables import backup_models

_SHOWN: int = 5  # missing files named in an error message


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).absolute()


def media_files() -> dict[str, Path]:
    """Every regular file below MEDIA_ROOT by its relative POSIX name, in name order.
    Symbolic links are not followed: they could point anywhere on the server."""
    root = media_root()
    found: dict[str, Path] = {}
    if not root.is_dir():
        return found
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(root).as_posix()] = path
    return dict(sorted(found.items()))


def referenced_media(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """The file names that rows hold in FileFields (empty values are no file)."""
    names: set[str] = set()
    for model in backup_models(apps):
        for f in model._meta.concrete_fields:
            if isinstance(f, FileField):
                values = model._base_manager.using(using).exclude(**{f.attname: ""})
                names.update(v for v in values.values_list(f.attname, flat=True) if v)
    return names


def missing_message(missing: set[str], where: str) -> str:
    shown = ", ".join(sorted(missing)[:_SHOWN])
    more = f" dan {len(missing) - _SHOWN} lainnya" if len(missing) > _SHOWN else ""
    return (
        f"{len(missing)} berkas unggahan yang dirujuk basis data tidak ada di {where}: "
        f"{shown}{more}."
    )


def safe_media_name(name: str) -> bool:
    """A member name that stays inside the media folder once joined to it."""
    parts = name.split("/")
    return (
        bool(name)
        and "\\" not in name
        and "\x00" not in name
        and not PurePosixPath(name).is_absolute()
        and all(part not in {"", ".", ".."} for part in parts)
    )


@dataclass
class MediaInstall:
    """A new media folder built beside MEDIA_ROOT, swapped in by rename, and back on undo."""

    target: Path
    staging: Path
    saved_old: Path | None = None
    _installed: bool = False

    @classmethod
    def plan(cls) -> MediaInstall:
        target = media_root()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.pulih-", dir=target.parent))
        except OSError as exc:
            raise BackupError(f"Folder di sebelah {target} tidak bisa ditulis: {exc}") from exc
        return cls(target, staging)

    def check(self, referenced: set[str]) -> None:
        missing = {name for name in referenced if not (self.staging / name).is_file()}
        if missing:
            raise BackupError(missing_message(missing, "arsip cadangan"))

    def install(self) -> None:
        try:
            self._swap_in()
        except OSError as exc:
            # e.g. MEDIA_ROOT is a mount point, which cannot be renamed: put back what moved.
            if self.saved_old is not None and not self.target.exists():
                os.replace(self.saved_old, self.target)
                self.saved_old = None
            raise BackupError(
                f"Folder media {self.target} tidak bisa diganti ({exc}); pemulihan memerlukan "
                "folder biasa di dalam folder data, bukan titik kait (mount point)."
            ) from exc

    def _swap_in(self) -> None:
        mode = 0o755
        if self.target.exists():
            mode = self.target.stat().st_mode & 0o7777
            if any(self.target.iterdir()):
                stamp = dt.datetime.now(tz=dt.UTC).strftime("%Y%m%dT%H%M%SZ")
                self.saved_old = self.target.with_name(f"{self.target.name}.sebelum-pulih-{stamp}")
                os.replace(self.target, self.saved_old)
            else:
                self.target.rmdir()
        os.chmod(self.staging, mode)
        os.replace(self.staging, self.target)
        self._installed = True

    def undo(self) -> None:
        if self._installed:
            os.replace(self.target, self.staging)
            if self.saved_old is not None:
                os.replace(self.saved_old, self.target)
                self.saved_old = None
            self._installed = False
        self.discard()

    def discard(self) -> None:
        """Remove the staging folder unless it became MEDIA_ROOT."""
        if not self._installed:
            shutil.rmtree(self.staging, ignore_errors=True)
