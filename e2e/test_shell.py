"""Journeys through the shell of Garda: sign-in, menu, language, audit log, access, API docs."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

ASN_NIP = "199003152015032001"
ASN_NAME = "Nurul Fitriani"
LOGIN_HEADING = "Masuk ke Garda"
PASSWORD_LABEL = re.compile(r"^(kata )?sandi$", re.IGNORECASE)


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Navigasi utama")


def assert_fits_width(page: Page) -> None:
    """Nothing sticks out sideways: a phone user never has to scroll horizontally."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the viewport"


# WCAG 2.1 contrast of an element's text against the first opaque background behind it.
CONTRAST_JS = """el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = [255, 255, 255];
  for (let n = el; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c.slice(0, 3); break; }
  }
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def contrast_problems(elements: dict[str, Locator]) -> list[str]:
    """Those of the elements whose text is below WCAG AA (4.5:1) against its background."""
    problems = []
    for name, locator in elements.items():
        ratio = locator.evaluate(CONTRAST_JS)
        if ratio < 4.5:
            problems.append(f"{name} {ratio:.2f}:1")
    return problems


def test_asn_on_phone_signs_in_with_nip(phone_page: Page, shot) -> None:
    page = phone_page
    page.goto("/akun/masuk/")
    expect(page.get_by_role("heading", name=LOGIN_HEADING)).to_be_visible()
    shot(page, "login")
    assert_fits_width(page)

    page.get_by_label("Username atau NIP").fill(ASN_NIP)
    page.get_by_label(PASSWORD_LABEL).fill("garda-demo-2026")
    page.get_by_role("button", name="Masuk", exact=True).click()

    expect(page.get_by_role("heading", name=re.compile("^Selamat datang, "))).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(ASN_NAME)
    shot(page, "home")
    assert_fits_width(page)

    nav = main_nav(page)
    nav.get_by_role("button", name="Buka menu").click()
    # Entries are grouped by part of Garda; an ASN has no system entries at all.
    expect(nav.get_by_role("button", name="Sistem")).to_have_count(0)
    expect(nav.get_by_role("link", name="Log Audit")).to_have_count(0)
    nav.get_by_role("button", name="Kepegawaian").click()
    expect(nav.get_by_role("link", name="Unit Kerja")).to_be_visible()
    expect(nav.get_by_role("link", name="Profil Saya")).to_be_visible()
    expect(nav.get_by_role("button", name="Keluar")).to_be_visible()
    shot(page, "menu-open")

    nav.get_by_role("link", name="Profil Saya").click()
    expect(page.get_by_role("heading", name="Profil Saya")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(ASN_NIP)
    expect(page.get_by_role("main")).to_contain_text(ASN_NAME)
    shot(page, "profile")
    assert_fits_width(page)

    nav.get_by_role("button", name="Buka menu").click()
    nav.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))
    expect(page.get_by_role("heading", name=LOGIN_HEADING)).to_be_visible()
    shot(page, "signed-out")

    # Signed out for real: the profile now asks for a sign-in again.
    page.goto("/akun/profil/")
    expect(page).to_have_url(re.compile(r"/akun/masuk/\?next=/akun/profil/"))


def test_navbar_is_legible(page: Page, shot, sign_in) -> None:
    """The top bar's brand, name and sign-out button can be read (WCAG AA, 4.5:1)."""
    sign_in(page, "asn.demo")
    nav = main_nav(page)
    shot(page, "home")
    elements = {
        "brand link 'Garda Jambi'": nav.get_by_role("link", name="Garda Jambi"),
        "profile link with the user's name": nav.get_by_role("link", name=ASN_NAME),
        "button 'Keluar'": nav.get_by_role("button", name="Keluar"),
    }
    for element in elements.values():
        expect(element).to_be_visible()
    problems = contrast_problems(elements)
    assert not problems, "navbar text too faint (WCAG AA needs 4.5:1): " + "; ".join(problems)


