"""A citizen reads the budget: from the menu to the province's figures, down to an OPD, to the
table behind a figure, and takes the table home as CSV. No sign-in anywhere."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

# Seeds the small demo budget in the live server's database (idempotent; the live server's
# `garda seed_demo` does the same once it calls seed_budget_demo).
SEED = "from garda.transparency.budget.demo import seed_budget_demo\nseed_budget_demo('small')\n"


@pytest.fixture(scope="module", autouse=True)
def budget_demo(live_garda) -> None:  # type: ignore[no-untyped-def]
    live_garda.manage("shell", "-c", SEED, timeout=300)


def assert_fits_width(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the viewport"


def test_citizen_follows_a_figure_to_its_table_and_downloads_it(
    page: Page, shot, tmp_path: Path
) -> None:
    page.goto("/")
    nav = page.get_by_role("navigation", name="Navigasi utama")
    nav.get_by_role("button", name="Keterbukaan").click()
    nav.get_by_role("link", name="Anggaran").click()
    expect(page).to_have_url(re.compile(r"/anggaran/2026/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anggaran daerah se-Provinsi Jambi")
    pagu = page.locator('[data-figure="pagu"]')
    expect(pagu).to_contain_text(re.compile(r"Rp\d{1,3}(\.\d{3})+"))
    expect(page.locator('[data-figure="serapan"]')).to_contain_text(re.compile(r"\d+,\d%"))
    # The chart is drawn by charts.js from its JSON block (CSP allows no inline script).
    expect(page.locator("canvas[data-chart]")).to_have_attribute("data-chart-drawn", "1")
    shot(page, "province")

    page.get_by_role("link", name="Pemerintah Provinsi Jambi").click()
    expect(page).to_have_url(re.compile(r"/anggaran/2026/unit/15/$"))
    page.get_by_role("link", name="Badan Pengembangan Sumber Daya Manusia").click()
    expect(page).to_have_url(re.compile(r"/anggaran/2026/unit/15\.BPSDM/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Badan Pengembangan Sumber Daya Manusia"
    )
    opd_pagu = page.locator('[data-figure="pagu"] .h4').inner_text()
    shot(page, "opd")

    page.locator('[data-figure="pagu"]').click()
    expect(page).to_have_url(re.compile(r"/anggaran/2026/rincian/\?unit=15\.BPSDM$"))
    table = page.get_by_role("table", name=re.compile("Sub kegiatan: pagu, realisasi"))
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(7)  # header + six sub-kegiatan
    expect(page.locator("dl")).to_contain_text(opd_pagu)  # the same figure, now as a table
    shot(page, "table")

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^CSV")).first.click()
    download = info.value
    assert download.suggested_filename == "anggaran-2026-rincian-15.BPSDM.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 6
    assert {row["Kode Unit"] for row in rows} == {"15.BPSDM"}
    assert any(row["Nama Sub Kegiatan"] == "Penyelenggaraan Latsar CPNS" for row in rows)
    pagu_total = sum(int(row["Pagu"]) for row in rows)
    assert f"Rp{pagu_total:,}".replace(",", ".") == opd_pagu


# The budget line the demo's open batch is charged to: "year|id|code".
LINE_OF_DEMO_BATCH = (
    "from garda.learning.models import Batch\n"
    "line = Batch.objects.filter(budget_line__isnull=False).order_by('pk').first().budget_line\n"
    "print(f'{line.year}|{line.pk}|{line.code}')\n"
)


def test_citizen_goes_from_a_budget_line_to_the_batch_it_paid_for_and_back(
    page: Page, shot, live_garda
) -> None:
    out = live_garda.manage("shell", "-c", LINE_OF_DEMO_BATCH).strip().splitlines()[-1]
    year, line_id, code = out.split("|")
    page.goto(f"/anggaran/{year}/rincian/?unit=15.BPSDM")
    page.get_by_role("link", name=re.compile(re.escape(code))).click()
    expect(page).to_have_url(re.compile(rf"/anggaran/{year}/sub-kegiatan/{line_id}/$"))
    funded = page.locator("section[aria-labelledby=pelatihan-judul]")
    batch_link = funded.get_by_role("link", name=re.compile("Pelatihan Pelayanan Publik Prima"))
    expect(batch_link).to_be_visible()
    shot(page, "line-batches")

    batch_link.click()
    expect(page).to_have_url(re.compile(r"/pelatihan/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pelatihan Pelayanan Publik Prima")
    shot(page, "batch-public")
    page.get_by_role("link", name="Lihat sub kegiatan anggaran").click()
    expect(page).to_have_url(re.compile(rf"/anggaran/{year}/sub-kegiatan/{line_id}/$"))


def test_budget_pages_fit_a_phone_and_open_data_is_listed(phone_page: Page, shot) -> None:
    page = phone_page
    page.goto("/anggaran/2026/unit/15.BPSDM/")
    # On a phone the chart is below the first screen: drawn (and Chart.js fetched) when seen.
    chart = page.locator("canvas[data-chart]")
    chart.scroll_into_view_if_needed()
    expect(chart).to_have_attribute("data-chart-drawn", "1")
    # The learning demo charges a batch to a BPSDM line: the OPD shows what training bought.
    expect(page.locator("#pelatihan")).to_contain_text("ASN dilatih")
    assert_fits_width(page)
    shot(page, "opd-phone")

    page.goto("/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Data Terbuka")
    page.get_by_role("link", name="Anggaran dan realisasi APBD 2026 per sub kegiatan").click()
    expect(page.get_by_text("Metadata (Satu Data Indonesia)")).to_be_visible()
    expect(page.get_by_role("link", name="datapackage.json")).to_be_visible()
    assert_fits_width(page)
    shot(page, "dataset-phone")
