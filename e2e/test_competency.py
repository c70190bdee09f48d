"""Competency journey: BPSDM imports a jabatan standard and assessment results (real .csv and
.xlsx files through the upload pages); the demo ASN reads its gaps and drafts a development
plan from Garda's proposals; its atasan approves; BPSDM sees the OPD's need in the province
plan and creates a batch from that line. Then the provincial BKD uploads a discipline file:
one bad row refuses the whole file, skipping it imports the rest."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from garda.core.spreadsheets.export import Sheet, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.e2e

DEMO_NIP = "199003152015032001"
ATASAN_NIP = "197806102003121002"  # atasan.demo
SK = "800/BKD-E2E/2026"
PROGRAM = "Pelatihan Komunikasi Efektif ASN"  # demo program tagged M.2 and M.3 up to level 3


def _wait_for_job(page: Page, summary: re.Pattern[str]) -> None:
    expect(page.get_by_text(summary)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Selesai", exact=False).first).to_be_visible()


def test_standards_and_results_to_a_plan_and_a_batch(
    page: Page, browser, base_url: str, sign_in, shot, tmp_path: Path
) -> None:
    # 1. BPSDM (admin provinsi) raises the standard of the demo ASN's jabatan in M.2 to 3.
    admin = page
    sign_in(admin, "admin.provinsi")
    admin.goto("/kompetensi/standar/impor/")
    expect(admin.get_by_role("heading", name="Impor standar kompetensi")).to_be_visible()
    standards = tmp_path / "standar-widyaiswara.csv"
    standards.write_bytes(csv_bytes(
        ["Jabatan", "Jenis Jabatan", "Kode Kompetensi", "Level"],
        [["widyaiswara  ahli pertama", "Fungsional Ahli Pertama", "M.2", 3]],
    ))  # fmt: skip
    admin.get_by_label("Instansi").select_option(label="Pemerintah Provinsi Jambi")
    admin.get_by_label("Berkas (.xlsx atau .csv)").set_input_files(str(standards))
    admin.get_by_role("button", name="Impor").click()
    _wait_for_job(
        admin, re.compile(r"standar-widyaiswara\.csv: 1 baris data; standar: 0 baru, 1 diubah")
    )

    # 2. Then the results of a new assessment: M.4 found at level 1 (standard 2).
    admin.goto("/kompetensi/asesmen/impor/")
    day = dt.date.today() - dt.timedelta(days=2)  # noqa: DTZ011  # the browser's day in WIB
    results = tmp_path / "hasil-asesmen.xlsx"
    results.write_bytes(xlsx_bytes([Sheet("Hasil", ["NIP", "Kode Kompetensi", "Level", "Tanggal",
                                                    "Metode", "Lembaga"],
                                          [[DEMO_NIP, "M.4", 1, day, "Panel", "UPT PK BKD"]],
                                          text_columns=frozenset({0}))]))  # fmt: skip
    admin.get_by_label("Berkas (.xlsx atau .csv)").set_input_files(str(results))
    admin.get_by_role("button", name="Impor").click()
    _wait_for_job(admin, re.compile(r"hasil-asesmen\.xlsx: 1 baris data; hasil asesmen: 1 baru"))
    shot(admin, "import-job")

    # 3. The ASN reads its gaps and drafts its plan from the proposals.
    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    asn = context.new_page()
    try:
        sign_in(asn, "asn.demo")
        asn.goto("/kompetensi/saya/")
        expect(asn.get_by_role("heading", name="Kompetensi saya")).to_be_visible()
        gaps = asn.locator("#gaps")
        expect(gaps.locator("tr", has_text="M.2")).to_contain_text("-1")
        expect(gaps.locator("tr", has_text="M.4")).to_contain_text("-1")
        shot(asn, "gaps")
        asn.get_by_role("link", name="Susun rencana pengembangan").click()
        proposals = asn.locator("#proposals")
        expect(proposals).to_contain_text(PROGRAM)
        asn.get_by_label(PROGRAM).check()
        asn.get_by_role("button", name="Tambahkan ke rencana").click()
        expect(asn.get_by_text("Kegiatan ditambahkan ke rencana.")).to_be_visible()
        expect(asn.locator("#plan-items")).to_contain_text(PROGRAM)
        asn.get_by_role("button", name="Ajukan kepada atasan").click()
        expect(asn.get_by_test_id("plan-status")).to_have_text("Menunggu persetujuan")
        shot(asn, "idp")
    finally:
        context.close()

    # 4. The atasan approves.
    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    head = context.new_page()
    try:
        sign_in(head, "atasan.demo")
        head.goto("/kompetensi/idp/persetujuan/")
        head.get_by_role("link", name="Nurul Fitriani").click()
        expect(head.locator("#plan-items")).to_contain_text(PROGRAM)
        head.get_by_label("Catatan").fill("Disetujui, ikuti angkatan pertama.")
        head.get_by_role("button", name="Setujui").click()
        expect(head.get_by_text("Rencana disetujui.")).to_be_visible()
        expect(head.get_by_test_id("plan-status")).to_have_text("Disetujui")
    finally:
        context.close()

    # 5. BPSDM sees the OPD's need in the province plan and creates a batch from the line.
    admin.goto("/kompetensi/rencana/")
    bpsdm_need = admin.locator("h3", has_text="Badan Pengembangan Sumber Daya Manusia")
    expect(bpsdm_need).to_be_visible()
    line = admin.locator("#province-plan tr", has_text=PROGRAM)
    expect(line).to_be_visible()
    line.get_by_role("link", name="Buat angkatan").click()
    expect(admin.get_by_role("heading", name="Buat angkatan dari rencana")).to_be_visible()
    start = dt.date.today() + dt.timedelta(days=30)  # noqa: DTZ011  # the browser's day in WIB
    admin.get_by_label("Nama angkatan").fill("Angkatan Rencana Kompetensi I")
    admin.get_by_label("Pendaftaran dibuka").fill(dt.date.today().isoformat())  # noqa: DTZ011  # as above
    admin.get_by_label("Pendaftaran ditutup").fill((start - dt.timedelta(days=7)).isoformat())
    admin.get_by_label("Tanggal mulai").fill(start.isoformat())
    admin.get_by_label("Tanggal selesai").fill((start + dt.timedelta(days=3)).isoformat())
    budget = admin.get_by_label("Sub kegiatan anggaran")
    if budget.locator("option").count() > 1:
        budget.select_option(index=1)
    admin.get_by_role("button", name="Buat angkatan").click()
    expect(admin.get_by_text("Angkatan dibuat dari rencana.")).to_be_visible()
    line = admin.locator("#province-plan tr", has_text=PROGRAM)
    expect(line.get_by_role("link", name="Angkatan Rencana Kompetensi I")).to_be_visible()
    shot(admin, "province-plan")


def test_bkd_uploads_a_discipline_file(page: Page, sign_in, shot, tmp_path: Path) -> None:
    # The atasan's sanction (ringan) changes no other journey: no journey reads its index, and
    # only sedang/berat block a degree study.
    today = dt.date.today()  # noqa: DTZ011  # the browser's day in WIB
    sign_in(page, "admin.provinsi")
    page.goto("/talenta/disiplin/")
    page.get_by_role("link", name="Impor hukuman disiplin").click()
    expect(page.get_by_role("heading", name="Impor hukuman disiplin")).to_be_visible()
    sanctions = tmp_path / "disiplin.csv"
    sanctions.write_bytes(csv_bytes(
        ["NIP", "Tingkat", "Jenis Hukuman", "TMT", "Tanggal Selesai", "Nomor SK"],
        [[ATASAN_NIP, "RINGAN", "Teguran tertulis", today.strftime("%d-%m-%Y"), "", SK],
         [DEMO_NIP, "Sangat berat", "Teguran lisan", today.isoformat(), "", "SK-2"]],
    ))  # fmt: skip
    page.get_by_label("Berkas (.xlsx atau .csv)").set_input_files(str(sanctions))
    page.get_by_role("button", name="Impor").click()
    expect(page.get_by_text(re.compile(r"Tidak ada yang disimpan"))).to_be_visible(timeout=60_000)
    expect(
        page.get_by_text(re.compile(r"Baris 3, kolom Tingkat: Tingkat 'Sangat berat'"))
    ).to_be_visible()
    shot(page, "discipline-refused")

    page.goto("/talenta/disiplin/impor/")
    page.get_by_label("Berkas (.xlsx atau .csv)").set_input_files(str(sanctions))
    page.get_by_label("Lewati baris yang salah dan impor sisanya").check()
    page.get_by_role("button", name="Impor").click()
    _wait_for_job(page, re.compile(r"disiplin\.csv: 2 baris data; hukuman disiplin: 1 baru"))
    page.goto("/talenta/disiplin/")
    row = page.locator("tr", has_text=SK)
    expect(row).to_contain_text("Yusuf Maulana")
    expect(row).to_contain_text("Ringan")
