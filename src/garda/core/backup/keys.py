"""The audit signing key: it travels with the archive, because without it `audit_verify` fails
on every signed tree head, and a restore puts it in place or takes it back."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from garda.core.audit.signing import key_id
from garda.core.backup.manifest import BackupError


def audit_key_file() -> Path:
    return Path(settings.GARDA_AUDIT_KEY_FILE)


def current_key(signed_heads: int) -> tuple[bytes | None, str]:
    """The audit key file's bytes and id; none yet is fine while nothing has been signed."""
    path = audit_key_file()
    if not path.exists():
        if signed_heads:
            raise BackupError(
                f"Kunci tanda tangan audit tidak ditemukan di {path}, padahal log audit punya "
                f"{signed_heads} kepala pohon bertanda tangan; cadangan tanpa kunci itu tidak "
                "bisa diverifikasi. Kembalikan berkas kunci itu dulu."
            )
        return None, ""
    key_pem = path.read_bytes()
    found = pem_key_id(path)
    if found is None:
        raise BackupError(f"Berkas kunci audit {path} rusak (bukan kunci Ed25519).")
    return key_pem, found


def pem_key_id(path: Path) -> str | None:
    """The key id of an Ed25519 PEM file, or None when it holds no such key."""
    try:
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError):
        return None
    if not isinstance(loaded, Ed25519PrivateKey):
        return None
    return key_id(loaded.public_key())


@dataclass
class KeyInstall:
    """Puts the archive's audit key in place, and can take that back if the restore fails."""

    target: Path
    action: str  # "none" (no key in the archive), "keep", "create" or "replace"
    saved_old: Path | None = None
    _written: bool = False

    @classmethod
    def plan(cls, archive_key_id: str, *, replace: bool) -> KeyInstall:
        target = audit_key_file()
        if not archive_key_id:  # nothing was signed when the backup was made
            return cls(target, "none")
        if not target.exists():
            return cls(target, "create")
        if pem_key_id(target) == archive_key_id:
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
