"""The pages where an administrator edits what a regulation may change — the JP rules, the
degree-study rules and the IP ASN point tables per edition — read on a phone: each opens
with its heading and edition, and nothing sticks out sideways (axe-core audits each page at
this width and at desktop width through conftest)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from test_shell import assert_fits_width

pytestmark = pytest.mark.e2e

RULE_PAGES = (
    ("/jp/aturan/", "Aturan JP"),
    ("/studi/aturan/", "Aturan tugas belajar dan izin belajar"),
    ("/talenta/ip-asn/edisi/", "Tabel IP ASN per edisi"),
    ("/talenta/batas-kinerja/", "Batas sumbu kinerja"),
    ("/talenta/batas-potensial/", "Batas sumbu potensial"),
)


def test_rule_pages_fit_a_phone(
    phone_page: Page, sign_in: Callable[..., None], shot: Callable[[Page, str], object]
) -> None:
    page = phone_page
    sign_in(page, "admin.provinsi")
    for path, heading in RULE_PAGES:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_fits_width(page)
        shot(page, path.strip("/").replace("/", "-"))
