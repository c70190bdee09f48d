"""The public face of the audit log: signed tree heads, proofs and entries, for anyone.

Everything here is read-only, needs no sign-in and answers JSON (or CSV, PEM, or the entry's
exact bytes), so that a citizen or an auditor can check the log from outside with
`garda audit_verify --remote URL` or their own tools. What is public:

- every signed tree head (size, root, time, signature, key id) and the public key;
- inclusion proofs (RFC 9162 2.1.3) and consistency proofs (2.1.4) for sizes up to the latest
  signed head;
- the canonical bytes of each entry up to the latest signed head, exactly as hashed into the
  leaf: personal fields in before/after are masked when the entry is written, but the actor's
  name and the object's label are part of those bytes (see the public page).

Entries appended after the latest signed head are not served until the next head covers them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from garda.core.api_errors import PROBLEM_TYPE_BASE
from garda.core.audit.credentials import (
    is_private_action,
    mask_entry_document,
    mask_private_entry,
)
from garda.core.audit.models import AuditEntry, SignedTreeHead
from garda.core.audit.proofs import (
    MissingNodes,
    ProofError,
    stored_consistency_proof,
    stored_inclusion_proof_with_leaf,
)
from garda.core.audit.signing import SigningKeyMissing, key_id, load_private_key, public_key_pem
from garda.core.params import number_from
from garda.core.permissions import access_for, require_access
from garda.core.roles import PUBLIC
from garda.core.spreadsheets.export import csv_bytes

PUBLIC_ACCESS = access_for(PUBLIC)
# How a head's signature is made (garda.core.audit.merkle.tree_head_message), for auditors who
# write their own verifier.
SIGNED_MESSAGE = (
    "teks garda-sth-v1, ganti baris, ukuran pohon (angka desimal), ganti baris, akar pohon "
    "(32 bita mentah), ganti baris, waktu penandatanganan (UTC, ISO 8601 dengan mikrodetik)"
)
HEADS_ON_PAGE = 30
# Proofs and entries for a fixed size never change; heads change once a day.
_IMMUTABLE = "public, max-age=86400"
_FRESH = "public, max-age=60"


class _Problem(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


def _public(
    view: Callable[..., HttpResponse], *, cache: str = _FRESH
) -> Callable[..., HttpResponse]:
    """Open to anyone, GET/HEAD only, readable from other sites' scripts; a _Problem raised
    by the view becomes an RFC 9457 problem document."""

    @require_access(PUBLIC_ACCESS)
    @require_safe
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except _Problem as problem:
            response = JsonResponse(
                {
                    "type": PROBLEM_TYPE_BASE + problem.code,
                    "title": problem.detail,
                    "status": problem.status,
                    "detail": problem.detail,
                    "instance": request.get_full_path(),
                    "code": problem.code,
                },
                status=problem.status,
                content_type="application/problem+json",
                json_dumps_params={"ensure_ascii": False},
            )
            response["Cache-Control"] = "no-store"
        else:
            response.setdefault("Cache-Control", cache)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _json(data: dict[str, Any]) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def head_json(head: SignedTreeHead) -> dict[str, Any]:
    """A head as published: `signed_at` is the exact text that was signed."""
    return {
        "tree_size": head.tree_size,
        "root_hash": head.root_hash,
        "signed_at": head.signed_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "signature": head.signature,
        "key_id": head.key_id,
    }


def _latest_head() -> SignedTreeHead:
    head = SignedTreeHead.objects.order_by("-tree_size", "-signed_at").first()
    if head is None:
        raise _Problem(404, "audit_no_head", "Belum ada kepala pohon bertanda tangan.")
    return head


def _key() -> tuple[str, str] | None:
    """(key id, PEM) of the signing key, or None before the first head was signed."""
    try:
        key = load_private_key()
    except SigningKeyMissing:
        return None
    return key_id(key.public_key()), public_key_pem()


def _size_param(request: HttpRequest, name: str, default: int, latest: SignedTreeHead) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    size = number_from(raw, maximum=10**15)
    if size is None:
        raise _Problem(400, "audit_bad_size", f"Parameter {name} harus bilangan bulat positif.")
    if size > latest.tree_size:
        raise _Problem(
            404,
            "audit_size_unsigned",
            f"Ukuran {size} melebihi kepala pohon bertanda tangan terakhir ({latest.tree_size}).",
        )
    return size


def _proof(compute: Callable[[], list[bytes]]) -> list[str]:
    try:
        return [item.hex() for item in compute()]
    except ProofError as error:
        raise _Problem(400, "audit_bad_proof_request", str(error)) from error
    except MissingNodes as error:
        raise _Problem(503, "audit_nodes_missing", f"Bukti belum dapat dibuat: {error}") from error


# --- Views -------------------------------------------------------------------------------------


@require_access(PUBLIC_ACCESS)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The public page: the heads, the public key, and how to check them."""
    heads = list(SignedTreeHead.objects.order_by("-tree_size", "-signed_at")[:HEADS_ON_PAGE])
    key = _key()
    return render(
        request,
        "core/audit_public.html",
        {
            "heads": heads,
            "head_count": SignedTreeHead.objects.count(),
            "latest": heads[0] if heads else None,
            "key_id": key[0] if key else "",
            "public_key": key[1] if key else "",
            "base_url": request.build_absolute_uri(request.path),
            "signed_message": SIGNED_MESSAGE,
        },
    )


def _sth_latest(request: HttpRequest) -> HttpResponse:
    """The latest signed tree head, with the public key that signed it."""
    head = _latest_head()
    key = _key()
    return _json({**head_json(head), "public_key": key[1] if key else None})


