"""Puskesmas queue journey: a citizen books on a phone and gets a code and QR; at the kiosk the
code is entered (check-in); petugas.demo calls the next patient from the console with the
keyboard; the display board, open all along in another window, shows the number and speaks
"Nomor antrean A-…, silakan ke Poli Umum" (speechSynthesis intercepted to record the text)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

NIK = "1571014404900007"

# The journey must not depend on the hour it runs: Puskesmas Demo's registration closes at
# 14.00 WIB and Sunday is closed, so the test opens today all day first.
OPEN_TODAY = """
import datetime as dt
from django.utils import timezone
from garda.queueing.models import ClosedDate, Facility, OpeningHours
f = Facility.objects.get(code="DEMO01")
today = timezone.localdate()
OpeningHours.objects.update_or_create(
    facility=f, weekday=today.weekday(),
    defaults={"opens": dt.time(0, 0), "closes": dt.time(23, 59, 59)},
)
ClosedDate.objects.filter(facility=f, date=today).delete()
"""

# Record what the display says instead of relying on a speech engine in headless Chromium.
RECORD_SPEECH = """
window.__spoken = [];
if (typeof window.SpeechSynthesisUtterance === 'undefined') {
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
}
var fakeSpeech = {
  speak: function (u) {
    window.__spoken.push(u.text);
    setTimeout(function () { if (u.onend) u.onend(); }, 10);
  },
  getVoices: function () { return []; },
  cancel: function () {}
};
try {
  Object.defineProperty(window, 'speechSynthesis', {value: fakeSpeech, configurable: true});
} catch (e) { window.speechSynthesis = fakeSpeech; }
"""

NO_PRINT_DIALOG = "window.__printed = 0; window.print = function () { window.__printed += 1; };"


def assert_fits_width(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the viewport"


def new_desktop_page(browser: Browser, base_url: str, console: Any) -> Page:
    context = browser.new_context(
        base_url=base_url,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        reduced_motion="reduce",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    console.watch(page)
    return page


def test_book_check_in_call_and_hear_the_display(
    phone_page: Page,
    page: Page,
    browser: Browser,
    base_url: str,
    console: Any,
    live_garda: Any,
    sign_in: Any,
    shot: Any,
) -> None:
    live_garda.manage("shell", "-c", OPEN_TODAY)

    # The TV in the waiting room is on before anyone books.
    display = page
    display.add_init_script(RECORD_SPEECH)
    display.goto("/antrean/DEMO01/layar/")
    expect(display.get_by_role("heading", name="Puskesmas Demo")).to_be_visible()
    expect(display.locator("#status-koneksi")).to_have_text("Tersambung")

    # A citizen books from a phone.
    citizen = phone_page
    citizen.goto("/antrean/")
    expect(citizen.get_by_role("heading", name="Antrean Puskesmas")).to_be_visible()
    citizen.get_by_label("Cari puskesmas").fill("DEMO01")
    citizen.get_by_role("button", name="Cari", exact=True).click()
    citizen.get_by_role("link", name="Ambil antrean").first.click()
    expect(citizen.get_by_role("heading", name="Ambil antrean")).to_be_visible()
    citizen.get_by_label("Poli").select_option(label="Poli Umum")
    citizen.get_by_label("NIK (KTP/KK)").check()
    citizen.get_by_label("Nomor identitas").fill(NIK)
    citizen.get_by_label("Nama pasien").fill("Dewi Lestari Harahap")
    citizen.get_by_label("Nomor HP (WhatsApp/SMS)").fill("081366612345")
    assert_fits_width(citizen)
    shot(citizen, "book")
    citizen.get_by_role("button", name="Daftar").click()

    expect(citizen.get_by_text("Pendaftaran berhasil")).to_be_visible()
    number = citizen.locator("#nomor-antrean").inner_text().strip()
    assert re.fullmatch(r"A-\d+", number), number
    code = citizen.locator("#kode-booking").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{8}", code), code
    expect(citizen.locator(".queue-qr svg")).to_be_visible()
    expect(citizen.locator("#eta")).to_contain_text("WIB")
    expect(citizen.get_by_text(NIK)).to_have_count(0)  # masked even here
    assert_fits_width(citizen)
    shot(citizen, "ticket")

    # At the puskesmas: the kiosk, code typed (a QR scanner types the same way).
    kiosk = display.context.new_page()
    kiosk.add_init_script(NO_PRINT_DIALOG)
    kiosk.goto("/antrean/DEMO01/anjungan/")
    kiosk.get_by_label("Kode booking").fill(code.lower())
    kiosk.get_by_role("button", name="Lapor hadir").click()
    expect(kiosk.locator("#nomor-antrean")).to_have_text(number)
    kiosk.wait_for_function("() => window.__printed > 0")
    shot(kiosk, "receipt")
    # Someone without a booking takes the next number of Poli Umum at the same kiosk.
    kiosk.goto("/antrean/DEMO01/anjungan/")
    kiosk.get_by_role("button", name=re.compile("Poli Umum")).click()
    walk_in = kiosk.locator("#nomor-antrean").inner_text().strip()
    assert walk_in == f"A-{int(number[2:]) + 1}", walk_in
    kiosk.close()

    # The petugas calls the next patient with the keyboard.
    staff = new_desktop_page(browser, base_url, console)
    sign_in(staff, "petugas.demo")
    staff.goto("/antrean/petugas/")
    expect(staff.get_by_role("heading", name="Puskesmas Demo")).to_be_visible()
    staff.get_by_role("link", name=re.compile("Poli Umum — Ruang Umum 1")).click()
    expect(staff.get_by_role("cell", name=number, exact=True)).to_be_visible()
    ahead = serve_until_called(staff, number)
    expect(staff.locator("#nomor-sekarang")).to_have_text(number)
    expect(staff.get_by_text(f"Memanggil {number}.")).to_be_visible()
    shot(staff, "console")

    # The display shows the number within two seconds and says it (after announcing, one by
    # one, the demo's patients called before it, if any).
    expect(display.locator("#panggilan-nomor")).to_have_text(
        number, timeout=2_500 + ahead * ANNOUNCEMENT_MS
    )
    display.wait_for_function(
        "n => window.__spoken.some(t => t.indexOf('Nomor antrean ' + n) === 0)",
        arg=number,
        timeout=5_000,
    )
    spoken = display.evaluate("() => window.__spoken")
    assert f"Nomor antrean {number}, silakan ke Poli Umum, Ruang Umum 1" in spoken
    shot(display, "display")

    # The citizen's page knows too.
    citizen.reload()
    expect(citizen.locator("#status-label")).to_have_text("Dipanggil")

    # The server goes away (as in a restart); meanwhile the petugas finishes and calls the
    # walk-in. When the server answers again the board catches up by itself, no reload.
    console.allow(r"layar\.json.*(Failed to load resource|ERR_)|Failed to load resource.*ERR_")
    display.route("**/layar.json", lambda route: route.abort())
    expect(display.locator("#status-koneksi")).to_have_text(re.compile("Terputus"))
    staff.keyboard.press("f")
    expect(staff.get_by_text(f"{number} selesai.")).to_be_visible()
    ahead = serve_until_called(staff, walk_in)
    expect(staff.locator("#nomor-sekarang")).to_have_text(walk_in)
    display.unroute("**/layar.json")
    expect(display.locator("#status-koneksi")).to_have_text("Tersambung", timeout=15_000)
    expect(display.locator("#panggilan-nomor")).to_have_text(
        walk_in, timeout=5_000 + ahead * ANNOUNCEMENT_MS
    )
    display.wait_for_function(
        "n => window.__spoken.some(t => t.indexOf('Nomor antrean ' + n) === 0)", arg=walk_in
    )
    staff.context.close()


# The longest the board gives one call (display.js ends an announcement after 8 s at most).
ANNOUNCEMENT_MS = 9_000


def serve_until_called(staff: Page, number: str) -> int:
    """The petugas works through the counter until `number` is called: finishes whoever is
    at the counter (F), calls the next (N). The demo seeds today's traffic up to the hour the
    server starts, so during opening hours patients of the demo already wait at Poli Umum,
    some ahead of the test's own; before opening there are none and this is one N. Returns
    how many others it finished: at most one more than the board announces before `number`."""
    others = 0
    for _ in range(100):
        current = staff.locator("#nomor-sekarang")
        if current.count():
            shown = current.inner_text().strip()
            if shown == number:
                return others
            staff.keyboard.press("f")
            expect(staff.get_by_text(f"{shown} selesai.")).to_be_visible()
            others += 1
        else:
            staff.keyboard.press("n")
            expect(staff.locator("#nomor-sekarang")).to_be_visible()
    raise AssertionError(f"{number} was never called")
