"""PPID journey: a citizen on a phone asks for information and follows it by its tracking code;
the PPID officer extends the deadline with a reason and answers; the citizen sees both."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PROVINCE = "Pemerintah Provinsi Jambi"
KOMINFO = "Dinas Komunikasi dan Informatika"
ANSWER = "Daftar menara telekomunikasi per kecamatan terlampir dalam jawaban ini."


def assert_fits_width(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the viewport"


def test_citizen_requests_officer_extends_and_answers(
    phone_page: Page, page: Page, live_garda, sign_in, shot
) -> None:
    # The PPID demo (a year of requests) is idempotent; seed_demo may already include it.
    live_garda.manage(
        "shell", "-c",
        "from garda.transparency.ppid.demo import seed_ppid_demo; seed_ppid_demo()",
    )  # fmt: skip
    citizen = phone_page
    citizen.goto("/ppid/")
    expect(citizen.get_by_role("heading", name="Informasi Publik (PPID)")).to_be_visible()
    expect(citizen.get_by_role("heading", name=re.compile("Informasi Berkala"))).to_be_visible()
    assert_fits_width(citizen)
    citizen.get_by_role("link", name="Ajukan permohonan informasi").click()
    expect(citizen.get_by_role("heading", name="Ajukan permohonan informasi")).to_be_visible()

    kominfo = citizen.locator(f'optgroup[label="{PROVINCE}"] option', has_text=KOMINFO)
    citizen.get_by_label("Instansi/OPD tujuan").select_option(kominfo.get_attribute("value"))
    citizen.get_by_label("Perorangan").check()
    citizen.get_by_label("Nama lengkap").fill("Budi Santoso")
    citizen.get_by_label(re.compile(r"^NIK")).fill("1571015503900001")
    citizen.get_by_label("Alamat", exact=True).fill("Jl. Kapten Pattimura No. 7, Kota Jambi")
    citizen.get_by_label("Telepon/WhatsApp").fill("081234567890")
    citizen.get_by_label(re.compile(r"^Email")).fill("budi.santoso@contoh.id")
    citizen.get_by_label("Rincian informasi yang dibutuhkan").fill(
        "Daftar menara telekomunikasi per kecamatan di Kota Jambi."
    )
    citizen.get_by_label("Tujuan penggunaan informasi").fill("Penelitian tugas akhir.")
    citizen.get_by_label(re.compile(r"^Mendapatkan salinan")).check()
    citizen.get_by_label("Cara mendapatkan salinan").select_option(label="Email")
    citizen.get_by_label(re.compile("Saya menyatakan data di atas benar")).check()
    assert_fits_width(citizen)
    shot(citizen, "form")
    citizen.get_by_role("button", name="Kirim permohonan").click()

    expect(citizen.get_by_role("heading", name="Permohonan Anda sudah kami terima")).to_be_visible()
    code = citizen.locator("#kode-pelacakan").inner_text().strip()
    assert re.fullmatch(r"PPID-[0-9A-Z]{5}-[0-9A-Z]{5}", code), code
    first_due = citizen.locator("#batas-waktu strong").inner_text().strip()
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", first_due), first_due
    expect(citizen.locator("#batas-waktu")).to_contain_text("hari kerja lagi")
    expect(citizen.get_by_role("main")).to_contain_text("B*** S***")
    expect(citizen.get_by_role("main")).not_to_contain_text("Budi Santoso")
    assert_fits_width(citizen)
    shot(citizen, "code")

    # Later, from the tracking form, by the code alone.
    citizen.goto("/ppid/lacak/")
    citizen.get_by_label("Kode pelacakan").fill(code.lower())
    citizen.get_by_role("button", name="Lacak").click()
    expect(citizen.get_by_role("heading", name=re.compile("Status permohonan"))).to_be_visible()
    expect(citizen.locator("#batas-waktu")).to_contain_text(first_due)

    # The officer extends the deadline with a reason.
    sign_in(page, "ppid.demo")
    page.goto("/ppid/petugas/")
    page.get_by_label("Cari kode atau nama").fill(code)
    page.get_by_role("button", name="Tampilkan").click()
    page.get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", name=code)).to_be_visible()
    page.get_by_role("button", name="Tandai sedang diproses").click()
    expect(page.get_by_role("alert")).to_contain_text("sedang diproses")
    page.get_by_text("Perpanjang batas waktu").click()
    page.get_by_label("Alasan perpanjangan").fill(
        "Data menara dihimpun dari tiga bidang dan perlu diverifikasi."
    )
    page.get_by_role("button", name="Perpanjang", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("diperpanjang")
    new_due = page.locator("#batas-waktu").inner_text().strip()
    assert new_due != first_due
    shot(page, "officer-extended")

    citizen.goto(f"/ppid/lacak/{code}/")
    expect(citizen.locator("#batas-waktu")).to_contain_text(new_due)
    expect(citizen.get_by_role("main")).to_contain_text("Batas waktu diperpanjang")
    expect(citizen.get_by_role("main")).to_contain_text("dihimpun dari tiga bidang")
    shot(citizen, "extended")

    # The officer answers.
    page.get_by_label("Keputusan").select_option(label="Dikabulkan seluruhnya")
    page.get_by_label("Jawaban tertulis").fill(ANSWER)
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_role("alert")).to_contain_text("Jawaban disimpan")

    citizen.reload()
    expect(citizen.get_by_role("heading", name=re.compile("Jawaban PPID"))).to_be_visible()
    expect(citizen.get_by_role("main")).to_contain_text(ANSWER)
    expect(citizen.get_by_role("link", name="Ajukan keberatan")).to_be_visible()
    assert_fits_width(citizen)
    shot(citizen, "answered")


def test_statistics_and_annual_report(page: Page, live_garda, shot) -> None:
    live_garda.manage(
        "shell", "-c",
        "from garda.transparency.ppid.demo import seed_ppid_demo; seed_ppid_demo()",
    )  # fmt: skip
    page.goto("/ppid/statistik/")
    expect(
        page.get_by_role("heading", name=re.compile("Statistik layanan informasi"))
    ).to_be_visible()
    expect(page.get_by_text("Median lama jawaban")).to_be_visible()
    shot(page, "statistik")
    link = page.get_by_role("link", name=re.compile("Unduh laporan tahunan"))
    response = page.request.get(link.get_attribute("href") or "")
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
