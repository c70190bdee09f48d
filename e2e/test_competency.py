"""Competency journey: BPSDM imports a jabatan standard and assessment results (real .csv and
.xlsx files through the upload pages); the demo ASN reads its gaps and drafts a development
plan from Garda's proposals; its atasan approves; BPSDM sees the OPD's need in the province
plan and creates a batch from that line; the batch runs, the ASN attends and gets the
certificate, and her IDP progress, her JP this year and her IP ASN change. Then the provincial
BKD uploads a discipline file: one bad row refuses the whole file, skipping it imports the
rest."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from garda.core.spreadsheets.export import Sheet, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.e2e

DEMO_NIP = "199003152015032001"
ATASAN_NIP = "197806102003121002"  # atasan.demo
SK = "800/BKD-E2E/2026"
PROGRAM = "Pelatihan Komunikasi Efektif ASN"  # demo program tagged M.2 and M.3 up to level 3
# The demo's functional training (30 JP, M.6 up to level 3): the demo ASN is a widyaiswara (a JF
# holder), so IP ASN credits it (15 points for functional training) whatever else she did.
FUNCTIONAL = "Pelatihan Fungsional Coaching dan Mentoring bagi Widyaiswara"
FUNCTIONAL_JP = 30
FUNCTIONAL_POINTS = 15  # fungsional.fungsional in the seeded PermenPANRB 38/2018 edition
BATCH = "Angkatan Rencana Kompetensi I"
WIB = ZoneInfo("Asia/Jakarta")


def _number(text: str) -> Decimal:
    """The first number in a text as the page writes it (Indonesian: "67,5", "1.250")."""
    found = re.search(r"\d[\d.]*(?:,\d+)?", text)
    assert found, text
    return Decimal(found.group(0).replace(".", "").replace(",", "."))


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
        # Where she stands before any training: her JP this year and her IP ASN.
        asn.goto("/jp/saya/")
        jp_before = _number(asn.get_by_test_id("jp-total").inner_text())
        asn.goto("/talenta/saya/")
        ip_before = _number(asn.get_by_test_id("ip-total").inner_text())
        asn.goto("/kompetensi/saya/")
        asn.get_by_role("link", name="Susun rencana pengembangan").click()
        proposals = asn.locator("#proposals")
        expect(proposals).to_contain_text(PROGRAM)
        expect(proposals).to_contain_text(FUNCTIONAL)
        asn.get_by_label(PROGRAM).check()
        asn.get_by_label(FUNCTIONAL).check()
        asn.get_by_role("button", name="Tambahkan ke rencana").click()
        expect(asn.get_by_text("Kegiatan ditambahkan ke rencana.")).to_be_visible()
        expect(asn.locator("#plan-items")).to_contain_text(PROGRAM)
        expect(asn.locator("#plan-items")).to_contain_text(FUNCTIONAL)
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

    # 5. BPSDM sees the OPD's need in the province plan and creates a batch from the line of
    # the functional training, running today so that it counts in this year's IDP and index.
    admin.goto("/kompetensi/rencana/")
    bpsdm_need = admin.locator("h3", has_text="Badan Pengembangan Sumber Daya Manusia")
    expect(bpsdm_need).to_be_visible()
    expect(admin.locator("#province-plan tr", has_text=PROGRAM)).to_be_visible()
    line = admin.locator("#province-plan tr", has_text=FUNCTIONAL)
    expect(line).to_be_visible()
    line.get_by_role("link", name="Buat angkatan").click()
    expect(admin.get_by_role("heading", name="Buat angkatan dari rencana")).to_be_visible()
    now = dt.datetime.now(WIB)
    today = now.date()
    admin.get_by_label("Nama angkatan").fill(BATCH)
    admin.get_by_label("Pendaftaran dibuka").fill(today.isoformat())
    admin.get_by_label("Pendaftaran ditutup").fill(today.isoformat())
    admin.get_by_label("Tanggal mulai").fill(today.isoformat())
    admin.get_by_label("Tanggal selesai").fill(today.isoformat())
    budget = admin.get_by_label("Sub kegiatan anggaran")
    if budget.locator("option").count() > 1:
        budget.select_option(index=1)
    admin.get_by_role("button", name="Buat angkatan").click()
    expect(admin.get_by_text("Angkatan dibuat dari rencana.")).to_be_visible()
    line = admin.locator("#province-plan tr", has_text=FUNCTIONAL)
    expect(line.get_by_role("link", name=BATCH)).to_be_visible()
    shot(admin, "province-plan")

    # 6. The batch runs: registration opens, a session now, the ASN is nominated from her plan.
    line.get_by_role("link", name=BATCH).click()
    expect(admin.get_by_role("heading", name=re.compile(BATCH))).to_be_visible()
    batch_url = admin.url
    admin.get_by_role("link", name="Ubah angkatan").click()
    admin.get_by_label("Status").select_option(label="Pendaftaran dibuka")
    admin.get_by_role("button", name="Simpan").click()
    expect(admin.get_by_text("Angkatan tersimpan.")).to_be_visible()
    admin.get_by_role("link", name="Tambah sesi").click()
    admin.get_by_label("Materi").fill("Coaching dalam pembelajaran")
    # Within today (WIB) whatever the hour: the batch starts and ends today.
    midnight = dt.datetime.combine(today, dt.time(0, 0), WIB)
    starts = max(now - dt.timedelta(hours=1), midnight)
    ends = min(now + dt.timedelta(hours=2), midnight + dt.timedelta(hours=23, minutes=59))
    admin.get_by_label("Mulai").fill(f"{starts:%Y-%m-%dT%H:%M}")
    admin.get_by_label("Selesai").fill(f"{ends:%Y-%m-%dT%H:%M}")
    admin.get_by_role("button", name="Simpan").click()
    expect(admin.get_by_text("Coaching dalam pembelajaran")).to_be_visible()
    admin.get_by_label("NIP pegawai").fill(DEMO_NIP)
    admin.get_by_role("button", name="Usulkan").click()
    expect(admin.get_by_text("Nurul Fitriani diusulkan: Menunggu persetujuan.")).to_be_visible()

    # 7. The atasan approves the nomination.
    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    head = context.new_page()
    try:
        sign_in(head, "atasan.demo")
        head.goto("/pelatihan/persetujuan/")
        request_row = head.get_by_role("row").filter(has_text=FUNCTIONAL)
        expect(request_row).to_contain_text("Nurul Fitriani")
        request_row.get_by_role("button", name="Setujui").click()
        expect(head.get_by_text("Disetujui: Nurul Fitriani")).to_be_visible()
    finally:
        context.close()

    # 8. The organiser marks her present and decides completion: the certificate is issued
    # (the program asks 80 % attendance and no post-test) with its JP ledger entry.
    admin.goto(batch_url)
    admin.get_by_role("link", name="Presensi").first.click()
    attendance = admin.locator("#daftar-hadir")
    attendance.locator("li", has_text="Nurul Fitriani").get_by_role(
        "button", name="Tandai hadir"
    ).click()
    expect(attendance.locator("li", has_text="Nurul Fitriani")).to_contain_text("Dicatat panitia")
    admin.goto(batch_url)
    admin.get_by_role("button", name="Tetapkan kelulusan dan buat sertifikat").click()
    _wait_for_job(admin, re.compile(r"1 sertifikat dibuat"))

    # 9. The ASN sees the training in her IDP progress, her JP and her IP ASN.
    context = browser.new_context(base_url=base_url, locale="id-ID", timezone_id="Asia/Jakarta")
    asn = context.new_page()
    try:
        sign_in(asn, "asn.demo")
        asn.goto("/kompetensi/idp/")
        progress = re.compile(rf"Kemajuan: {FUNCTIONAL_JP}(,0+)? dari [\d,]+ JP")
        expect(asn.get_by_text(progress)).to_be_visible()
        done_row = asn.locator("tr", has_text=FUNCTIONAL)
        expect(done_row).to_contain_text(str(FUNCTIONAL_JP))
        shot(asn, "idp-progress")
        asn.goto("/jp/saya/")
        expect(asn.get_by_text(FUNCTIONAL).first).to_be_visible()
        assert _number(asn.get_by_test_id("jp-total").inner_text()) == jp_before + FUNCTIONAL_JP
        shot(asn, "jp-after")
        asn.goto("/talenta/saya/")
        ip_after = _number(asn.get_by_test_id("ip-total").inner_text())
        assert ip_after == ip_before + FUNCTIONAL_POINTS, (ip_before, ip_after)
        shot(asn, "ip-asn-after")
    finally:
        context.close()


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
