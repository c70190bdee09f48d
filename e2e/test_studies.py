"""Degree studies journey: BKD publishes an offer; the demo ASN checks itself (tugas belajar
S1 refused with its reasons, S2 eligible), applies with its documents; the atasan, the head of
OPD (admin OPD) and BKD approve; the SK's verification page, named by the URL printed beside
its QR, says it is valid; a semester report accepted adds 20 JP; the degree is recorded and
the service bond starts; the return to a post using the degree shows on the dashboard."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

pytestmark = pytest.mark.e2e

ASN_NIP = "199003152015032001"
PROGRAM = "S2 Magister Administrasi Publik — Universitas Jambi"
# The URL the QR encodes is printed beside it; a narrow column may wrap it.
VERIFY_PATH = re.compile(r"/studi/verifikasi/(SKTB-\d{4}-[A-Z0-9]+)/")


def _other(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    return context.new_page()


def _skp_on_record(live_garda, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Tugas belajar reads the SKP of the two years before: BKD imports them (talent)."""
    year = dt.date.today().year  # noqa: DTZ011  # the server's year in WIB, same day
    path = tmp_path / "skp.csv"
    path.write_text(
        f"NIP,Tahun,Predikat\n{ASN_NIP},{year - 2},Baik\n{ASN_NIP},{year - 1},Sangat Baik\n",
        encoding="utf-8",
    )
    live_garda.manage("import_skp", str(path))


def _decide(page: Page, sign_in, username: str, study_url: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, username)
    page.goto(study_url)
    page.get_by_label("Keputusan").select_option(label="Setujui")
    page.get_by_role("button", name="Kirim keputusan").click()
    expect(page.get_by_text("Keputusan dicatat.")).to_be_visible()


