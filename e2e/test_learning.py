"""Learning journey: an admin of BPSDM creates a program with its question bank and a batch
running today; an ASN registers; the supervisor approves; the ASN checks in by opening the
session's QR URL, passes the post-test and downloads the certificate; a stranger with no
account verifies it."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

WIB = ZoneInfo("Asia/Jakarta")
# Units are named with their government (issue 16).
BPSDM = "Badan Pengembangan Sumber Daya Manusia — Pemerintah Provinsi Jambi"
TITLE = "Pelatihan Penyusunan SOP Pelayanan"
BANK = """Apa kepanjangan SOP?
*Standar Operasional Prosedur
Sistem Operasi Pelayanan

Siapa yang menetapkan SOP di OPD?
Setiap pegawai
*Kepala OPD"""


def test_program_to_verified_certificate(
    page: Page, phone_page: Page, browser: Browser, base_url: str, sign_in, shot
) -> None:
    now = dt.datetime.now(WIB)
    today = now.date()

    # The admin of BPSDM creates the program and its question bank.
    admin = page
    sign_in(admin, "admin.bpsdm")
    admin.goto("/pelatihan/kelola/program/baru/")
    admin.get_by_label("Kode").fill(f"sop-{now:%H%M%S}")
    admin.get_by_label("Nama program").fill(TITLE)
    admin.get_by_label("Bentuk pengembangan kompetensi").select_option(label="Pelatihan teknis")
    admin.get_by_label("JP", exact=True).fill("16")
    admin.get_by_label("Moda").select_option(label="Tatap muka")
    admin.get_by_label("Penyelenggara", exact=True).select_option(label="BPSDM Provinsi Jambi")
    admin.get_by_label("Biaya per peserta (Rp)").fill("1250000")
    admin.get_by_label("Unit pemilik").select_option(label=BPSDM)
    shot(admin, "program")
    admin.get_by_role("button", name="Simpan").click()
    expect(admin.get_by_role("heading", name="Kelola Pelatihan")).to_be_visible()
    row = admin.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("link", name="Bank soal").click()
    admin.get_by_label("Bank soal").fill(BANK)
    admin.get_by_role("button", name="Simpan soal").click()
    expect(admin.get_by_text("2 soal tersimpan.")).to_be_visible()

    # ... and a batch running today, with one session now.
    admin.goto("/pelatihan/kelola/")
    admin.get_by_role("row").filter(has_text=TITLE).get_by_role(
        "link", name="Angkatan baru"
    ).click()
    admin.get_by_label("Nama angkatan").fill("Angkatan Uji")
    admin.get_by_label("Unit penyelenggara").select_option(label=BPSDM)
    admin.get_by_label(re.compile(r"^Tempat \(")).fill("Aula BPSDM Provinsi Jambi")
    admin.get_by_label("Kuota peserta").fill("20")
    admin.get_by_label("Pendaftaran dibuka").fill(f"{today - dt.timedelta(days=1):%Y-%m-%d}")
    admin.get_by_label("Pendaftaran ditutup").fill(f"{today + dt.timedelta(days=3):%Y-%m-%d}")
    admin.get_by_label("Tanggal mulai").fill(f"{today:%Y-%m-%d}")
    admin.get_by_label("Tanggal selesai").fill(f"{today:%Y-%m-%d}")
    admin.get_by_label("Status").select_option(label="Pendaftaran dibuka")
    admin.get_by_role("button", name="Simpan").click()
    expect(admin.get_by_role("heading", name=re.compile("Angkatan Uji"))).to_be_visible()
    batch_url = admin.url
    admin.get_by_role("link", name="Tambah sesi").click()
    admin.get_by_label("Materi").fill("Menyusun SOP")
    admin.get_by_label("Mulai").fill(f"{now - dt.timedelta(hours=1):%Y-%m-%dT%H:%M}")
    admin.get_by_label("Selesai").fill(f"{now + dt.timedelta(hours=3):%Y-%m-%dT%H:%M}")
    admin.get_by_role("button", name="Simpan").click()
    expect(admin.get_by_text("Menyusun SOP")).to_be_visible()
    shot(admin, "batch")
    public_path = admin.get_by_role("link", name="Halaman publik").get_attribute("href")
    assert public_path

    # The ASN, on a phone, registers.
    asn = phone_page
    sign_in(asn, "asn.demo")
    asn.goto(public_path)
    expect(asn.get_by_role("heading", name=re.compile(TITLE))).to_be_visible()
    asn.get_by_role("link", name="Daftar angkatan ini").click()
    asn.get_by_role("button", name="Kirim pendaftaran").click()
    expect(asn.locator("#status-pendaftaran")).to_have_text("Menunggu persetujuan")
    enrollment_url = asn.url
    shot(asn, "registered")

    # The supervisor approves it from the queue.
    supervisor_context = browser.new_context(base_url=base_url, locale="id-ID")
    supervisor = supervisor_context.new_page()
    sign_in(supervisor, "atasan.demo")
    supervisor.goto("/pelatihan/persetujuan/")
    request_row = supervisor.get_by_role("row").filter(has_text=TITLE)
    expect(request_row).to_contain_text("Nurul Fitriani")
    shot(supervisor, "approvals")
    request_row.get_by_role("button", name="Setujui").click()
    expect(supervisor.get_by_text("Disetujui: Nurul Fitriani")).to_be_visible()
    supervisor_context.close()

    # The organiser shows the QR; the ASN's camera opens its URL.
    admin.goto(batch_url)
    admin.get_by_role("link", name="Presensi").first.click()
    qr = admin.locator("#qr figure svg")
    expect(qr).to_be_visible()
    shot(admin, "qr")
    checkin_url = admin.locator("#qr figure a").get_attribute("href")
    assert checkin_url
    assert "/pelatihan/hadir/" in checkin_url
    asn.goto(checkin_url)
    asn.get_by_role("button", name="Saya hadir").click()
    expect(asn.locator("#hadir-ok")).to_contain_text("Kehadiran Anda tercatat")
    shot(asn, "checked-in")
    expect(admin.locator("#daftar-hadir")).to_contain_text("Pindai QR", timeout=15_000)

    # Post-test, passed; the certificate is issued at once.
    asn.goto(enrollment_url)
    asn.get_by_role("link", name="Kerjakan post-test").click()
    asn.get_by_label("Standar Operasional Prosedur").check()
    asn.get_by_label("Kepala OPD").check()
    asn.get_by_role("button", name="Kirim jawaban").click()
    expect(asn.get_by_text("Nilai Anda 100. Lulus.")).to_be_visible()
    expect(asn.locator("#status-pendaftaran")).to_have_text("Lulus")
    with asn.expect_download() as download_info:
        asn.locator("#unduh-sertifikat").click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    shot(asn, "certificate")
    verify_path = asn.get_by_role("link", name="Halaman verifikasi").get_attribute("href")
    assert verify_path

    # A stranger with no account checks the certificate.
    stranger_context = browser.new_context(base_url=base_url, locale="id-ID")
    stranger = stranger_context.new_page()
    stranger.goto(verify_path)
    expect(stranger.locator("#hasil-verifikasi")).to_contain_text("Sertifikat SAH")
    main = stranger.get_by_role("main")
    expect(main).to_contain_text("Nurul Fitriani")
    expect(main).to_contain_text("**************2001")  # last four digits only
    expect(main).not_to_contain_text("199003152015032001")
    expect(main).to_contain_text(TITLE)
    shot(stranger, "verified")
    stranger_context.close()
