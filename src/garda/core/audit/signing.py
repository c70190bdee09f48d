"""Ed25519 key for signing tree heads: generated once into the data folder (mode 0600)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings


def _key_file() -> Path:
    return Path(settings.GARDA_AUDIT_KEY_FILE)


class SigningKeyMissing(RuntimeError):
    pass


def load_private_key(*, create: bool = False) -> Ed25519PrivateKey:
    """The signing key. It is generated only when asked (the first head ever signed):
    a key that vanished later must be restored from backup, never silently replaced, or
    every head signed before would stop verifying."""
    path = _key_file()
    return load_key_file(
        path,
        create=create,
        missing=f"Kunci tanda tangan audit tidak ditemukan di {path}. Pulihkan dari cadangan.",
    )


def load_key_file(path: Path, *, create: bool, missing: str) -> Ed25519PrivateKey:
    """An Ed25519 private key kept as PKCS#8 PEM in `path` (mode 0600). With `create`, a key is
    generated when the file does not exist yet (two processes racing agree on one file);
    otherwise a missing file raises SigningKeyMissing(missing). Other apps' keys (the Open
    Badges key) are kept the same way, each in its own file."""
    if not path.exists() and not create:
        raise SigningKeyMissing(missing)
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process won the race; read what it wrote
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise TypeError(f"{path} does not hold an Ed25519 key")
    return loaded


def public_key_bytes(public_key: Ed25519PublicKey | None = None) -> bytes:
    key = public_key or load_private_key().public_key()
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key: Ed25519PublicKey | None = None) -> str:
    """A short, stable name for the key: the SHA-256 of its raw public bytes."""
    return hashlib.sha256(public_key_bytes(public_key)).hexdigest()[:16]


def public_key_pem() -> str:
    return (
        load_private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
