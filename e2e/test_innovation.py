"""Innovation journey: an ASN of Puskesmas Putri Ayu turns her aksi perubahan (PKP) into a draft
innovation, fills it in and ties it to the queue's waiting time from its go-live date; the
Kota Jambi admin publishes it; the public showcase and the innovation's public page show the
before/after measured from the queue's own tickets."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PROJECT = "Jadwal panggil daring Poli Umum Puskesmas Putri Ayu"


def test_aksi_perubahan_to_measured_innovation_on_the_showcase(
    page: Page, browser, base_url: str, sign_in, shot
) -> None:
    asn = page
    sign_in(asn, "petugas.demo")
    asn.goto("/inovasi/kelola/")
    expect(asn.get_by_role("heading", name="Inovasi", exact=True)).to_be_visible()
    asn.locator("li", has_text=PROJECT).get_by_role("button", name="Jadikan draf inovasi").click()
    expect(asn.get_by_text("Draf inovasi dibuat dari aksi perubahan.")).to_be_visible()
    expect(asn.get_by_role("heading", name=PROJECT)).to_be_visible()
    detail_url = asn.url

    asn.get_by_role("link", name="Ubah", exact=True).click()
    asn.get_by_label("Masalah").fill("Pasien Poli Umum menunggu berjam-jam di ruang tunggu.")
    asn.get_by_label("Gagasan").fill("Jadwal panggil daring dengan pemberitahuan giliran.")
    asn.get_by_label("Tahapan").select_option(label="Penerapan")
    asn.get_by_label("Mulai penerapan").fill("2026-07-01")
    asn.get_by_label("Urusan").select_option(label="Kesehatan")
    asn.get_by_role("button", name="Simpan").click()
    expect(asn.get_by_text("Perubahan tersimpan.")).to_be_visible()

    asn.get_by_label("Ukuran").select_option(label="Waktu tunggu antrean puskesmas")
    asn.get_by_label("Mulai berlaku").fill("2026-07-01")
    asn.get_by_role("button", name="Kaitkan").click()
    expect(asn.get_by_text("Ukuran dampak disimpan.")).to_be_visible()
    impact = asn.locator(".impact[data-measure=queue_wait]")
    expect(impact.locator("tr[data-figure=mean]")).to_contain_text("Membaik")
    shot(asn, "staff")

    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    admin = context.new_page()
    try:
        sign_in(admin, "admin.kota")
        admin.goto(detail_url)
        admin.get_by_role("button", name="Terbitkan").click()
        expect(admin.get_by_text("Inovasi diterbitkan.")).to_be_visible()
    finally:
        context.close()

    public_context = browser.new_context(
        base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    public = public_context.new_page()
    try:
        public.goto("/inovasi/")
        expect(
            public.get_by_role("heading", name="Galeri Inovasi Pelayanan Publik")
        ).to_be_visible()
        expect(public.locator("svg.jambi-map path.wilayah")).to_have_count(11)
        public.get_by_label("Cari").fill("Jadwal panggil")
        public.get_by_label("Kabupaten/kota", exact=True).select_option(
            label="Pemerintah Kota Jambi"
        )
        public.get_by_role("button", name="Cari").click()
        public.get_by_role("link", name=re.compile(PROJECT)).click()
        expect(public.get_by_role("heading", name="Sebelum dan sesudah")).to_be_visible()
        card = public.locator(".impact[data-measure=queue_wait]")
        expect(card).to_contain_text("Waktu tunggu antrean puskesmas")
        expect(card.locator("tr[data-figure=mean]")).to_contain_text("Membaik")
        expect(card.locator("tr[data-figure=within_standard]")).to_contain_text("Membaik")
        shot(public, "public")
    finally:
        public_context.close()