def test_wrong_password_stays_on_login(page: Page, shot) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("Username atau NIP").fill("asn.demo")
    page.get_by_label(PASSWORD_LABEL).fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk", exact=True).click()

    expect(page.get_by_role("alert")).to_contain_text("Username/NIP atau kata sandi salah.")
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))
    expect(page.get_by_role("heading", name=LOGIN_HEADING)).to_be_visible()
    expect(page.get_by_label("Username atau NIP")).to_have_value("asn.demo")
    expect(page.get_by_label(PASSWORD_LABEL)).to_have_value("")
    shot(page, "error")


def test_language_switch(page: Page, shot) -> None:
    page.goto("/akun/masuk/")
    html = page.locator("html")
    language = page.get_by_role("combobox", name=re.compile("^(Bahasa|Language)$"))
    expect(html).to_have_attribute("lang", "id")
    expect(language).to_have_value("id")

    with page.expect_navigation():
        language.select_option("en")
    expect(html).to_have_attribute("lang", "en")
    expect(language).to_have_value("en")
    expect(page).to_have_url(re.compile(r"/akun/masuk/$"))
    shot(page, "english")

    # The choice sticks across pages.
    page.goto("/")
    expect(html).to_have_attribute("lang", "en")
    expect(language).to_have_value("en")

    with page.expect_navigation():
        language.select_option("id")
    expect(html).to_have_attribute("lang", "id")
    expect(language).to_have_value("id")
    shot(page, "indonesian")


def test_auditor_sets_up_totp_and_verifies_log(page: Page, shot, live_garda) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("Username atau NIP").fill("auditor.demo")
    page.get_by_label(PASSWORD_LABEL).fill("garda-demo-2026")
    page.get_by_role("button", name="Masuk", exact=True).click()

    # First sign-in of an auditor: the second factor has to be set up before anything else,
    # and the password alone does not show the secret: a one-time link goes to the mailbox.
    expect(page).to_have_url(re.compile(r"/akun/2fa/"))
    expect(page.get_by_role("heading", name="Verifikasi dua langkah")).to_be_visible()
    expect(page.get_by_text("Kami mengirim tautan pemasangan ke email Anda")).to_be_visible()
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")).to_have_count(0)
    expect(page.locator("#totp-secret")).to_have_count(0)
    shot(page, "2fa-link-sent")
    page.goto("/audit/")  # not before the second factor
    expect(page).to_have_url(re.compile(r"/akun/2fa/\?next=/audit/"))

    link = live_garda.mailed_enrolment_link("auditor.demo@demo.garda.id")
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/akun/2fa/$"))
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")).to_be_visible()
    shot(page, "2fa-setup")

    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    code = f"{totp(key):06d}"
    page.get_by_label("Kode 6 digit dari aplikasi autentikator").fill(code)
    page.get_by_role("button", name="Verifikasi").click()

    expect(page.get_by_role("heading", name=re.compile("^Selamat datang, "))).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Verifikasi dua langkah berhasil.")
    shot(page, "home")

    main_nav(page).get_by_role("button", name="Sistem").click()
    main_nav(page).get_by_role("link", name="Log Audit").click()
    expect(page.get_by_role("heading", name="Log Audit", exact=True)).to_be_visible()
    table = page.get_by_role("table")
    # Newest first: the auditor's own TOTP set-up tops the log.
    # (other journeys' admins set up TOTP too, so the newest such entry is enough)
    expect(table.get_by_text("auth.totp_confirm", exact=True).first).to_be_visible()
    shot(page, "audit-log")
    # The demo's accounts were created through the services, so the log has them too.
    page.get_by_role("textbox", name="Aksi").fill("user.")
    page.get_by_role("button", name="Saring").click()
    expect(page).to_have_url(re.compile(r"\?aksi=user\.$"))
    expect(table.get_by_text("user.create", exact=True).first).to_be_visible()
    expect(table.get_by_text("auth.totp_confirm", exact=True)).to_have_count(0)
    shot(page, "audit-log-filtered")

    page.get_by_role("button", name="Verifikasi seluruh log").click()
    expect(page).to_have_url(re.compile(r"/pekerjaan/\d+/$"))
    expect(page.get_by_role("heading", name="Verifikasi log audit")).to_be_visible()
    progress = page.get_by_role("progressbar", name="Kemajuan")
    expect(progress).to_be_visible()
    shot(page, "job-started")
    expect(progress).to_have_attribute("value", "100", timeout=30_000)
    expect(page.get_by_text("Log audit utuh.")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("main")).to_contain_text("100%")
    shot(page, "job-done")


