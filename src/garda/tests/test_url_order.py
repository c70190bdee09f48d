"""garda/urls.py lists the prefixed includes (/api/v1/, /kalender/, …) before the apps'
unprefixed pages, so an API call is not tested against every page pattern first. That
order is only safe while no app page starts with one of those prefixes: then moving them
first changed which view answers nothing."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_no_unprefixed_page_shadows_a_prefixed_include() -> None:
    top = get_resolver().url_patterns
    prefixes = [str(p.pattern) for p in top if isinstance(p, URLResolver) and str(p.pattern)]
    assert "api/v1/" in prefixes
    unprefixed = [p for p in top if isinstance(p, URLResolver) and not str(p.pattern)]
    pages = [route for include in unprefixed for route in _routes([include])]
    assert len(pages) > 100  # the apps' pages were walked
    shadowing = [page for page in pages for prefix in prefixes if page.startswith(prefix)]
    assert shadowing == []
