"""The public portal: figures against hand-computed values, pages, and the cache that serves
them (keyed by the database's data version, anonymous pages without the session)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from garda.core.models import UserSession
from garda.core.roles import Role
from garda.transparency.budget import selectors
from garda.transparency.budget.cache import CACHE_HEADER, CSRF_PLACEHOLDER
from garda.transparency.budget.services import realisasi_import
from garda.transparency.budget.testing import REALISASI_HEADERS, load_hand_budget, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def hand_budget(tmp_path: Path) -> Path:
    load_hand_budget(tmp_path)
    return tmp_path


def year_url() -> str:
    return reverse("transparency:budget:year", args=[2026])


def unit_url(code: str) -> str:
    return reverse("transparency:budget:unit", args=[2026, code])


# --- Figures, by hand (see budget/testing.py) ---------------------------------------------------


def test_province_wide_figures(hand_budget: Path) -> None:
    overview = selectors.budget_overview(year=2026)
    figures = overview.figures
    assert figures.pagu_murni == 7_500_000
    assert figures.pagu == 8_500_000
    assert figures.realisasi == 4_875_000
    assert figures.serapan == Decimal("57.4")
    assert figures.sisa == 3_625_000
    assert figures.lines == 4
    assert figures.over_pagu == 1
    assert overview.children_kind == "instansi"
    by_code = {row.code: row.figures for row in overview.children}
    assert by_code["15"].pagu == 8_000_000
    assert by_code["15"].realisasi == 4_275_000
    assert by_code["15"].serapan == Decimal("53.4")
    assert by_code["15.71"].serapan == Decimal("120.0")
    assert by_code["15.71"].sisa == -100_000


def test_cumulative_months(hand_budget: Path) -> None:
    months = selectors.budget_overview(year=2026).months
    assert [(m.month, m.amount, m.cumulative) for m in months[:3]] == [
        (1, 1_750_000, 1_750_000),
        (2, 1_625_000, 3_375_000),
        (3, 1_500_000, 4_875_000),
    ]
    assert months[2].percent == Decimal("57.4")
    assert all(m.cumulative is None for m in months[3:])  # not reported yet


def test_opd_and_program_figures(hand_budget: Path) -> None:
    bpsdm = selectors.budget_overview(year=2026, unit_code="15.BPSDM")
    assert bpsdm.figures.pagu == 4_000_000
    assert bpsdm.figures.realisasi == 3_275_000
    assert bpsdm.figures.serapan == Decimal("81.9")  # 81.875
    assert [(line.code, line.serapan, line.sisa) for line in bpsdm.lines] == [
        ("5.04.02.1.01.0001", Decimal("87.5"), 125_000),
        ("5.04.02.1.01.0002", Decimal("80.0"), 600_000),
    ]
    assert [m.cumulative for m in bpsdm.months[:3]] == [1_750_000, 2_375_000, 3_275_000]
    programs = {row.code: row.figures for row in selectors.budget_overview(year=2026).programs}
    assert programs["1.02.02"].pagu == 4_500_000
    assert programs["1.02.02"].realisasi == 1_600_000
    assert programs["5.04.02"].serapan == Decimal("81.9")
    province = selectors.budget_overview(year=2026, unit_code="15")
    assert province.children_kind == "opd"
    assert {row.code for row in province.children} == {"15.BPSDM", "15.DINKES"}


# --- Pages ------------------------------------------------------------------------------------


def test_index_goes_to_the_latest_year(client: Client, hand_budget: Path) -> None:
    response = client.get(reverse("transparency:budget:index"))
    assert response.status_code == 302
    assert response["Location"] == year_url()


def test_empty_portal_says_so(client: Client) -> None:
    response = client.get(reverse("transparency:budget:index"))
    assert response.status_code == 200
    assert "Belum ada data anggaran" in response.content.decode()
    assert (
        "Belum ada data anggaran untuk tahun 2030"
        in client.get(reverse("transparency:budget:year", args=[2030])).content.decode()
    )


def test_province_page_prints_figures_the_indonesian_way(client: Client, hand_budget: Path) -> None:
    html = client.get(year_url()).content.decode()
    assert "Rp8.500.000" in html  # pagu
    assert "Rp4.875.000" in html  # realisasi
    assert "57,4%" in html
    assert "Rp3.625.000" in html  # sisa
    assert "Rendah (&lt; 60%)" in html  # the band in words, not colour alone
    assert "1 sub kegiatan realisasinya melebihi pagu" in html
    assert "Belum ada data pelatihan" in html
    assert re.search(r"Data per \d{1,2} \w+ 20\d\d", html)


def test_every_figure_links_to_its_table(client: Client, hand_budget: Path) -> None:
    html = client.get(unit_url("15.BPSDM")).content.decode()
    lines_url = reverse("transparency:budget:lines", args=[2026]) + "?unit=15.BPSDM"
    assert f'href="{lines_url}" data-figure="pagu"' in html
    assert 'href="#bulanan" data-figure="realisasi"' in html
    assert 'href="#per-program" data-figure="serapan"' in html
    assert f'href="{lines_url}" data-figure="sisa"' in html
    for anchor in ("bulanan", "per-program", "rincian"):
        assert f'id="{anchor}"' in html
    assert html.count("<caption") >= 3  # some carry an id their scroll area is named by
    assert "/anggaran/2026/unduh/rincian.csv?unit=15.BPSDM" in html
    assert "/anggaran/2026/unduh/rincian.xlsx?unit=15.BPSDM" in html
    table = client.get(lines_url).content.decode()
    assert "Pelatihan Kepemimpinan Administrator" in table
    assert "87,5%" in table


def test_chart_data_is_a_json_block_not_a_script(client: Client, hand_budget: Path) -> None:
    html = client.get(year_url()).content.decode()
    block = re.search(r'<script id="grafik-bulanan" type="application/json">(.*?)</script>', html)
    assert block is not None
    chart = json.loads(block.group(1))
    assert chart["series"][0]["values"][:4] == [1_750_000, 3_375_000, 4_875_000, None]
    assert chart["reference"]["value"] == 8_500_000
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert scripts == []  # no inline JavaScript (CSP script-src 'self')
    assert "garda/charts.js" in html


def test_line_detail_and_the_learning_extension_point(client: Client, hand_budget: Path) -> None:
    line = selectors.budget_line_table(year=2026, unit_code="15.71.DINKES").rows[0]
    assert selectors.training_batches_for_line(line_id=line.id) == []
    html = client.get(reverse("transparency:budget:line", args=[2026, line.id])).content.decode()
    assert "Melebihi pagu" in html
    assert "120,0%" in html
    assert "-Rp100.000" in html
    assert "Belum ada data pelatihan" in html


def test_over_pagu_filter_and_pagination(client: Client, hand_budget: Path) -> None:
    url = reverse("transparency:budget:lines", args=[2026])
    html = client.get(url, {"melebihi": "1"}).content.decode()
    assert "Pengelolaan Kesehatan Lingkungan" in html
    assert "Pelatihan Kepemimpinan Administrator" not in html
    page = selectors.budget_line_table(year=2026, page=99)
    assert (page.number, page.pages, page.count) == (1, 1, 4)


def test_detail_table_is_searched_by_name_or_code(client: Client, hand_budget: Path) -> None:
    """Issue 16: the detail table had no search or filter."""
    url = reverse("transparency:budget:lines", args=[2026])
    html = client.get(url, {"q": "kesehatan  lingkungan"}).content.decode()
    assert 'id="cari-sub-kegiatan"' in html
    assert "Pengelolaan Kesehatan Lingkungan" in html
    assert "Pelatihan Kepemimpinan Administrator" not in html
    found = selectors.budget_line_table(year=2026, text="Kepemimpinan")
    assert [row.name for row in found.rows] == ["Pelatihan Kepemimpinan Administrator"]
    assert selectors.budget_line_table(year=2026, text="tidak ada baris ini").count == 0


@pytest.mark.parametrize(
    "path",
    [
        "/anggaran/1999/",
        "/anggaran/2026/unit/TIDAK-ADA/",
        "/anggaran/2026/rincian/?unit=TIDAK-ADA",
        "/anggaran/2026/rincian/?program=abc",
        "/anggaran/2026/sub-kegiatan/999999/",
        "/anggaran/2026/unduh/rahasia.csv",
        "/anggaran/2026/unduh/rincian.pdf",
    ],
)
def test_unknown_things_are_404(client: Client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_english_pages_format_the_english_way(client: Client, hand_budget: Path) -> None:
    client.cookies["django_language"] = "en"
    html = client.get(year_url()).content.decode()
    assert "Rp8,500,000" in html
    assert "57.4%" in html


def test_menu_has_public_entries(client: Client) -> None:
    html = client.get(reverse("core:home")).content.decode()
    assert 'href="/anggaran/">Anggaran<' in html
    assert 'href="/data/">Data Terbuka<' in html


# --- The cache --------------------------------------------------------------------------------


def test_anonymous_pages_are_cached_without_sharing_tokens(hand_budget: Path) -> None:
    first, second = Client(), Client()
    one = first.get(year_url())
    two = second.get(year_url())
    assert one[CACHE_HEADER] == "miss"
    assert two[CACHE_HEADER] == "hit"
    token_one = re.search(r'name="csrf-token" content="([^"]+)"', one.content.decode())
    token_two = re.search(r'name="csrf-token" content="([^"]+)"', two.content.decode())
    assert token_one is not None
    assert token_two is not None
    assert token_one.group(1) != token_two.group(1)  # each visitor its own token
    assert CSRF_PLACEHOLDER not in two.content.decode()
    assert "csrftoken" in two.cookies  # the token matches this visitor's own cookie
    # The cached page's language switch still works for the second visitor.
    switched = second.post(
        "/i18n/setlang/",
        {"language": "en", "next": year_url(), "csrfmiddlewaretoken": token_two.group(1)},
    )
    assert switched.status_code == 302
    assert UserSession.objects.count() == 0
    assert "sessionid" not in one.cookies
    assert "sessionid" not in two.cookies


def test_a_write_changes_the_next_page(tmp_path: Path, hand_budget: Path) -> None:
    client = Client()
    assert "Rp4.875.000" in client.get(year_url()).content.decode()
    assert client.get(year_url())[CACHE_HEADER] == "hit"
    path = write_csv(
        tmp_path / "april.csv",
        REALISASI_HEADERS,
        [[2026, 4, "15.DINKES", "1.02.02.1.02.0016", "125.000"]],
    )
    realisasi_import(actor=None, source=path, filename=path.name)
    response = client.get(year_url())
    assert response[CACHE_HEADER] == "miss"
    assert "Rp5.000.000" in response.content.decode()  # 4.875.000 + 125.000
    assert "Rp4.875.000" in response.content.decode()  # still March's cumulative
    csv = client.get(reverse("transparency:budget:download", args=[2026, "bulanan", "csv"]))
    assert "5000000" in csv.content.decode()


def test_signed_in_visitors_get_their_own_layout(client_for, hand_budget: Path) -> None:  # type: ignore[no-untyped-def]
    anonymous = Client().get(year_url())
    assert anonymous[CACHE_HEADER] == "miss"
    signed_in = client_for(Role.ASN)
    response = signed_in.get(year_url())
    assert response[CACHE_HEADER] == "bypass"
    html = response.content.decode()
    assert "Keluar" in html
    assert "Rp8.500.000" in html
    assert "Keluar" not in Client().get(year_url()).content.decode()


def test_made_up_query_strings_are_not_cached(client: Client, hand_budget: Path) -> None:
    assert client.get(year_url(), {"x": "1"})[CACHE_HEADER] == "bypass"
    assert client.get(year_url(), {"x": "2"})[CACHE_HEADER] == "bypass"
    assert client.get(year_url())[CACHE_HEADER] == "miss"