def test_admin_signs_in_again_with_code_only(page: Page, shot, sign_in, live_garda) -> None:
    """Once set up, the second factor asks only for the code: no QR, no secret on screen."""
    sign_in(page, "admin.provinsi")
    expect(page.get_by_role("heading", name=re.compile("^Selamat datang, "))).to_be_visible()
    with page.expect_navigation():
        main_nav(page).get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("heading", name=LOGIN_HEADING)).to_be_visible()

    page.get_by_label("Username atau NIP").fill("admin.provinsi")
    page.get_by_label(PASSWORD_LABEL).fill("garda-demo-2026")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).to_have_url(re.compile(r"/akun/2fa/"))
    expect(
        page.get_by_text("Masukkan kode 6 digit dari aplikasi autentikator Anda.")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")).to_have_count(0)
    expect(page.get_by_text(re.compile("Masukkan kunci ini secara manual"))).to_have_count(0)
    shot(page, "2fa-code-only")

    secret = live_garda.totp_secret("admin.provinsi")  # read with `garda shell`, as an app would
    page.get_by_label("Kode 6 digit dari aplikasi autentikator").fill(
        live_garda.totp_code("admin.provinsi", secret)
    )
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_role("heading", name=re.compile("^Selamat datang, "))).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Rahmat Hidayat")
    shot(page, "home")


def test_audit_log_is_closed_to_strangers_and_asn(page: Page, shot, sign_in, console) -> None:
    page.goto("/audit/")
    expect(page).to_have_url(re.compile(r"/akun/masuk/\?next=/audit/"))
    expect(page.get_by_role("heading", name=LOGIN_HEADING)).to_be_visible()
    shot(page, "anonymous")

    sign_in(page, "asn.demo")
    expect(page.get_by_role("heading", name=re.compile("^Selamat datang, "))).to_be_visible()
    # Chromium notes every non-2xx document in the console; this one is the point of the test.
    console.allow(r"Failed to load resource: the server responded with a status of 403")
    response = page.goto("/audit/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Akses ditolak")).to_be_visible()
    expect(page.get_by_role("link", name="Kembali ke beranda")).to_be_visible()
    shot(page, "asn-403")


def test_skip_link_is_first_tab_stop(page: Page, shot) -> None:
    page.goto("/akun/masuk/")
    # Start from the top: a click on the empty page background puts the keyboard's starting
    # point at the beginning of the document, whatever had the focus before.
    assert page.evaluate("() => document.elementFromPoint(640, 790).tagName") in {"HTML", "BODY"}
    page.mouse.click(640, 790)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke isi")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    shot(page, "skip-link-focused")

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#isi$"))
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Username atau NIP")).to_be_focused()


def test_api_docs_render(page: Page, shot, sign_in) -> None:
    sign_in(page, "asn.demo")
    page.goto("/api/v1/docs/")
    expect(page).to_have_title(re.compile("Garda API"))
    shot(page, "docs")
    # Swagger UI draws the schema's title itself: proof that its script ran and fetched it.
    expect(page.get_by_role("heading", name=re.compile("Garda API"))).to_be_visible()
    expect(page.get_by_text("/api/v1/me/").first).to_be_visible()
    shot(page, "docs-rendered")


def test_links_follow_the_port_garda_was_started_on(page: Page, live_garda) -> None:
    """Started with only GARDA_PORT (no GARDA_SITE_URL): the address printed and every link
    in /data.json point at that port, not at :8000."""
    assert f"Garda berjalan di {live_garda.url}/" in live_garda.log.read_text(errors="replace")
    catalog = page.request.get(f"{live_garda.url}/data.json").json()
    links = [
        distribution["downloadURL"]
        for dataset in catalog["dataset"]
        for distribution in dataset.get("distribution", [])
    ]
    assert links
    assert all(link.startswith(f"{live_garda.url}/") for link in links), links[:3]
