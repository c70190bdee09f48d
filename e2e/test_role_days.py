"""Each role's day as issue 16 found it, walked in the browser on the demo: a home page that
says what waits, a citizen's five services, names instead of ids, units with their
government, a kiosk without the site menu, a TV board that uses the screen, documents that
download, a compliance page with a way back up and an export."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

WIB = dt.timezone(dt.timedelta(hours=7))
DEMO_FACILITY = "DEMO01"


def test_citizen_home_puts_the_five_public_services_one_tap_away(phone_page: Page, shot) -> None:
    page = phone_page
    page.goto("/")
    services = page.locator("#layanan-publik")
    for name in (
        "Ambil antrean puskesmas",
        "Lihat anggaran daerah",
        "Minta informasi publik",
        "Unduh data terbuka",
    ):
        expect(services.get_by_role("link", name=re.compile(name))).to_be_visible()
    expect(services.get_by_label("Cek keaslian sertifikat")).to_be_visible()
    shot(page, "citizen-home")
    services.get_by_role("link", name=re.compile("Ambil antrean puskesmas")).click()
    expect(page).to_have_url(re.compile(r"/antrean/$"))


def test_asn_home_shows_jp_certificates_and_the_atasan_is_told_an_approval_waits(
    page: Page, browser: Browser, base_url: str, sign_in, shot
) -> None:
    asn = page
    sign_in(asn, "asn.demo")
    asn.goto("/")
    year = dt.datetime.now(WIB).year
    expect(asn.get_by_role("heading", name=f"JP saya tahun {year}")).to_be_visible()
    expect(asn.locator("#jp-tahun-ini")).to_contain_text("JP")
    # The demo's past batch made the demo ASN a certificate.
    expect(asn.get_by_text("Sertifikat terbaru")).to_be_visible()
    expect(asn.get_by_text(re.compile(r"\(\(|\)\)"))).to_have_count(0)
    shot(asn, "asn-home")

    # The ASN registers for a batch whose program needs the atasan.
    asn.goto("/pelatihan/")
    asn.get_by_role("link", name=re.compile("Pelatihan Pelayanan Publik Prima")).first.click()
    asn.get_by_role("link", name=re.compile("Angkatan I")).first.click()
    asn.get_by_role("link", name="Daftar angkatan ini").click()
    asn.get_by_role("button", name="Kirim pendaftaran").click()
    expect(asn.locator("#status-pendaftaran")).to_have_text("Menunggu persetujuan")
    enrollment_url = asn.url

    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    try:
        atasan = context.new_page()
        sign_in(atasan, "atasan.demo")
        atasan.goto("/")
        card = atasan.locator('#daftar-menunggu a[href="/pelatihan/persetujuan/"]')
        expect(card).to_contain_text("Pendaftaran pelatihan menunggu keputusan Anda")
        assert int(card.get_attribute("data-count") or "0") >= 1
        shot(atasan, "atasan-home")
        card.click()
        row = atasan.get_by_role("row").filter(has_text="Pelatihan Pelayanan Publik Prima")
        row.get_by_role("button", name="Setujui").first.click()
        expect(atasan.get_by_text(re.compile("Disetujui"))).to_be_visible()
    finally:
        context.close()

    # Approved two weeks before the training: the post-test is not open yet.
    asn.goto(enrollment_url)
    expect(asn.get_by_text(re.compile(r"Post-test dibuka \d+ \w+ \d{4}"))).to_be_visible()
    expect(asn.get_by_role("link", name="Kerjakan post-test")).to_have_count(0)


def test_kiosk_has_no_site_menu_and_the_printed_qr_fits_its_box(
    page: Page, live_garda, shot
) -> None:
    page.goto(f"/antrean/{DEMO_FACILITY}/anjungan/")
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_have_count(0)
    # The receipt of a demo walk-in (taking a new one works only while the poli is open).
    code = (
        live_garda.manage(
            "shell",
            "-c",
            "from garda.queueing.models import Ticket\n"
            f"print(Ticket.objects.filter(facility__code='{DEMO_FACILITY}', channel='kiosk')"
            ".latest('pk').booking_code)",
        )
        .strip()
        .splitlines()[-1]
    )
    page.goto(f"/antrean/{DEMO_FACILITY}/anjungan/tiket/{code}/")
    expect(page.locator("#nomor-antrean")).to_be_visible()
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_have_count(0)
    sizes = page.evaluate(
        """() => {
          const box = document.querySelector('.queue-receipt-qr');
          const svg = box.querySelector('svg');
          const a = box.getBoundingClientRect(), b = svg.getBoundingClientRect();
          return [a.width, b.width, b.height, svg.getAttribute('viewBox')];
        }"""
    )
    box_width, svg_width, svg_height, view_box = sizes
    assert view_box
    assert svg_width <= box_width + 0.5
    assert abs(svg_width - svg_height) < 1  # square, nothing cut off
    page.emulate_media(media="print")
    printed = page.evaluate(
        "() => { const b = document.querySelector('.queue-receipt-qr');"
        " return [b.getBoundingClientRect().width, b.querySelector('svg')"
        ".getBoundingClientRect().width]; }"
    )
    assert printed[1] <= printed[0] + 0.5
    shot(page, "kiosk-receipt")


def test_tv_board_fills_the_screen_with_now_serving_next_numbers_and_the_date(
    browser: Browser, base_url: str, shot
) -> None:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1920, "height": 1080}, locale="id-ID"
    )
    try:
        tv = context.new_page()
        tv.goto(f"/antrean/{DEMO_FACILITY}/layar/")
        expect(tv.locator("#tanggal")).to_contain_text(str(dt.datetime.now(WIB).year))
        expect(tv.get_by_text("Berikutnya").first).to_be_visible()
        expect(tv.get_by_text("Sedang dilayani").first).to_be_visible()
        used = tv.evaluate(
            "() => { const box = s => document.querySelector(s).getBoundingClientRect();"
            " return (box('.queue-display-main').height"
            " + box('.queue-display-header').height) / window.innerHeight; }"
        )
        assert used > 0.95, used
        shot(tv, "tv-board")
    finally:
        context.close()


def test_a_periodic_ppid_document_downloads(page: Page) -> None:
    page.goto("/ppid/")
    link = page.get_by_role("link", name=re.compile("Unduh dokumen")).first
    expect(link).to_be_visible()
    response = page.request.get(link.get_attribute("href") or "")
    assert response.ok
    assert response.body()[:5] == b"%PDF-"


def test_admin_pages_name_things_and_find_their_way_back(page: Page, sign_in, shot) -> None:
    admin = page
    sign_in(admin, "admin.provinsi")
    # JP compliance: figures per instansi, a way back up, an export.
    admin.goto("/jp/kepatuhan/")
    table = admin.locator("#per-unit")
    expect(table).to_contain_text("Pemerintah Kota Jambi")
    table.get_by_role("link", name="Pemerintah Kota Jambi").click()
    trail = admin.locator("#jejak-unit")
    expect(trail.get_by_role("link", name="Provinsi Jambi")).to_be_visible()
    with admin.expect_download() as download:
        admin.get_by_role("link", name="Unduh CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    trail.get_by_role("link", name="Provinsi Jambi").click()
    expect(admin.locator("#per-unit")).to_contain_text("Pemerintah Kabupaten Kerinci")
    shot(admin, "compliance")

    # The registry: units with their government, a history of names, not ids.
    admin.goto("/pegawai/?q=Nurul")
    expect(admin.locator("tbody tr").first).to_contain_text("— Pemerintah")
    opd = admin.locator("#id_opd option").nth(1).inner_text()
    assert " — " in opd
    assert admin.locator("#id_opd option").first.inner_text() == "Semua"
    admin.locator("tbody tr").first.get_by_role("link").first.click()
    history = admin.locator("h2", has_text="Riwayat").locator("xpath=following-sibling::*")
    expect(history.first).to_be_visible()
    text = " ".join(history.all_inner_texts())
    # An id printed as a value sat right before the recorded stamp: "Unit 131 (dicatat",
    # "Dokter Ahli Muda 8 (dicatat", "8 2023-06-01 (dicatat".
    assert not re.search(r"\s\d+(\s+\d{4}-\d{2}-\d{2})?\s+\(dicatat", text), text

    # The calendar's date field is filled in the one format the browser keeps.
    admin.goto("/kalender/")
    value = admin.locator('input[type="date"]').first.input_value()
    assert re.fullmatch(r"\d{4}-01-01", value), value


def test_jp_saya_keeps_jp_and_status_on_a_phone(phone_page: Page, sign_in) -> None:
    sign_in(phone_page, "asn.demo")
    phone_page.goto("/jp/saya/")
    row = phone_page.locator("#catatan-jp tr").first
    expect(row).to_be_visible()
    width = phone_page.viewport_size["width"] if phone_page.viewport_size else 390
    for cell in (row.locator("td.text-end"), row.locator("td .badge")):
        box = cell.first.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= width, box


def test_public_audit_page_speaks_to_a_citizen_and_has_a_seal(page: Page) -> None:
    # The signing loop signs a first head as soon as Garda starts.
    deadline = time.monotonic() + 30
    while True:
        page.goto("/audit/publik/")
        if page.get_by_text("Segel terakhir dibuat").count() or time.monotonic() > deadline:
            break
        time.sleep(1)
    plain = page.locator("#penjelasan-warga")
    expect(plain).to_contain_text("Segel terakhir dibuat")
    expect(plain).not_to_contain_text("Merkle")
    expect(page.locator("#rincian-teknis")).to_be_attached()


def test_budget_totals_stay_on_one_line_and_the_detail_table_is_searchable(
    browser: Browser, base_url: str, shot
) -> None:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1366, "height": 768}, locale="id-ID"
    )
    try:
        page = context.new_page()
        page.goto("/anggaran/")
        figures = page.locator(".garda-figure")
        expect(figures.first).to_be_visible()
        lines = page.evaluate(
            """() => [...document.querySelectorAll('.garda-figure')].map(el => {
                 const range = document.createRange(); range.selectNodeContents(el);
                 const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                 return [tops.size, el.scrollWidth <= el.clientWidth + 1];
               })"""
        )
        assert all(rows == 1 and fits for rows, fits in lines), lines
        shot(page, "budget-1366")
        page.locator('a[data-figure="pagu"]').click()
        page.get_by_label("Cari nama atau kode sub kegiatan").fill("Pelatihan")
        page.get_by_role("button", name="Tampilkan").click()
        expect(page.locator("table tbody tr").first).to_contain_text("Pelatihan")
    finally:
        context.close()
