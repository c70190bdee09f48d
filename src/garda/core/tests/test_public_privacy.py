"""No personal data in public: crawl every page and download an anonymous visitor can reach
and fail on any NIP, NIK, card number, birth date, phone or email of the seeded people.

The values searched for are gathered from every model's `personal_fields`, so a new app's
personal data is covered as soon as it declares it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.utils import formats, translation

from garda.core.testing import RoleMatrix

MAX_PAGES = 400
# A birth place alone names a town, not a person, and towns are in unit names on every page.
NOT_IDENTIFYING_ALONE = frozenset({"birth_place"})
# Downloads and pages only; never follow links that change state or leave the site.
SKIP_PREFIXES = ("/akun/keluar/", "/i18n/", "/static/", "/media/", "/django-admin/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _personal_values() -> set[str]:
    """Every stored personal value, in the forms a page could print it."""
    values: set[str] = set()
    for model in apps.get_models():
        fields = getattr(model, "personal_fields", frozenset())
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.name in fields and f.name not in NOT_IDENTIFYING_ALONE
        ]
        if not names or model._meta.label_lower == "core.user":
            continue  # user accounts' own fields are covered by their employee records
        for row in model._default_manager.values_list(*names):
            for value in row:
                values.update(_forms_of(value))
    return {v for v in values if len(v) >= 6}


def _forms_of(value: object) -> Iterator[str]:
    if value in (None, ""):
        return
    if isinstance(value, dt.date):
        yield value.isoformat()
        yield value.strftime("%d-%m-%Y")
        yield value.strftime("%d/%m/%Y")
        with translation.override("id"):
            yield formats.date_format(value, "j F Y")
        return
    text = str(value)
    if text.isdigit() or "@" in text or len(text) >= 8:
        yield text
        if text.startswith("0") and text.isdigit():
            yield "+62" + text[1:]  # phones also appear in international form


def _public_start_urls() -> list[str]:
    return [
        route.pattern.replace("^", "").replace("$", "")
        for route in RoleMatrix().routes()
        if route.access is not None and route.access.public and not route.params
    ]


@pytest.mark.django_db
def test_no_personal_data_on_any_public_page_or_download() -> None:
    call_command("seed_demo", "--quiet-accounts", verbosity=0)
    secrets = _personal_values()
    assert len(secrets) > 100, "the crawl needs seeded people to look for"
    client = Client()
    queue = ["/", *("/" + p for p in _public_start_urls())]
    seen: set[str] = set()
    leaks: list[str] = []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlparse(url).path
        if url in seen or path.startswith(SKIP_PREFIXES) or "<" in path:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        body = response.content.decode("utf-8", errors="replace")
        leaks.extend(f"{url}: {value}" for value in secrets if value in body)
        if "html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(body)
            for link in parser.links:
                absolute = urljoin(url, link)
                parsed = urlparse(absolute)
                if parsed.netloc in ("", "testserver") and parsed.scheme in ("", "http"):
                    target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
                    if target not in seen:
                        queue.append(target)
    assert len(seen) >= 5, seen
    assert leaks == []


def test_identity_number_patterns_are_masked_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from garda.core.logging import MaskPersonalDataFilter

    logger = logging.getLogger("garda.uji")
    logger.addFilter(MaskPersonalDataFilter())
    with caplog.at_level(logging.INFO, logger="garda.uji"):
        logger.info("impor gagal untuk NIP %s dan NIK %s", "199003152015032001", "1571015503900001")
    assert "199003152015032001" not in caplog.text
    assert "1571015503900001" not in caplog.text
    assert re.search(r"(?<![0-9])\*{14}2001", caplog.text)
