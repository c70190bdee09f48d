"""The official certificate: the signing official (name, NIP, position) configured per
organising unit, the participant's golongan and jabatan, JP and period, the emblem, a frame
inside the sheet, and a revoked certificate's paper marked DICABUT."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from garda.core.audit.models import AuditEntry
from garda.core.roles import Role
from garda.core.testing import login_client, make_user
from garda.learning.models import CertificateSignatory
from garda.learning.services import certificates, signatories
from garda.learning.testing import sample_certificate, sample_unit
from garda.people.models import Golongan

pytestmark = pytest.mark.django_db

OFFICIAL = {
    "government": "Pemerintah Provinsi Jambi",
    "institution": "Badan Pengembangan Sumber Daya Manusia",
    "address": "Jl. Jenderal Sudirman, Kota Jambi",
    "place": "Jambi",
    "position": "Kepala BPSDM Provinsi Jambi",
    "name": "Dr. Hendra Saputra, M.Si.",
    "pangkat": "Pembina Utama Muda (IV/c)",
    "nip": "197506122000031001",
}


def _text(pdf: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)


def _with_rank(people) -> None:  # type: ignore[no-untyped-def]
    employee = people.employee
    employee.golongan, _ = Golongan.objects.get_or_create(
        kind="pns", code="III/a", defaults={"pangkat": "Penata Muda", "rank": 9}
    )
    employee.jabatan_name = "Analis Kebijakan Ahli Pertama"
    employee.save()


def test_the_paper_names_the_official_and_the_participants_rank(people) -> None:  # type: ignore[no-untyped-def]
    _with_rank(people)
    signatories.signatory_save(actor=people.admin, unit_id=people.unit.pk, data=OFFICIAL)
    certificate = sample_certificate(people.asn)
    response = login_client(people.asn).get(
        reverse("learning:certificate_pdf", args=[certificate.enrollment_id])
    )
    text = " ".join(_text(response.content).split())
    for expected in (OFFICIAL["name"], "NIP 197506122000031001", OFFICIAL["position"],
                     "PEMERINTAH PROVINSI JAMBI", "III/a", "Analis Kebijakan Ahli Pertama",
                     people.employee.full_name, certificate.code,
                     f"{certificate.enrollment.batch.program.jp} JP"):  # fmt: skip
        assert expected in text, expected
    assert "DICABUT" not in text


def test_the_certificate_keeps_the_official_of_its_issue_day(people) -> None:  # type: ignore[no-untyped-def]
    signatories.signatory_save(actor=people.admin, unit_id=people.unit.pk, data=OFFICIAL)
    certificate = sample_certificate(people.asn)
    signatories.signatory_save(actor=people.admin, unit_id=people.unit.pk,
                               data={**OFFICIAL, "name": "Pejabat Baru"})  # fmt: skip
    context = certificates.certificate_context(certificate)
    assert context["signatory"]["name"] == OFFICIAL["name"]
    assert CertificateSignatory.objects.get(unit=people.unit).name == "Pejabat Baru"


def test_the_nearest_unit_up_the_tree_signs(people) -> None:  # type: ignore[no-untyped-def]
    child = sample_unit(parent=people.unit)
    signatories.signatory_save(actor=people.admin, unit_id=people.unit.pk, data=OFFICIAL)
    assert signatories.signatory_for(child).name == OFFICIAL["name"]
    signatories.signatory_save(actor=people.admin, unit_id=child.pk,
                               data={**OFFICIAL, "name": "Kepala Unit Anak"})  # fmt: skip
    assert signatories.signatory_for(child).name == "Kepala Unit Anak"


def test_the_frame_lies_inside_the_sheet(people) -> None:  # type: ignore[no-untyped-def]
    """WeasyPrint's layout of the paper: the frame's border box, bottom edge included, lies
    inside the A4 landscape sheet, with a margin (the old frame's lower edge fell off)."""
    from weasyprint import HTML  # the renderer's layout boxes; only this test reads them

    signatories.signatory_save(actor=people.admin, unit_id=people.unit.pk, data=OFFICIAL)
    html = render_to_string(
        "learning/certificate_pdf.html",
        certificates.certificate_context(sample_certificate(people.asn)),
    )
    document = HTML(string=html).render()
    assert len(document.pages) == 1
    page = document.pages[0]
    frames = [box for box in _boxes(page._page_box) if "frame" in _classes(box)]
    assert len(frames) == 1
    frame = frames[0]
    px_per_mm = 96 / 25.4
    top = frame.position_y
    bottom = top + frame.margin_height()
    left = frame.position_x
    right = left + frame.margin_width()
    assert top >= 5 * px_per_mm
    assert left >= 5 * px_per_mm
    assert bottom <= page.height - 5 * px_per_mm, (bottom / px_per_mm, page.height / px_per_mm)
    assert right <= page.width - 5 * px_per_mm
    # Everything drawn lies within the frame (nothing spills below its lower edge).
    drawn = [box for box in _boxes(frame) if box.element_tag in ("div", "img", "table")]
    assert all(box.position_y + box.margin_height() <= bottom + 0.5 for box in drawn)


def _boxes(box):  # type: ignore[no-untyped-def]
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def _classes(box) -> str:  # type: ignore[no-untyped-def]
    element = getattr(box, "element", None)
    return str(element.get("class", "")) if element is not None else ""


def test_a_revoked_certificate_is_never_served_unchanged(people) -> None:  # type: ignore[no-untyped-def]
    signatories.signatory_save(actor=people.admin, unit_id=people.unit.pk, data=OFFICIAL)
    certificate = sample_certificate(people.asn)
    owner = login_client(people.asn)
    url = reverse("learning:certificate_pdf", args=[certificate.enrollment_id])
    before = owner.get(url).content
    certificate.refresh_from_db()
    assert certificate.pdf  # stored while valid
    login_client(people.admin).post(
        reverse("learning:certificate_revoke", args=[certificate.pk]),
        {"reason": "Data kehadiran dipalsukan"},
    )
    after = owner.get(url).content
    assert after != before
    text = " ".join(_text(after).split())
    assert "DICABUT" in text
    assert "Data kehadiran dipalsukan" in text
    certificate.refresh_from_db()
    assert "DICABUT pada" in text
    assert str(timezone.localtime(certificate.revoked_at).year) in text


def test_admins_set_the_official_in_their_scope_only(people) -> None:  # type: ignore[no-untyped-def]
    page = reverse("learning:signatories")
    client = login_client(people.admin)
    response = client.post(page, {"unit": people.unit.pk, **OFFICIAL})
    assert response.status_code == 302
    signatory = CertificateSignatory.objects.get(unit=people.unit)
    assert signatory.nip == OFFICIAL["nip"]
    entry = AuditEntry.objects.filter(action="learning.signatory.save").get()
    assert OFFICIAL["nip"] not in str(entry.after)  # personal field, masked in the log
    assert OFFICIAL["name"] in client.get(page).content.decode()

    bad = client.post(page + f"?unit={people.unit.pk}", {"unit": people.unit.pk,
                                                        **OFFICIAL, "nip": "123"})  # fmt: skip
    assert bad.status_code == 200
    assert CertificateSignatory.objects.get(unit=people.unit).nip == OFFICIAL["nip"]

    other_unit = sample_unit()
    outsider = make_user(role=Role.ADMIN_INSTANSI, unit=other_unit)
    refused = login_client(outsider).post(page + f"?unit={people.unit.pk}",
                                          {"unit": people.unit.pk, **OFFICIAL,
                                           "name": "Penyusup"})  # fmt: skip
    assert refused.status_code in (200, 403)
    assert CertificateSignatory.objects.get(unit=people.unit).name == OFFICIAL["name"]
    auditor = make_user(role=Role.AUDITOR, unit=people.unit)
    login_client(auditor).post(page, {"unit": people.unit.pk, **OFFICIAL, "name": "Auditor"})
    assert CertificateSignatory.objects.get(unit=people.unit).name == OFFICIAL["name"]


def test_the_placeholder_emblem_is_ours() -> None:
    svg = Path(signatories.PLACEHOLDER_EMBLEM).read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "netral" in svg
