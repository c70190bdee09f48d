"""The public API of the budget and the open-data catalog, as the project's router mounts it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from garda.transparency.budget.testing import load_hand_budget
from garda.transparency.opendata.services import opendata_generate_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"


def test_budget_lines_are_public_with_figures(tmp_path: Path) -> None:
    load_hand_budget(tmp_path)
    client = Client()
    response = client.get("/api/v1/budget/lines/", {"year": 2026, "unit": "15.BPSDM"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["code"] for r in results] == ["5.04.02.1.01.0001", "5.04.02.1.01.0002"]
    assert results[0]["serapan"] == "87.5"
    assert results[0]["sisa"] == 125_000
    assert results[1]["pagu"] == 3_000_000
    over = client.get("/api/v1/budget/lines/", {"over_pagu": "true"}).json()["results"]
    assert [r["unit_code"] for r in over] == ["15.71.DINKES"]
    province = client.get("/api/v1/budget/lines/", {"unit": "15"}).json()
    assert province["count"] == 3
    detail = client.get(f"/api/v1/budget/lines/{results[0]['id']}/").json()
    assert detail["realisasi"] == 875_000


def test_datasets_are_public_with_versions(tmp_path: Path) -> None:
    load_hand_budget(tmp_path)
    opendata_generate_all(actor=None)
    client = Client()
    listing = client.get("/api/v1/opendata/datasets/").json()
    slugs = [d["slug"] for d in listing["results"]]
    assert slugs == ["anggaran-2026", "asn-per-instansi-golongan", "realisasi-bulanan-2026"]
    detail = client.get("/api/v1/opendata/datasets/anggaran-2026/").json()
    assert detail["satuan"] == "Rupiah"
    assert detail["versions"][0]["version"] == 1
    assert detail["versions"][0]["download_url"].endswith("/data/anggaran-2026/1.csv")
