"""What outside accessibility checkers found, each as a journey assertion, and the axe-core
audit (e2e/accessibility.py) shown to have teeth.

Every other journey is audited by axe-core too; these pin the individual findings so a
regression names itself: navbar contrast, the budget table's scroll area on a phone, the
booking form's help texts, the login page's autofocus, Bootstrap blue on the green site.
"""

from __future__ import annotations

import accessibility
import pytest
from playwright.sync_api import Page, expect
from test_shell import contrast_problems, main_nav

pytestmark = pytest.mark.e2e

GARDA_GREEN = "rgb(11, 93, 59)"
BOOTSTRAP_BLUE = "rgb(13, 110, 253)"

# The ids an element's aria-describedby / aria-labelledby name that are not in the page.
DANGLING_IDREFS = """() => {
  const missing = [];
  for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby]')) {
    for (const attr of ['aria-describedby', 'aria-labelledby']) {
      for (const id of (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)) {
        const who = el.id || el.name || el.tagName;
        if (!document.getElementById(id)) missing.push(`${who} ${attr}=${id}`);
      }
    }
  }
  return missing;
}"""


def test_every_navbar_entry_is_legible(page: Page) -> None:
    """axe: the menu entries were 55 % white on the green, 3.57:1 (4.5:1 needed)."""
    page.goto("/")
    nav = main_nav(page)
    entries = nav.locator(".nav-link")
    expect(entries.first).to_be_visible()
    visible = {
        f"menu entry '{entries.nth(i).inner_text().strip()}'": entries.nth(i)
        for i in range(entries.count())
        if entries.nth(i).is_visible()
    }
    assert len(visible) >= 3
    assert contrast_problems(visible) == []


def test_the_budget_table_scrolls_by_keyboard_on_a_phone(phone_page: Page) -> None:
    """axe: the 58-row detail table scrolls sideways on a phone, in a box the keyboard could
    not reach and a screen reader could not name."""
    page = phone_page
    page.goto("/anggaran/2026/rincian/")
    box = page.locator(".table-responsive").filter(has=page.locator("table")).first
    expect(box).to_be_visible()
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the table fits: nothing to test"
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    expect(box).to_have_accessible_name("Sub kegiatan: pagu, realisasi dan serapan")
    box.focus()
    page.keyboard.press("ArrowRight")
    expect(box).to_be_focused()
    page.wait_for_function("b => b.scrollLeft > 0", arg=box.element_handle())


def test_every_page_table_that_scrolls_takes_focus(phone_page: Page) -> None:
    """The same for tables no template labels (JP saya, PPID statistics): garda.js gives the
    scrolling box focus and the table's caption or heading as its name."""
    page = phone_page
    page.goto("/ppid/statistik/")
    scrolling = page.locator(".table-responsive[data-garda-scroll]")
    expect(scrolling.first).to_be_attached()
    for i in range(scrolling.count()):
        box = scrolling.nth(i)
        expect(box).to_have_attribute("tabindex", "0")
        assert (box.get_attribute("aria-label") or "").strip(), "a scroll area has a name"


def test_booking_help_texts_are_read_with_their_fields(phone_page: Page) -> None:
    """axe/screen readers: the NIK/BPJS and phone fields pointed at help-text ids that did not
    exist, so the help was never read."""
    page = phone_page
    page.goto("/antrean/DEMO01/daftar/")
    expect(page.get_by_role("heading", name="Ambil antrean")).to_be_visible()
    assert page.evaluate(DANGLING_IDREFS) == []
    expect(page.get_by_label("Nomor identitas")).to_have_accessible_description(
        "NIK 16 digit atau nomor kartu BPJS 13 digit."
    )
    phone = page.get_by_label("Nomor HP (WhatsApp/SMS)")
    expect(phone).to_have_accessible_description(
        "Untuk pemberitahuan saat giliran Anda sudah dekat."
    )


def test_the_login_page_autofocus_is_valid_html(page: Page) -> None:
    """`autofocus="True"` is not a valid boolean attribute; the field is focused all the same."""
    page.goto("/akun/masuk/")
    field = page.get_by_label("Username atau NIP")
    assert field.get_attribute("autofocus") == ""
    assert 'autofocus="True"' not in page.content()
    expect(field).to_be_focused()
    assert page.evaluate(DANGLING_IDREFS) == []


def test_buttons_are_green_not_bootstrap_blue(page: Page) -> None:
    page.goto("/pelatihan/")
    search = page.get_by_role("button", name="Cari", exact=True)
    expect(search).to_have_css("background-color", GARDA_GREEN)
    colours = page.evaluate(
        """() => [...document.querySelectorAll('.btn, .badge, .nav-link, a')]
            .map(el => getComputedStyle(el))
            .flatMap(s => [s.backgroundColor, s.color, s.borderColor])"""
    )
    assert BOOTSTRAP_BLUE not in colours


def test_the_axe_audit_catches_a_violation(page: Page) -> None:
    """The audit itself has teeth: text made faint on a live page is reported as a serious
    color-contrast violation (then forgotten, so this test passes)."""
    page.goto("/data/")
    expect(page.get_by_role("main")).to_be_visible()
    audit = accessibility.current()
    assert audit is not None
    audit.audit_pending()  # the page as served: audited clean
    assert audit.findings == []
    page.evaluate(
        """() => { const p = document.createElement('p'); p.textContent = 'pudar sekali';
                   p.style.color = '#bbbbbb'; document.querySelector('main').append(p); }"""
    )
    audit.audited.clear()
    audit.audit(page)
    rules = {(f.rule, f.impact, f.width) for f in audit.findings}
    assert ("color-contrast", "serious", 1280) in rules
    assert ("color-contrast", "serious", 390) in rules
    audit.findings.clear()
