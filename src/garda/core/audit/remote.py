"""Checking a Garda audit log from outside, as an auditor does on their own machine.

Only HTTP (urllib) and the public key: no database, no Django model, no secret. Given the base
URL of the public audit pages (…/audit/publik/), `verify_remote`:

1. fetches every signed tree head and the server's public key; the key pinned by the auditor
   (`--public-key`) wins over the one the server shows, and not pinning is warned about;
2. verifies every head's Ed25519 signature and key id, and that heads of the same size agree;
3. verifies a consistency proof (RFC 9162 2.1.4) between each pair of consecutive sizes, so
   every head extends the one before it;
4. with a state file, also proves that the heads seen on earlier runs are still prefixes of
   the latest one (a server that replaced its whole list is caught), then remembers the new
   heads;
5. spot-checks N entries (the first, the last and random ones): fetches each entry's canonical
   bytes, hashes them itself and verifies their inclusion proof (RFC 9162 2.1.3) against the
   latest signed root.

Every failure is collected with what failed; `RemoteReport.ok` is true only when none did.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import random
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from garda.core.audit.merkle import leaf_hash, tree_head_message
from garda.core.audit.proofs import verify_consistency, verify_inclusion

USER_AGENT = "garda-audit-verify/1"
PUBLIC_PATH = "audit/publik/"
STATE_FORMAT = "garda-audit-state-v1"
_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.DOTALL)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class RemoteError(Exception):
    """A request failed or answered something that is not what the protocol says."""


@dataclass(frozen=True)
class RemoteHead:
    tree_size: int
    root: bytes
    signed_at: dt.datetime
    signature: bytes
    key_id: str

    @classmethod
    def parse(cls, data: Any) -> RemoteHead:
        try:
            size = data["tree_size"]
            root = data["root_hash"]
            if not isinstance(size, int) or size < 0 or not _HEX64.match(root):
                raise ValueError("ukuran atau akar tidak sah")
            signed_at = dt.datetime.fromisoformat(data["signed_at"])
            if signed_at.tzinfo is None:
                raise ValueError("waktu tanpa zona waktu")
            return cls(
                tree_size=size,
                root=bytes.fromhex(root),
                signed_at=signed_at,
                signature=bytes.fromhex(data["signature"]),
                key_id=str(data["key_id"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise RemoteError(f"kepala pohon tidak terbaca: {data!r:.200} ({error})") from error

    @property
    def label(self) -> str:
        stamp = self.signed_at.astimezone(dt.UTC).isoformat(timespec="seconds")
        return f"kepala pohon berukuran {self.tree_size} ({stamp})"

    def message(self) -> bytes:
        return tree_head_message(self.tree_size, self.root, self.signed_at)


@dataclass
class RemoteReport:
    url: str
    key_id: str = ""
    pinned: bool = False
    heads: int = 0
    consistency_checked: int = 0
    remembered_checked: int = 0
    entries_checked: int = 0
    latest_size: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class HttpClient:
    """GET with urllib: JSON or bytes, no caches in between, clear errors."""

    def __init__(self, base_url: str, *, timeout: float = 30.0) -> None:
        self.base_url = normalise_url(base_url)
        self.timeout = timeout

    def url(self, path: str, params: dict[str, int] | None = None) -> str:
        url = urllib.parse.urljoin(self.base_url, path)
        return f"{url}?{urllib.parse.urlencode(params)}" if params else url

    def get_bytes(self, path: str, params: dict[str, int] | None = None) -> bytes:
        url = self.url(path, params)
        request = urllib.request.Request(  # noqa: S310  # scheme checked in normalise_url
            url,
            headers={"User-Agent": USER_AGENT, "Cache-Control": "no-cache", "Accept": "*/*"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as error:
            detail = _problem_detail(error)
            raise RemoteError(f"{url}: HTTP {error.code}{detail}") from error
        except (urllib.error.URLError, OSError) as error:
            raise RemoteError(f"{url}: {error}") from error

    def get_json(self, path: str, params: dict[str, int] | None = None) -> Any:
        body = self.get_bytes(path, params)
        try:
            return json.loads(body)
        except ValueError as error:
            raise RemoteError(f"{self.url(path, params)}: jawaban bukan JSON") from error


def _problem_detail(error: urllib.error.HTTPError) -> str:
    try:
        detail = json.loads(error.read()).get("detail", "")
    except (ValueError, AttributeError, OSError):
        return ""
    return f" ({detail})" if detail else ""


def normalise_url(url: str) -> str:
    """The public audit base URL, ending in "/"; a bare site address gets /audit/publik/."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise RemoteError(f"alamat harus http:// atau https://, bukan {url!r}")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    if path == "/":
        path += PUBLIC_PATH
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM; text around the block (e.g. `garda audit_public_key`'s
    "# id kunci" line) is ignored."""
    block = _PEM_BLOCK.search(pem)
    if block is None:
        raise RemoteError("tidak ada blok PUBLIC KEY (PEM)")
    try:
        key = serialization.load_pem_public_key(block.group(0))
    except ValueError as error:
        raise RemoteError(f"kunci publik tidak terbaca: {error}") from error
    if not isinstance(key, Ed25519PublicKey):
        raise RemoteError("kunci publik bukan Ed25519")
    return key


def raw_key_id(key: Ed25519PublicKey) -> str:
    """Same as garda.core.audit.signing.key_id, without settings."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


