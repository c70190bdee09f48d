"""Caching of public pages and downloads, through core's one cache helper (garda.core.cache)
with the PUBLIC scope: everything here is the same for every visitor.

Every write to the budget bumps the "budget" data version (garda.core.dataversion) in its own
transaction, and every key here carries that version's stamp: one primary-key read per
request tells any process (and any number of servers sharing a Redis CACHE_URL) whether its
cached copy is current.
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

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string

from garda.core.cache import PUBLIC, cached

T = TypeVar("T")

CACHE_SECONDS = 600
CSRF_PLACEHOLDER = "gardacsrfplaceholder0000000000000000"
CACHE_HEADER = "X-Garda-Cache"


def cached_value(name: str, key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per version of the data `name`; `key` names what is computed, with
    its parameters. Right after a write every visitor misses at once; one computes (the
    province-wide .xlsx takes ~1.5 s) while the others wait for its result."""
    return cached(
        PUBLIC, [name, key], compute, timeout=CACHE_SECONDS, versions=(name,), single_flight=True
    )


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
    state = "hit"

    def page() -> str:
        nonlocal state
        state = "miss"
        page_context = context()
        page_context.update({"csrf_token": CSRF_PLACEHOLDER, "messages": ()})
        return render_to_string(template_name, page_context, request=request)

    # Kept like any computed value of the data (single flight: right after a write every
    # visitor of a page misses at once; one renders it, ~10 ms for an OPD page with its
    # 150-line table, while the rest wait for its page).
    html = cached_value(data, f"page:{canonical}", page)
    response = HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
    response[CACHE_HEADER] = state
    return response