def _sth_list(request: HttpRequest) -> HttpResponse:
    """Every signed tree head, oldest first: the published dataset."""
    key = _key()
    heads = SignedTreeHead.objects.order_by("tree_size", "signed_at")
    return _json(
        {
            "key_id": key[0] if key else None,
            "public_key": key[1] if key else None,
            "signed_message": SIGNED_MESSAGE,
            "heads": [head_json(head) for head in heads.iterator(chunk_size=2000)],
        }
    )


def _sth_csv(request: HttpRequest) -> HttpResponse:
    """The same dataset as CSV (UTF-8, comma, header row)."""
    names = ["tree_size", "root_hash", "signed_at", "signature", "key_id"]
    heads = SignedTreeHead.objects.order_by("tree_size", "signed_at")
    rows = (
        [row[name] for name in names]
        for row in (head_json(head) for head in heads.iterator(chunk_size=2000))
    )
    # The kit's one writer, like every export (hex, numbers and times: nothing to neutralise).
    content = csv_bytes(names, rows, bom=False, lineterminator="\n")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="garda-kepala-pohon.csv"'
    return response


def _public_key(request: HttpRequest) -> HttpResponse:
    """The Ed25519 public key (PEM), to pin with `audit_verify --public-key`."""
    key = _key()
    if key is None:
        raise _Problem(
            404, "audit_no_key", "Belum ada kunci: belum ada kepala pohon bertanda tangan."
        )
    return HttpResponse(key[1], content_type="application/x-pem-file")


def _inclusion(request: HttpRequest, seq: int) -> HttpResponse:
    """RFC 9162 inclusion proof of entry `seq` in the tree of `ukuran` entries (default:
    the latest signed head's size)."""
    latest = _latest_head()
    size = _size_param(request, "ukuran", latest.tree_size, latest)
    if not 1 <= seq <= size:
        raise _Problem(404, "audit_no_entry", f"Entri #{seq} tidak ada di pohon berukuran {size}.")
    try:
        leaf, path = stored_inclusion_proof_with_leaf(seq - 1, size)
    except MissingNodes as error:
        if (0, seq - 1) in error.nodes:
            raise _Problem(404, "audit_no_entry", f"Entri #{seq} tidak ditemukan.") from error
        raise _Problem(503, "audit_nodes_missing", f"Bukti belum dapat dibuat: {error}") from error
    response = _json(
        {
            "seq": seq,
            "leaf_index": seq - 1,
            "tree_size": size,
            "leaf_hash": leaf.hex(),
            "audit_path": [item.hex() for item in path],
        }
    )
    if "ukuran" in request.GET:
        response["Cache-Control"] = _IMMUTABLE
    return response


def _consistency(request: HttpRequest) -> HttpResponse:
    """RFC 9162 consistency proof between sizes `dari` and `ke` (defaults: the previous and
    the latest signed head)."""
    latest = _latest_head()
    second = _size_param(request, "ke", latest.tree_size, latest)
    previous = (
        SignedTreeHead.objects.filter(tree_size__lt=second)
        .order_by("-tree_size")
        .values_list("tree_size", flat=True)
        .first()
    )
    first = _size_param(request, "dari", previous or second, latest)
    if not 0 < first <= second:
        raise _Problem(400, "audit_bad_proof_request", "Syaratnya 0 < dari <= ke.")
    path = _proof(lambda: stored_consistency_proof(first, second))
    response = _json({"first": first, "second": second, "consistency_path": path})
    if "dari" in request.GET and "ke" in request.GET:
        response["Cache-Control"] = _IMMUTABLE
    return response


def _entry(request: HttpRequest, seq: int) -> HttpResponse:
    """The entry's canonical bytes, exactly as hashed: SHA-256(0x00 || body) is its leaf."""
    latest = _latest_head()
    if not 1 <= seq <= latest.tree_size:
        raise _Problem(
            404,
            "audit_no_entry",
            f"Entri #{seq} belum tercakup kepala pohon bertanda tangan (1-{latest.tree_size}).",
        )
    entry = AuditEntry.objects.filter(seq=seq).first()
    if entry is None:
        raise _Problem(404, "audit_no_entry", f"Entri #{seq} tidak ditemukan.")
    body = public_entry_bytes(entry)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = f'"{entry.leaf_hash}"'
    return response


# Entries from this version on never hold a credential in the clear.
CREDENTIALS_DIGESTED_FROM = 2


def public_entry_bytes(entry: AuditEntry) -> bytes:
    """The canonical bytes, exactly as hashed; for a security event (who signed in) or a
    version-1 entry that holds a credential, the document with those parts masked, the masked
    paths and the leaf hash the inclusion proof checks (core/audit/credentials.py)."""
    canonical = entry.canonical()
    if is_private_action(entry.action):
        document, masked = mask_private_entry(json.loads(canonical))
    elif entry.version >= CREDENTIALS_DIGESTED_FROM:
        return canonical
    else:
        document, masked = mask_entry_document(json.loads(canonical))
    if not masked:
        return canonical
    wrapped = {"masked": masked, "leaf_hash": entry.leaf_hash, "entry": document}
    return json.dumps(wrapped, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


sth_latest = _public(_sth_latest)
sth_list = _public(_sth_list)
sth_csv = _public(_sth_csv)
public_key = _public(_public_key, cache=_IMMUTABLE)
inclusion = _public(_inclusion)
consistency = _public(_consistency)
entry = _public(_entry, cache=_IMMUTABLE)
