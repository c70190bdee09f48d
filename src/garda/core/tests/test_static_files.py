"""Static files for slow links (decision 0021): collectstatic leaves a brotli and a gzip copy
beside each hashed text file, and WhiteNoise, in the app, answers a browser that accepts
brotli with the brotli body, cached for a year and more as immutable.

Collected from a small directory of Garda's own files (the whole set, with the API
documentation's bundles, takes 25 s to compress the first time), with the storage and the
middleware of production settings."""

from __future__ import annotations

import gzip
import os
import re
import shutil
from pathlib import Path
from typing import Any

import brotli
import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client

import garda.core

SOURCE = Path(garda.core.__file__).parent / "static"
FILES = ("garda/garda.css", "garda/garda.js", "vendor/htmx/htmx.min.js")
ONE_YEAR = 365 * 24 * 3600


@pytest.fixture
def collected(tmp_path: Path, settings: Any) -> Path:
    source = tmp_path / "source"
    for name in FILES:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SOURCE / name, source / name)
    (source / "garda" / "garda.js.map").write_text('{"version": 3, "mappings": ""}\n' * 100)
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "garda.core.staticstorage.CompressedManifestStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)


def test_collectstatic_compresses_each_hashed_text_file_once(collected: Path) -> None:
    for name in FILES:
        hashed = collected / staticfiles_storage.stored_name(name)
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", hashed.name), hashed
        body = hashed.read_bytes()
        assert brotli.decompress((collected / f"{hashed}.br").read_bytes()) == body
        assert gzip.decompress((collected / f"{hashed}.gz").read_bytes()) == body
        # The unhashed original is linked by no page: it is not compressed.
        assert not (collected / f"{name}.br").exists()
    # Source maps are fetched only by a developer's tools.
    assert not list(collected.rglob("*.map.br"))
    assert not list(collected.rglob("*.map.gz"))

    # `garda serve` collects at every start: copies of unchanged hashed files stay as they are.
    copies = [*collected.rglob("*.br"), *collected.rglob("*.gz")]
    assert len(copies) == 2 * len(FILES)
    for path in copies:
        os.utime(path, ns=(0, 0))  # marks each copy, so a rewrite would show
    call_command("collectstatic", interactive=False, verbosity=0)
    assert {path.stat().st_mtime_ns for path in copies} == {0}


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),  # what Chromium sends
        ("gzip", "gzip", gzip.decompress),
        ("identity", None, bytes),
    ],
)
def test_static_file_answers_compressed_and_immutable(
    collected: Path, accept: str, encoding: str | None, decode: Any
) -> None:
    hashed = staticfiles_storage.stored_name("vendor/htmx/htmx.min.js")
    # A new client builds the middleware, and WhiteNoise reads STATIC_ROOT then.
    response = Client().get(f"/static/{hashed}", headers={"accept-encoding": accept})

    assert response.status_code == 200
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]
    assert "Access-Control-Allow-Origin" not in response
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert decode(body) == (collected / hashed).read_bytes()
    if encoding == "br":
        assert int(response["Content-Length"]) < (collected / hashed).stat().st_size / 3
    cache = dict(part.strip().partition("=")[::2] for part in response["Cache-Control"].split(","))
    assert "immutable" in cache
    assert "public" in cache
    assert int(cache["max-age"]) >= ONE_YEAR


def test_unhashed_name_is_not_immutable(collected: Path) -> None:
    """An original name (favicon.ico redirects to one) may change content: short caching."""
    response = Client().get("/static/garda/garda.js", headers={"accept-encoding": "br"})

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
