"""Talent journey: the demo ASN reads their 9-box with the reasons (SKP predikat, kinerja axis,
potential, the cut-offs in force) and what would move them, and their IP ASN with what would
raise it; the provincial BKD admin runs a calibration session for the province, moves that
ASN with a reason and locks the result; the ASN's page then shows the calibrated box."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

DEMO_NIP = "199003152015032001"  # asn.demo
REASON = "Hasil uji kompetensi dan penilaian 360 derajat di atas rata-rata"


def test_asn_reads_box_and_index_and_admin_calibrates(
    page: Page, browser, base_url: str, sign_in, shot
) -> None:
    year = dt.date.today().year  # noqa: DTZ011  # the demo's year in WIB
    asn = page
    sign_in(asn, "asn.demo")
    asn.goto("/talenta/saya/")
    expect(asn.get_by_role("heading", name="Talenta saya")).to_be_visible()
    expect(asn.get_by_test_id("my-box")).to_have_text("Kotak 5")
    reasons = asn.get_by_test_id("box-reasons")
    expect(reasons).to_contain_text("Baik")
    expect(reasons).to_contain_text("Sesuai ekspektasi")
    expect(reasons).to_contain_text("Menengah")
    asn.get_by_text("Batas sumbu kinerja (bawaan)").click()
    expect(asn.locator("details table")).to_contain_text("Sangat Baik")
    expect(asn.get_by_test_id("box-moves")).to_contain_text("kotak 7")
    expect(asn.get_by_test_id("recommendation")).to_contain_text("Penempatan yang sesuai")
    expect(asn.get_by_test_id("ip-total")).to_have_text(re.compile(r"^\d+([,.]\d+)?$"))
    # What would raise the index depends on what the demo ASN already did this year (the
    # demo's past batches may have earned the technical points): each line names its gain.
    expect(asn.get_by_test_id("ip-raise")).to_contain_text(re.compile(r"menambah [\d,]+ poin"))
    shot(asn, "asn")

    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    admin = context.new_page()
    try:
        sign_in(admin, "admin.provinsi")
        admin.goto("/talenta/kalibrasi/")
        expect(admin.get_by_role("heading", name="Kalibrasi talenta")).to_be_visible()
        admin.get_by_label("Instansi").select_option(label="Pemerintah Provinsi Jambi")
        admin.get_by_label("Tahun").fill(str(year))
        admin.get_by_role("button", name="Buka sesi kalibrasi").click()
        expect(admin.get_by_text("Sesi kalibrasi dibuka.")).to_be_visible()
        admin.get_by_label("NIP").fill(DEMO_NIP)
        admin.get_by_label("Kotak hasil kalibrasi").select_option("7")
        admin.get_by_label("Alasan").fill(REASON)
        admin.get_by_role("button", name="Catat perubahan").click()
        expect(admin.get_by_text("Perubahan kotak dicatat.")).to_be_visible()
        row = admin.get_by_test_id("changes").locator("tr", has_text=REASON)
        expect(row).to_contain_text("Nurul Fitriani")
        expect(row).to_contain_text("5")
        admin.once("dialog", lambda dialog: dialog.accept())
        admin.get_by_role("button", name="Kunci hasil kalibrasi").click()
        expect(
            admin.get_by_text(re.compile(r"Sesi dikunci; [\d.]+ ASN ditempatkan\."))
        ).to_be_visible()
        expect(admin.get_by_test_id("session-status")).to_contain_text("Dikunci")
        expect(admin.get_by_role("button", name="Catat perubahan")).to_have_count(0)
        shot(admin, "calibration")

        admin.goto(f"/talenta/kotak/?tahun={year}&kotak=7")
        expect(admin.get_by_test_id("ninebox")).to_be_visible()
        expect(admin.get_by_test_id("box-people")).to_contain_text("Nurul Fitriani")
        admin.goto(f"/talenta/ip-asn/?tahun={year}")
        expect(
            admin.get_by_role("heading", name=re.compile("Indeks Profesionalitas ASN"))
        ).to_be_visible()
        expect(admin.locator("canvas[data-chart]")).to_be_visible()
        expect(admin.get_by_test_id("ip-dimensions")).to_contain_text("Kompetensi")
    finally:
        context.close()

    asn.reload()
    expect(asn.get_by_test_id("my-box")).to_have_text("Kotak 7")
    expect(asn.get_by_text("Hasil kalibrasi")).to_be_visible()
