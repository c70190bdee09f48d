"""The one cache helper: every cached page, fragment, figure and API answer goes through here.

Why one helper. A cached answer that depends on who asks, stored under a key that does not
say who asked, is handed to the next person who asks the same URL: the JP compliance page
once showed one agency's list of ASN below target to another agency's admin that way. Here
a cache call cannot be made without a `Scope` (it is the first, required argument of
`cached`), and a scope is either the viewer's own (`viewer_scope(user)`: role plus the root
of the subtree the role sees, or the user itself) or a declared one (`PUBLIC` for what every
visitor, anonymous included, gets the same; `machine_scope(...)` for answers to a machine
that are keyed by what it asks about). The key is built from that scope, the language and the
stamps of the data versions the answer was computed from (`garda.core.dataversion`).

Rate limiting (core.ratelimit) counts requests rather than caching content, and stays apart.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from garda.core.access import scope_root, sees_everything
from garda.core.dataversion import data_stamps

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from garda.core.models import User

T = TypeVar("T")

PREFIX = "garda:c1"
COMPUTE_SECONDS = 30  # longest a request waits for another's computation of the same thing
WAIT_STEP_SECONDS = 0.05
_MAX_READABLE_KEY = 180  # memcached refuses keys over 250 bytes; longer tails are hashed


@dataclass(frozen=True)
class Scope:
    """Whose answer a cache entry is. Build one with `viewer_scope`, `machine_scope`, or use
    `PUBLIC`; the constructor is not meant to be called with made-up labels."""

    label: str


PUBLIC = Scope("public")


def viewer_scope(user: User | AnonymousUser) -> Scope:
    """The viewer's scope as core.access decides it: two viewers share a scope only when
    they see exactly the same records.

    - anonymous: `anon` (a signed-in page must never be served to the public, and back);
    - sees everything (admin_provinsi, auditor, superuser): `<role>:all`;
    - a role scoped to a subtree: `<role>:u<root id>` (the role stays in the key because two
      roles on the same root may see different pages, e.g. buttons only an admin gets);
    - everyone else (asn, or a scoped role without a unit): `<role>:self<user id>`."""
    if not user.is_authenticated:
        return Scope("anon")
    role = getattr(user, "role", "") or "none"
    if user.is_superuser:
        return Scope(f"superuser:{role}:all")
    if sees_everything(user):
        return Scope(f"{role}:all")
    root = scope_root(user)  # authenticated: a real User
    if root is not None:
        return Scope(f"{role}:u{root.pk}")
    return Scope(f"{role}:self{user.pk}")


def user_scope(user: User) -> Scope:
    """One signed-in user's own things (their home panels, what waits for their decision):
    never shared with anyone. Role and unit are in it too, so a changed role or unit never
    meets what was cached for the old one."""
    return Scope(f"user{user.pk}:{user.role or 'none'}:u{user.unit_id or 0}")


def machine_scope(kind: str, ident: object) -> Scope:
    """An answer to a machine (a BPJS call, a TV display) about one thing it names, e.g. a
    facility: the same for every caller that asks about that thing."""
    return Scope(f"m:{kind}:{ident}")


def scoped_key(
    scope: Scope,
    parts: Iterable[object],
    *,
    versions: Sequence[str] = (),
    per_language: bool = True,
) -> str:
    """The cache key: prefix, scope, language, data stamps, then what is cached."""
    head = [PREFIX, scope.label]
    if per_language:
        head.append(translation.get_language() or settings.LANGUAGE_CODE)
    head.extend(
        f"{name}={stamp}" for name, stamp in zip(versions, data_stamps(versions), strict=True)
    )
    tail = ":".join(str(part) for part in parts)
    if len(tail) > _MAX_READABLE_KEY or not tail.isprintable() or " " in tail:
        tail = "h" + hashlib.sha256(tail.encode()).hexdigest()
    return ":".join([*head, tail])


def cached(
    scope: Scope,
    parts: Iterable[object],
    compute: Callable[[], T],
    *,
    timeout: int,
    versions: Sequence[str] = (),
    per_language: bool = True,
    single_flight: bool = False,
) -> T:
    """`compute()` once per (scope, language, data versions, parts), kept `timeout` seconds.

    `parts` names what is computed, with every parameter that changes the answer (the full
    path of a page, a year, an id). `versions` names the bodies of data the answer is made
    from, so a write to them shows at once. `single_flight`: right after a write every
    visitor misses at once; one computes while the others wait for its result instead of
    doing the same work (the province-wide budget .xlsx takes ~1.5 s)."""
    key = scoped_key(scope, parts, versions=versions, per_language=per_language)
    value: T | None = cache.get(key)
    if value is not None:
        return value
    if not single_flight:
        value = compute()
        cache.set(key, value, timeout)
        return value
    lock = f"{key}:computing"
    if cache.add(lock, 1, COMPUTE_SECONDS):
        try:
            value = compute()
            cache.set(key, value, timeout)
        finally:
            cache.delete(lock)
        return value
    deadline = time.monotonic() + COMPUTE_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        value = cache.get(key)
        if value is not None:
            return value
        if cache.get(lock) is None:
            break  # the other computation failed; try it here
    value = compute()
    cache.set(key, value, timeout)
    return value
