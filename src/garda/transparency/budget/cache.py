"""Caching of public pages and downloads, keyed by a data version kept in the database.

Every write to the budget bumps the "budget" DataVersion row in its own transaction, and
every key here carries that row's stamp: one primary-key read per request tells any process
(and any number of servers sharing a Redis CACHE_URL) whether its cached copy is current.
Nothing is invalidated by deleting: stale keys are simply never asked for again and age out
after CACHE_SECONDS, which also bounds how long a renamed unit keeps its old name on a
cached page (unit names are not budget writes).

Two layers:
- `cached_value`: figures and download bytes, the same for every visitor;
- `render_public`: whole pages for anonymous visitors. The layout carries the visitor's own
  CSRF token (meta tag and language form): a cached token would be one visitor's secret
  handed to everyone (and would fail the language switch for the rest), so the page is
  cached with a placeholder and the requester's own token is put in on the way out. Pending
  flash messages and signed-in visitors bypass this layer (their layout differs); they still
  get the cached figures.

Sessions: nothing here reads or writes the session, so an anonymous visitor gets no session
row and no sessionid cookie, only the csrftoken cookie its language form needs. Responses
still carry `Vary: Cookie`: the page holds the visitor's own token, and core's
TwoFactorRequiredMiddleware reads request.user on every request (the bare view too).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from garda.transparency.budget.models import DataVersion

T = TypeVar("T")

CACHE_SECONDS = 600
COMPUTE_SECONDS = 30  # longest a visitor waits for another's computation of the same thing
WAIT_STEP_SECONDS = 0.05
CSRF_PLACEHOLDER = "gardacsrfplaceholder0000000000000000"
CACHE_HEADER = "X-Garda-Cache"


_STAMP_SQL = f"SELECT stamp FROM {DataVersion._meta.db_table} WHERE name = %s"  # noqa: S608  # a constant table name
_local = threading.local()


def data_stamp(name: str) -> str:
    """The current stamp of a body of public data: one primary-key read, in plain SQL
    because it runs on every cached request and building an ORM query costs more than the
    read."""
    stamp = _sqlite_stamp(name)
    if stamp is None:
        with connection.cursor() as cursor:
            cursor.execute(_STAMP_SQL, [name])
            row = cursor.fetchone()
        stamp = str(row[0]) if row else "0"
    return stamp


def _sqlite_stamp(name: str) -> str | None:
    """On SQLite, the stamp read through a connection this thread keeps open.

    Django opens and closes an SQLite connection per request (CONN_MAX_AGE 0), running its
    PRAGMAs each time: measured, that is ~1.5 ms of a ~2 ms cached page. A page served from
    the cache needs nothing else from the database, so the read goes through a kept,
    read-only connection instead; in WAL mode every read sees the last commit of any
    process. Not used when Django's own connection is already open (no saving) or inside a
    transaction (which must see its own uncommitted writes); None means "ask Django"."""
    if connection.vendor != "sqlite" or connection.connection is not None:
        return None
    if connection.in_atomic_block:
        return None
    path = str(connection.settings_dict["NAME"])
    kept: sqlite3.Connection | None = getattr(_local, "connection", None)
    try:
        if kept is None or getattr(_local, "path", None) != path:
            kept = sqlite3.connect(path, timeout=20, isolation_level=None)
            kept.execute("PRAGMA query_only = ON")
            _local.connection, _local.path = kept, path
        row = kept.execute(_STAMP_SQL.replace("%s", "?"), (name,)).fetchone()
    except sqlite3.Error:
        _local.connection = None
        return None
    return str(row[0]) if row else "0"


def cached_value(name: str, key: str, compute: Callable[[], T], *, stamp: str | None = None) -> T:
    """`compute()` once per data version; `key` names what is computed, with its parameters.

    Right after a write every visitor misses at once; one computes (the province-wide .xlsx
    takes ~1.5 s) while the others wait for its result instead of doing the same work."""
    full_key = f"garda:{name}:{stamp or data_stamp(name)}:{key}"
    value: T | None = cache.get(full_key)
    if value is not None:
        return value
    lock = f"{full_key}:computing"
    if cache.add(lock, 1, COMPUTE_SECONDS):
        try:
            value = compute()
            cache.set(full_key, value, CACHE_SECONDS)
        finally:
            cache.delete(lock)
        return value
    deadline = time.monotonic() + COMPUTE_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        value = cache.get(full_key)
        if value is not None:
            return value
        if cache.get(lock) is None:
            break  # the other computation failed; try it here
    value = compute()
    cache.set(full_key, value, CACHE_SECONDS)
    return value


def _shareable(request: HttpRequest, canonical: str) -> bool:
    """True when the page this request gets is the one every anonymous visitor gets."""
    return (
        request.method in {"GET", "HEAD"}
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and request.get_full_path() == canonical
    )


def render_public(
    request: HttpRequest,
    template_name: str,
    context: Callable[[], dict[str, Any]],
    *,
    data: str,
    canonical: str,
) -> HttpResponse:
    """Render a public page, from the anonymous page cache when the visitor allows it.

    `canonical` is the page's path with its query string rebuilt from the parsed parameters:
    only a request for exactly that URL is served from or stored in the cache, so made-up
    query strings cannot fill it."""
    if not _shareable(request, canonical):
        response = render(request, template_name, context())
        response[CACHE_HEADER] = "bypass"
        return response
    lang = translation.get_language() or settings.LANGUAGE_CODE
    key = f"garda:page:{data}:{data_stamp(data)}:{lang}:{canonical}"
    html: str | None = cache.get(key)
    state = "hit"
    if html is None:
        state = "miss"
        page_context = context()
        page_context.update({"csrf_token": CSRF_PLACEHOLDER, "messages": ()})
        html = render_to_string(template_name, page_context, request=request)
        cache.set(key, html, CACHE_SECONDS)
    response = HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
    response[CACHE_HEADER] = state
    return response
