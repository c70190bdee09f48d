"""JP ledger journey: the demo ASN records a workshop it attended elsewhere, with its
certificate as evidence; the BPSDM admin checks the evidence and approves it; the ASN's
"JP saya" page and the admin's compliance dashboard show the new hours."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

TITLE = "Lokakarya Penyusunan Indikator Kinerja Utama"
TOTAL = re.compile(r"([\d.]+,\d) dari ([\d.]+,\d) JP")


def _total(page: Page) -> Decimal:
    text = page.get_by_test_id("jp-total").inner_text()
    match = TOTAL.search(text)
    assert match, text
    return Decimal(match.group(1).replace(".", "").replace(",", "."))


def _jp(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")


def test_asn_submits_admin_verifies_and_hours_show(
    page: Page, browser, base_url: str, sign_in, shot, tmp_path: Path
) -> None:
    asn = page
    sign_in(asn, "asn.demo")
    asn.goto("/jp/saya/")
    expect(asn.get_by_role("heading", name="JP saya")).to_be_visible()
    before = _total(asn)
    asn.get_by_role("link", name="Ajukan pembelajaran eksternal").click()
    expect(asn.get_by_role("heading", name="Ajukan pembelajaran eksternal")).to_be_visible()
    day = dt.date.today() - dt.timedelta(days=1)  # noqa: DTZ011  # the browser's day in WIB
    evidence = tmp_path / "sertifikat-lokakarya.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% sertifikat lokakarya\n%%EOF\n")
    asn.get_by_label("Bentuk pembelajaran").select_option(label="Workshop/lokakarya")
    asn.get_by_label("Nama kegiatan").fill(TITLE)
    asn.get_by_label("Penyelenggara").fill("Bappeda Provinsi Jambi")
    asn.get_by_label("Tanggal mulai").fill(day.isoformat())
    asn.get_by_label("Tanggal selesai").fill(day.isoformat())
    asn.get_by_label("Nomor sertifikat").fill("BAPPEDA/IKU/2026/17")
    asn.get_by_label(re.compile(r"^Bukti")).set_input_files(str(evidence))
    shot(asn, "submit")
    asn.get_by_role("button", name="Kirim untuk diverifikasi").click()
    expect(asn.get_by_text("Pengajuan terkirim dan menunggu verifikasi admin.")).to_be_visible()
    expect(asn.locator("li", has_text=TITLE)).to_contain_text("Menunggu verifikasi")

    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    admin = context.new_page()
    try:
        sign_in(admin, "admin.bpsdm")
        admin.goto("/jp/verifikasi/")
        expect(
            admin.get_by_role("heading", name="Verifikasi pembelajaran eksternal")
        ).to_be_visible()
        row = admin.locator("tr", has_text=TITLE)
        expect(row).to_contain_text("Nurul Fitriani")
        row.get_by_role("link", name="Periksa").click()
        expect(admin.get_by_role("heading", name=TITLE)).to_be_visible()
        with admin.expect_download() as download:
            admin.get_by_role("link", name="Unduh bukti").click()
        assert download.value.suggested_filename.endswith(".pdf")
        admin.get_by_role("button", name="Setujui dan catat JP").click()
        expect(admin.get_by_text(re.compile(r"Disetujui: 5[,.]0 JP dicatat"))).to_be_visible()

        admin.goto("/jp/kepatuhan/")
        expect(admin.get_by_role("heading", name=re.compile("Kepatuhan JP"))).to_be_visible()
        expect(admin.locator("canvas[data-chart]")).to_be_visible()
        after = before + Decimal("5")
        if after < Decimal("20"):
            expect(admin.locator("tr", has_text="Nurul Fitriani")).to_contain_text(_jp(after))
        shot(admin, "dashboard")
    finally:
        context.close()

    asn.goto("/jp/saya/")
    assert _total(asn) == before + Decimal("5")
    expect(asn.locator("tr", has_text=TITLE)).to_contain_text("5,0")
    shot(asn, "jp-saya")
