"""Certificates as outsiders check them: the ASN's PDF names the signing official (name, NIP,
position) and the participant's golongan and jabatan; the Open Badge downloaded from the live
Garda is verified by an independent implementation (Digital Bazaar's `@digitalbazaar/vc` with
the `eddsa-rdfc-2022` cryptosuite and the Bitstring Status List, `tools/badge-verify/`), which
reports it revoked once the BPSDM admin revokes the certificate; the PDF then says DICABUT."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

pytestmark = pytest.mark.e2e

VERIFIER = Path(__file__).resolve().parents[1] / "tools" / "badge-verify"
REASON = "Daftar hadir tidak sah"
# Certificates the demo issued when it replayed its past batches (learning/demo_catalogue.py):
# the demo ASN's own, and one of a colleague from the e-Government workshop, which the admin
# downloads and revokes (the demo ASN's certificate stays valid for the journeys after this).
DEMO_CERTIFICATES = """
from garda.learning.models import Certificate
demo = Certificate.objects.filter(enrollment__employee__user__username="asn.demo",
                                  revoked_at__isnull=True).order_by("pk").first()
workshop = (Certificate.objects.filter(enrollment__batch__program__code="workshop-egov",
                                       revoked_at__isnull=True)
            .exclude(enrollment__employee__user__username="asn.demo").order_by("pk").first())
print(demo.enrollment_id, workshop.enrollment_id)
"""


def _verify(badge: Path, base_url: str) -> tuple[int, dict[str, object]]:
    if not (VERIFIER / "node_modules").is_dir():
        pytest.fail(f"run `npm ci` in {VERIFIER} first (.ci/run and `make e2e` do)")
    node = shutil.which("node")
    assert node, "Node.js is needed for the independent badge verifier"
    done = subprocess.run([node, str(VERIFIER / "verify.mjs"), str(badge), "--garda", base_url],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.stdout.strip(), done.stderr
    return done.returncode, json.loads(done.stdout.strip().splitlines()[-1])


def _pdf_text(page: Page, enrollment_url: str) -> str:
    page.goto(enrollment_url)
    with page.expect_download() as download_info:
        page.locator("#unduh-sertifikat").click()
    data = download_info.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def test_badge_verifies_independently_until_revoked(
    page: Page, browser: Browser, base_url: str, live_garda: Any, sign_in, shot,
    tmp_path: Path,
) -> None:  # fmt: skip
    ids = live_garda.manage("shell", "-c", DEMO_CERTIFICATES).strip().splitlines()[-1].split()
    own_url, colleague_url = (f"/pelatihan/pendaftaran/{int(pk)}/" for pk in ids)

    # The demo ASN's certificate: the official who signs it and the participant's rank.
    asn = page
    sign_in(asn, "asn.demo")
    text = _pdf_text(asn, own_url)
    for expected in ("Dr. Hendra Saputra", "NIP 197506122000031001",
                     "Kepala BPSDM Provinsi Jambi", "PEMERINTAH PROVINSI JAMBI",
                     "Nurul Fitriani", "(III/b)", "Widyaiswara Ahli Pertama"):  # fmt: skip
        assert expected in text, expected
    assert "DICABUT" not in text

    # Her Open Badge, as she downloads it, checked by the independent verifier.
    asn.goto(own_url)
    with asn.expect_download() as download_info:
        asn.get_by_role("link", name="Open Badge (JSON)").click()
    badge = tmp_path / "badge.json"
    badge.write_bytes(download_info.value.path().read_bytes())
    code, result = _verify(badge, base_url)
    assert (code, result["verified"], result["revoked"]) == (0, True, False), result
    assert str(result["issuer"]).startswith("did:web:127.0.0.1%3A")

    # A badge whose content was changed fails.
    forged = json.loads(badge.read_text())
    forged["credentialSubject"]["achievement"]["creditsAvailable"] = 500
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    code, result = _verify(tmp_path / "forged.json", base_url)
    assert code == 1
    assert result["verified"] is False

    # A colleague's badge from the demo's e-Government workshop verifies, until the BPSDM
    # admin revokes that certificate.
    admin_context = browser.new_context(base_url=base_url, locale="id-ID")
    admin = admin_context.new_page()
    sign_in(admin, "admin.provinsi")
    admin.goto(colleague_url)
    with admin.expect_download() as download_info:
        admin.get_by_role("link", name="Open Badge (JSON)").click()
    colleague_badge = tmp_path / "colleague.json"
    colleague_badge.write_bytes(download_info.value.path().read_bytes())
    code, result = _verify(colleague_badge, base_url)
    assert (code, result["verified"], result["revoked"]) == (0, True, False), result

    admin.get_by_label("Alasan pencabutan").fill(REASON)
    admin.get_by_role("button", name="Cabut sertifikat").click()
    admin.get_by_text("Sertifikat dicabut.").wait_for()
    shot(admin, "revoked")

    # The same badge file now reads as revoked, from Garda's status list; the demo ASN's
    # badge is untouched.
    code, result = _verify(colleague_badge, base_url)
    assert (code, result["verified"], result["revoked"]) == (2, True, True), result
    code, result = _verify(badge, base_url)
    assert (code, result["revoked"]) == (0, False), result

    # And the revoked certificate's PDF is no longer the valid paper.
    text = _pdf_text(admin, colleague_url)
    assert "DICABUT pada" in text
    assert REASON in text
    admin_context.close()