def test_offer_check_apply_approve_verify_report_graduate(
    page: Page, browser: Browser, base_url: str, sign_in, shot, live_garda, tmp_path: Path
) -> None:
    _skp_on_record(live_garda, tmp_path)
    today = dt.date.today()  # noqa: DTZ011  # the browser's day in WIB

    bkd = _other(browser, base_url)
    sign_in(bkd, "admin.provinsi")
    bkd.goto("/studi/penawaran/")
    bkd.get_by_label("Judul").fill("Beasiswa S2 Kebijakan Publik e2e")
    bkd.get_by_label("Tahun").fill(str(today.year))
    bkd.get_by_label("Jenis", exact=True).select_option(label="Tugas belajar")
    bkd.get_by_label("Jenjang").select_option("S2")
    bkd.get_by_label("Sumber dana").select_option(label="LPDP")
    bkd.get_by_label("Bidang ilmu").fill("Kebijakan publik")
    bkd.get_by_label("Kuota").fill("5")
    bkd.get_by_label("Biaya per orang (Rp)").fill("120000000")
    bkd.get_by_label("Dibuka").fill((today - dt.timedelta(days=1)).isoformat())
    bkd.get_by_label("Ditutup").fill((today + dt.timedelta(days=30)).isoformat())
    bkd.get_by_role("button", name="Simpan").click()
    expect(bkd.get_by_text("Penawaran dibuat (draf).")).to_be_visible()
    bkd.get_by_role("button", name="Umumkan").click()
    expect(bkd.locator("#status-penawaran")).to_have_text("Diumumkan")
    offer_url = bkd.url

    asn = page
    sign_in(asn, "asn.demo")
    asn.goto("/studi/cek-syarat/")
    asn.get_by_label("Jenis", exact=True).select_option(label="Tugas belajar")
    asn.get_by_label("Jenjang").select_option("S1")
    asn.get_by_label("Pada tanggal").fill(today.isoformat())
    asn.get_by_role("button", name="Periksa").click()
    expect(asn.locator("#hasil-syarat")).to_contain_text("Tidak memenuhi syarat")
    expect(asn.locator("#alasan")).to_contain_text("melebihi batas 25 tahun untuk S1")
    shot(asn, "refused")
    asn.get_by_label("Jenjang").select_option("S2")
    asn.get_by_label("Program studi").select_option(label=PROGRAM)
    asn.get_by_role("button", name="Periksa").click()
    expect(asn.locator("#hasil-syarat")).to_have_text("Memenuhi syarat")

    asn.goto(offer_url)
    asn.get_by_role("link", name="Ajukan studi untuk penawaran ini").click()
    asn.get_by_label("Program studi").select_option(label=PROGRAM)
    asn.get_by_label("Mulai studi").fill(today.isoformat())
    asn.get_by_label("Biaya per semester (Rp)").fill("15000000")
    asn.get_by_role("button", name="Simpan").click()
    expect(asn.get_by_text("Pengajuan studi terkirim.")).to_be_visible()
    study_url = asn.url
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(b"%PDF-1.4\n% surat\n%%EOF\n")
    for kind in ("Surat penerimaan (LoA)", "Surat pernyataan"):
        asn.get_by_label("Jenis dokumen").select_option(label=kind)
        asn.get_by_label(re.compile(r"^Berkas")).set_input_files(str(letter))
        asn.get_by_role("button", name="Unggah").click()
        expect(asn.get_by_text("Dokumen diunggah.")).to_be_visible()

    for username in ("atasan.demo", "admin.bpsdm"):
        _decide(_other(browser, base_url), sign_in, username, study_url)
    bkd.goto(study_url)
    bkd.get_by_label("Keputusan").select_option(label="Setujui")
    bkd.get_by_role("button", name="Kirim keputusan").click()
    expect(bkd.locator("#status-studi")).to_have_text("Disetujui (SK terbit)")
    shot(bkd, "decree")

    asn.goto(study_url)
    with asn.expect_download() as download:
        asn.get_by_role("link", name="Unduh SK (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    found = VERIFY_PATH.search(re.sub(r"\s+", "", text))
    assert found, text
    public = _other(browser, base_url)
    public.goto(f"/studi/verifikasi/{found.group(1)}/")
    expect(public.locator("#hasil-verifikasi")).to_contain_text("SK SAH")
    expect(public.get_by_text("Nurul Fitriani")).to_be_visible()
    assert ASN_NIP not in public.content()

    asn.get_by_label("Semester").fill("1")
    asn.get_by_label("IPK").fill("3.80")
    asn.get_by_label("SKS").fill("18")
    asn.get_by_label(re.compile(r"^Transkrip")).set_input_files(str(letter))
    asn.get_by_role("button", name="Kirim laporan").click()
    expect(asn.get_by_text("Laporan semester terkirim.")).to_be_visible()

    admin = _other(browser, base_url)
    sign_in(admin, "admin.bpsdm")
    admin.goto(study_url)
    admin.locator("#laporan-semester").get_by_role("button", name="Terima").click()
    expect(admin.get_by_text("Laporan semester diperiksa.")).to_be_visible()
    expect(admin.locator("#jp-studi")).to_have_text("20,0")

    asn.reload()
    asn.get_by_label("Jenis dokumen").select_option(label="Ijazah")
    asn.get_by_label(re.compile(r"^Berkas")).set_input_files(str(letter))
    asn.get_by_role("button", name="Unggah").click()
    expect(asn.get_by_text("Dokumen diunggah.")).to_be_visible()

    admin.reload()
    admin.get_by_label("Tanggal lulus").fill(today.isoformat())
    admin.get_by_label("Gelar", exact=True).fill("M.A.P.")
    admin.get_by_role("button", name="Catat kelulusan dan gelar").click()
    expect(admin.get_by_text("Kelulusan dan gelar dicatat; ikatan dinas dimulai.")).to_be_visible()
    expect(admin.locator("#status-studi")).to_have_text("Lulus")
    expect(admin.locator("#ikatan-dinas")).to_contain_text("Dijalani")
    expect(admin.locator("#ikatan-dinas")).to_contain_text("60 bulan")  # LPDP 2n + 1, n = 2
    shot(admin, "bond")

    # Back to a post that uses the degree: the dashboard counts the placement.
    admin.locator("summary", has_text="Kembali bertugas").click()
    admin.get_by_label("Kembali bertugas", exact=True).fill(today.isoformat())
    admin.get_by_label("Jabatan", exact=True).fill("Analis Kebijakan Ahli Muda")
    admin.get_by_label("Jabatan ini memanfaatkan gelar hasil studi").check()
    admin.get_by_role("button", name="Catat", exact=True).click()
    expect(admin.get_by_text("Pegawai kembali bertugas.")).to_be_visible()
    expect(admin.locator("#kembali-bertugas")).to_contain_text("memanfaatkan gelar")
    bkd.goto("/studi/dasbor/")
    expect(bkd.locator("#penempatan")).to_have_text("1 / 1")
    expect(bkd.locator("#lulus")).to_have_text("1")