# --- The checks --------------------------------------------------------------------------------


def verify_remote(
    base_url: str,
    *,
    pinned_key_pem: bytes | None = None,
    sample: int = 20,
    state_file: Path | None = None,
    timeout: float = 30.0,
    rng: random.Random | None = None,
    progress: Callable[[str], None] | None = None,
) -> RemoteReport:
    client = HttpClient(base_url, timeout=timeout)
    report = RemoteReport(url=client.base_url)
    say = progress or (lambda _message: None)
    try:
        heads, key = _fetch_heads(client, report, pinned_key_pem)
    except RemoteError as error:
        report.problems.append(f"kepala pohon tidak dapat diambil: {error}")
        return report
    say(f"{len(heads)} kepala pohon diambil; kunci {report.key_id}")
    valid = _check_signatures(heads, key, report)
    if not valid:
        return report
    latest = valid[-1]
    report.latest_size = latest.tree_size
    _check_latest_endpoint(client, latest, report)
    _check_chain(client, valid, report)
    say(f"{report.consistency_checked} bukti konsistensi diperiksa")
    if state_file is not None:
        _check_remembered(client, state_file, valid, report)
    if sample > 0 and latest.tree_size > 0:
        _check_entries(client, latest, sample, rng or random.SystemRandom(), report, say)
    return report


def _fetch_heads(
    client: HttpClient, report: RemoteReport, pinned_key_pem: bytes | None
) -> tuple[list[RemoteHead], Ed25519PublicKey]:
    listing = client.get_json("sth/")
    if not isinstance(listing, dict) or not isinstance(listing.get("heads"), list):
        raise RemoteError("daftar kepala pohon tidak berbentuk {heads: [...]}")
    heads = [RemoteHead.parse(item) for item in listing["heads"]]
    if not heads:
        raise RemoteError("server belum menerbitkan satu pun kepala pohon bertanda tangan")
    server_key = None
    if listing.get("public_key"):
        server_key = load_public_key(str(listing["public_key"]).encode())
    if pinned_key_pem is not None:
        key = load_public_key(pinned_key_pem)
        report.pinned = True
        if server_key is not None and raw_key_id(server_key) != raw_key_id(key):
            report.problems.append(
                f"kunci publik di server ({raw_key_id(server_key)}) bukan kunci yang "
                f"disematkan ({raw_key_id(key)})"
            )
    elif server_key is not None:
        key = server_key
        report.warnings.append(
            "kunci publik tidak disematkan (--public-key): kunci diambil dari server yang sama "
            "yang sedang diperiksa"
        )
    else:
        raise RemoteError("server tidak menerbitkan kunci publik dan tidak ada --public-key")
    report.key_id = raw_key_id(key)
    heads.sort(key=lambda head: (head.tree_size, head.signed_at))
    return heads, key


def _check_signatures(
    heads: list[RemoteHead], key: Ed25519PublicKey, report: RemoteReport
) -> list[RemoteHead]:
    """The heads whose signature holds, each size once; problems for the rest."""
    valid: list[RemoteHead] = []
    by_size: dict[int, RemoteHead] = {}
    for head in heads:
        report.heads += 1
        if head.key_id != report.key_id:
            report.problems.append(f"{head.label} ditandatangani kunci lain ({head.key_id})")
            continue
        try:
            key.verify(head.signature, head.message())
        except (InvalidSignature, ValueError):
            report.problems.append(f"{head.label}: tanda tangan tidak sah")
            continue
        seen = by_size.get(head.tree_size)
        if seen is not None:
            if seen.root != head.root:
                report.problems.append(
                    f"dua kepala pohon berukuran {head.tree_size} dengan akar berbeda "
                    f"({seen.label} dan {head.label}): log bercabang"
                )
            continue
        if valid and head.signed_at < valid[-1].signed_at:
            report.problems.append(
                f"{head.label} ditandatangani sebelum kepala yang lebih kecil ({valid[-1].label})"
            )
        by_size[head.tree_size] = head
        valid.append(head)
    return valid


def _check_latest_endpoint(client: HttpClient, latest: RemoteHead, report: RemoteReport) -> None:
    try:
        current = RemoteHead.parse(client.get_json("sth.json"))
    except RemoteError as error:
        report.problems.append(f"kepala pohon terakhir (sth.json): {error}")
        return
    if (current.tree_size, current.root) != (latest.tree_size, latest.root):
        report.problems.append(
            f"sth.json (ukuran {current.tree_size}) tidak sama dengan kepala terakhir di daftar "
            f"(ukuran {latest.tree_size})"
        )


