"""The archive's table of contents: what an archive holds and the checks it carries."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, TypeVar

FORMAT: Final = "garda-backup"
FORMAT_VERSION: Final = 1
MANIFEST_MEMBER: Final = "manifest.json"
DATA_MEMBER: Final = "data.jsonl"
KEY_MEMBER: Final = "audit_ed25519.key"
MEMBERS: Final = (DATA_MEMBER, KEY_MEMBER)  # the key is absent only when nothing was signed yet
# Uploaded files travel as members under this folder, named by their path below MEDIA_ROOT.
MEDIA_PREFIX: Final = "media/"

# Tables whose rows do not travel, and why (shown in the manifest, too).
EXCLUDED: Final[Mapping[str, str]] = {
    "contenttypes.contenttype": "dibuat ulang oleh migrate; dirujuk dengan kunci alami",
    "auth.permission": "dibuat ulang oleh migrate; dirujuk dengan kunci alami",
    "sessions.session": "sesi masuk tidak dipulihkan; pengguna masuk lagi",
    "axes.accessattempt": "penghitung penguncian sementara",
    "axes.accessattemptexpiration": "penghitung penguncian sementara",
    "django_tasks_database.dbtaskresult": "antrean tugas; memulihkannya menjalankan tugas dua kali",
}

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
    # False for archives written before uploaded files travelled: their restore leaves the
    # media folder alone and only warns about files the rows name that are not there.
    media_included: bool = False

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    @property
    def media(self) -> dict[str, MemberInfo]:
        """Uploaded files, by their path below MEDIA_ROOT."""
        return {
            name.removeprefix(MEDIA_PREFIX): info
            for name, info in self.members.items()
            if name.startswith(MEDIA_PREFIX)
        }

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
            "media_included": self.media_included,
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
                media_included=_expect(document.get("media_included", False), bool),
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
