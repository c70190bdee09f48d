"""Credentials never enter the public log.

A booking code lets its holder view and cancel a queue ticket; a PPID tracking code lets its
holder follow and object to a request; a calendar token opens a feed. The audit log is public
(`/audit/publik/`), so since audit version 2 such values are written as a keyed digest: staff
can still tell two entries about one code apart from entries about another, nobody can turn
the digest back into the code. A model names its credentials in `secret_fields`.

Entries written before (version 1) cannot change without breaking their hash; the public view
shows them with the credential masked and gives their leaf hash, which the inclusion proof
checks instead of the content (`public_document`). The codes that appeared in them and are
still valid are replaced and their holders told (`garda audit_rotate_exposed_codes`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.utils.crypto import salted_hmac

MASK = "[disembunyikan]"

Rotator = Callable[[str, frozenset[str]], bool]
_rotators: dict[str, Rotator] = {}


@functools.cache
def secret_field_names() -> frozenset[str]:
    """Every model's `secret_fields` (read once the apps are loaded)."""
    names: set[str] = set()
    for model in apps.get_models():
        names |= set(getattr(model, "secret_fields", frozenset()))
    return frozenset(names)


def keyed_digest(value: object) -> str:
    """What version 2 stores for a credential: an HMAC under the site's secret key."""
    return "hmac:" + salted_hmac("garda.audit.credential", str(value)).hexdigest()[:32]


def digest_credentials(document: Any) -> Any:
    """`document` with the value of every credential key as its keyed digest: what an entry of
    version 2 stores, whichever service built its before/after."""
    names = secret_field_names()
    if isinstance(document, dict):
        return {
            key: keyed_digest(value)
            if key in names and value not in (None, "") and not str(value).startswith("hmac:")
            else digest_credentials(value)
            for key, value in document.items()
        }
    if isinstance(document, list):
        return [digest_credentials(value) for value in document]
    return document


def mask_credentials(document: Any, prefix: str = "") -> tuple[Any, list[str]]:
    """`document` with the value of every credential key replaced by MASK, and the paths
    that were masked ("after.booking_code")."""
    names = secret_field_names()
    if isinstance(document, dict):
        masked: dict[str, Any] = {}
        paths: list[str] = []
        for key, value in document.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key in names and value not in (None, ""):
                masked[key] = MASK
                paths.append(path)
            else:
                masked[key], inner = mask_credentials(value, path)
                paths.extend(inner)
        return masked, paths
    if isinstance(document, list):
        items = [mask_credentials(value, f"{prefix}[{i}]") for i, value in enumerate(document)]
        return [item for item, _ in items], [p for _, inner in items for p in inner]
    return document, []


def register_exposed_code_rotator(object_type: str, rotate: Rotator) -> None:
    """`rotate(object_id, exposed_values)` replaces the credential of that record if its
    current one is among the exposed values and still valid, tells its holder, and answers
    whether it did. Apps register from AppConfig.ready()."""
    _rotators[object_type] = rotate


def exposed_code_rotators() -> dict[str, Rotator]:
    return dict(_rotators)


def exposed_credentials(document: Any) -> set[str]:
    """The credential values a document holds in the clear."""
    names = secret_field_names()
    found: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            if key in names and value not in (None, "") and not str(value).startswith("hmac:"):
                found.add(str(value))
            else:
                found |= exposed_credentials(value)
    elif isinstance(document, list):
        for value in document:
            found |= exposed_credentials(value)
    return found


def mask_entry_document(document: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A version-1 entry's document as the public may see it: credential keys masked in
    before/after, and its label masked when the record was named by a credential (a model
    that now names itself by `audit_label()`) or holds one of those values."""
    masked, paths = mask_credentials(document)
    label = str(masked.get("object_label", ""))
    exposed = exposed_credentials(document.get("before")) | exposed_credentials(
        document.get("after")
    )
    model = _model_of(str(masked.get("object_type", "")))
    if label and (
        callable(getattr(model, "audit_label", None)) or any(c in label for c in exposed)
    ):
        masked["object_label"] = MASK
        paths.append("object_label")
    return masked, paths


def _model_of(object_type: str) -> type | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


# Entries about signing in say who holds an account, and when they sign in: the public log
# shows that such an event happened, never whose account (a NIP typed into the sign-in form
# would otherwise be matched to its owner's name a few minutes later).
PRIVATE_ACTIONS = ("auth.", "mobilejkn.auth")
PRIVATE_FIELDS = ("actor", "actor_label", "object_id", "object_label", "before", "after")


def is_private_action(action: str) -> bool:
    return action.startswith(PRIVATE_ACTIONS)


def mask_private_entry(document: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A security event's document as the public may see it: who and whose masked."""
    masked = dict(document)
    paths = []
    for name in PRIVATE_FIELDS:
        if masked.get(name) not in (None, "", {}):
            masked[name] = MASK
            paths.append(name)
    return masked, paths