def _consistent(
    client: HttpClient, first: tuple[int, bytes], second: tuple[int, bytes]
) -> str | None:
    """None when the server proves `first` is a prefix of `second`; else what went wrong."""
    if first[0] == 0:
        return None if first[1] == hashlib.sha256(b"").digest() else "akar pohon kosong salah"
    if first[0] == second[0]:
        return None if first[1] == second[1] else "ukuran sama, akar berbeda"
    try:
        answer = client.get_json("bukti-konsistensi/", {"dari": first[0], "ke": second[0]})
        path = [bytes.fromhex(item) for item in answer["consistency_path"]]
    except RemoteError as error:
        return str(error)
    except (KeyError, TypeError, ValueError) as error:
        return f"bukti tidak terbaca ({error})"
    if not verify_consistency(first[0], second[0], first[1], second[1], path):
        return "bukti konsistensi tidak sah"
    return None


def _check_chain(client: HttpClient, heads: list[RemoteHead], report: RemoteReport) -> None:
    for before, after in itertools.pairwise(heads):
        failure = _consistent(
            client, (before.tree_size, before.root), (after.tree_size, after.root)
        )
        report.consistency_checked += 1
        if failure is not None:
            report.problems.append(f"{after.label} bukan kelanjutan dari {before.label}: {failure}")


def _check_remembered(
    client: HttpClient, state_file: Path, heads: list[RemoteHead], report: RemoteReport
) -> None:
    """Heads seen on earlier runs must still be prefixes of the latest head."""
    remembered: dict[int, bytes] = {}
    if state_file.exists():
        try:
            state = json.loads(state_file.read_text())
            if state.get("format") != STATE_FORMAT or state.get("url") != report.url:
                raise ValueError("berkas keadaan untuk log lain")
            remembered = {int(size): bytes.fromhex(root) for size, root in state["heads"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            report.problems.append(f"berkas keadaan {state_file} tidak terbaca: {error}")
            return
    latest = heads[-1]
    # Every remembered head was proven a prefix of the largest one when it was saved, and
    # "is a prefix of" is transitive: proving the largest against today's head covers all.
    report.remembered_checked = len(remembered)
    if remembered:
        size = max(remembered)
        if size > latest.tree_size:
            report.problems.append(
                f"kepala berukuran {size} yang pernah dilihat lebih besar dari kepala terakhir "
                f"server ({latest.tree_size}): log dipotong"
            )
        else:
            failure = _consistent(client, (size, remembered[size]), (latest.tree_size, latest.root))
            if failure is not None:
                report.problems.append(
                    f"kepala berukuran {size} yang pernah dilihat bukan awal dari kepala "
                    f"terakhir: {failure}"
                )
    if report.problems:
        return  # keep the old state: it is the evidence
    remembered.update({head.tree_size: head.root for head in heads})
    state_file.write_text(
        json.dumps(
            {
                "format": STATE_FORMAT,
                "url": report.url,
                "key_id": report.key_id,
                "heads": {str(size): root.hex() for size, root in sorted(remembered.items())},
            },
            indent=1,
        )
    )


def _check_entries(
    client: HttpClient,
    latest: RemoteHead,
    sample: int,
    rng: random.Random,
    report: RemoteReport,
    say: Callable[[str], None],
) -> None:
    size = latest.tree_size
    if sample >= size:
        seqs = list(range(1, size + 1))
    else:
        seqs = sorted({1, size} | set(rng.sample(range(1, size + 1), max(sample - 2, 0))))
    for seq in seqs:
        failure = _check_entry(client, seq, latest)
        report.entries_checked += 1
        if failure is not None:
            report.problems.append(f"entri #{seq}: {failure}")
    say(f"{report.entries_checked} entri diperiksa terhadap akar berukuran {size}")


def _check_entry(client: HttpClient, seq: int, head: RemoteHead) -> str | None:
    try:
        canonical = client.get_bytes(f"entri/{seq}.json")
        proof = client.get_json(f"bukti-inklusi/{seq}/", {"ukuran": head.tree_size})
        path = [bytes.fromhex(item) for item in proof["audit_path"]]
    except RemoteError as error:
        return str(error)
    except (KeyError, TypeError, ValueError) as error:
        return f"bukti inklusi tidak terbaca ({error})"
    try:
        document = json.loads(canonical)
        masked = isinstance(document, dict) and "masked" in document
        if masked:  # an old entry shown with a credential masked: its leaf hash is given
            digest = bytes.fromhex(str(document["leaf_hash"]))
            document = document["entry"]
        numbered = document.get("seq")
    except (ValueError, AttributeError, KeyError, TypeError):
        numbered = None
    if numbered != seq:
        return f"isi entri bernomor {numbered!r}, bukan {seq}"
    if not masked:
        digest = leaf_hash(canonical)
    if not verify_inclusion(seq - 1, head.tree_size, digest, path, head.root):
        return (
            f"isinya (hash {digest.hex()[:16]}…) tidak terbukti ada di pohon bertanda tangan "
            f"berukuran {head.tree_size}: entri diubah atau buktinya salah"
        )
    return None
