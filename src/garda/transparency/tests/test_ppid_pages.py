"""PPID pages: the public list, the request form, tracking, objections, statistics and the PDF
report; the officers' console with each step's form; no personal data on public pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import formats, timezone, translation

from garda.core.calendar import add_working_days
from garda.core.models import Unit
from garda.core.roles import Role
from garda.core.testing import ModelViewTestCase, UnitFactory, login_client, make_user
from garda.transparency.ppid.models import (
    InformationItem,
    InformationRequest,
    RegulationParameter,
    RequestStatus,
)
from garda.transparency.ppid.services import (
    information_item_create,
    objection_file,
    request_decide,
    request_submit,
)
from garda.transparency.ppid.testing import SAMPLE_NIK, request_input, sample_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree() -> dict[str, Any]:
    instansi = UnitFactory(code="T15", kind="instansi", name="Pemprov Uji")
    kominfo = UnitFactory(code="T15.KOM", kind="opd", name="Dinas Kominfo Uji", parent=instansi)
    dinkes = UnitFactory(code="T15.KES", kind="opd", name="Dinas Kesehatan Uji", parent=instansi)
    officer = make_user(role=Role.PPID, unit=kominfo)
    return {"instansi": instansi, "kominfo": kominfo, "dinkes": dinkes, "officer": officer,
            "client": login_client(officer)}  # fmt: skip


def long_date(day: dt.date) -> str:
    with translation.override("id"):
        return formats.date_format(day, "j F Y")


FORM = {
    "requester_kind": "individual", "requester_name": "Budi Santoso",
    "requester_nik": SAMPLE_NIK, "organisation": "", "address": "Jl. Kapten Pattimura No. 7",
    "phone": "081234567890", "email": "budi.santoso@contoh.id",
    "details": "Daftar menara telekomunikasi per kecamatan.", "purpose": "Penelitian.",
    "obtain_method": "copy", "copy_delivery": "email", "consent": "on",
}  # fmt: skip


# --- Public pages -----------------------------------------------------------------------------


def test_home_lists_information_by_category_with_exemption_basis(tree: dict[str, Any]) -> None:
    admin = make_user(role=Role.ADMIN_PROVINSI)
    base = {"unit_id": tree["kominfo"].pk, "summary": "", "responsible": "", "form": "",
            "period": "2026", "retention": "", "link": "", "legal_basis": "",
            "exemption_article": "", "consequence_test": "", "exempt_until": None,
            "is_published": True}  # fmt: skip
    information_item_create(actor=admin, values=base | {"title": "Renstra", "category": "berkala"})
    information_item_create(
        actor=admin,
        values=base | {"title": "Kata sandi server", "category": "dikecualikan",
                       "exemption_article": "17c", "legal_basis": "UU ITE",
                       "consequence_test": "Membuka memudahkan serangan."},
    )  # fmt: skip
    information_item_create(
        actor=admin, values=base | {"title": "Draf internal", "category": "setiap_saat",
                                    "is_published": False},
    )  # fmt: skip
    page = Client().get("/ppid/").content.decode()
    assert "Informasi Berkala" in page
    assert "Renstra" in page
    assert "Kata sandi server" in page
    assert "Pasal 17 huruf c" in page
    assert "UU ITE" in page
    assert "Membuka memudahkan serangan." in page
    assert "Draf internal" not in page
    filtered = Client().get("/ppid/", {"kategori": "berkala"}).content.decode()
    assert "Renstra" in filtered
    assert "Kata sandi server" not in filtered


def test_citizen_files_a_request_and_sees_its_code_and_due_date(tree: dict[str, Any]) -> None:
    client = Client()
    form = client.get("/ppid/permohonan/baru/").content.decode()
    assert "Dinas Kominfo Uji" in form
    assert '<optgroup label="Pemprov Uji">' in form
    response = client.post("/ppid/permohonan/baru/", FORM | {"unit": tree["kominfo"].pk})
    assert response.status_code == 302
    request = InformationRequest.objects.get()
    assert response["Location"] == f"/ppid/lacak/{request.tracking_code}/?baru=1"
    page = client.get(response["Location"]).content.decode()
    assert re.search(rf'id="kode-pelacakan">\s*{request.tracking_code}', page)
    today = timezone.localdate()
    assert request.received_on == today
    assert request.due_on == add_working_days(today, 10)
    assert long_date(request.due_on) in page
    assert "hari kerja lagi" in page
    assert "B*** S***" in page
    for secret in ("Budi Santoso", SAMPLE_NIK, "081234567890", "Pattimura", "budi.santoso@"):
        assert secret not in page


def test_form_shows_the_services_errors(tree: dict[str, Any]) -> None:
    response = Client().post(
        "/ppid/permohonan/baru/", FORM | {"unit": tree["kominfo"].pk, "requester_nik": "12345"}
    )
    assert response.status_code == 200
    assert "NIK harus 16 digit" in response.content.decode()
    response = Client().post(
        "/ppid/permohonan/baru/", FORM | {"unit": tree["kominfo"].pk, "consent": ""}
    )
    assert "is-invalid" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_tracking_by_code(tree: dict[str, Any]) -> None:
    request = sample_request(tree["officer"])
    typed = request.tracking_code.lower().replace("0", "o")
    response = Client().get("/ppid/lacak/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/ppid/lacak/{request.tracking_code}/"
    missing = Client().get("/ppid/lacak/", {"code": "PPID-AAAAA-AAAAA"})
    assert "tidak ditemukan" in missing.content.decode()
    assert Client().get("/ppid/lacak/PPID-AAAAA-AAAAA/").status_code == 404


def test_status_page_shows_extension_answer_and_attachment(tree: dict[str, Any]) -> None:
    request = sample_request(tree["officer"], today=dt.date(2026, 3, 13))
    officer = tree["client"]
    response = officer.post(
        f"/ppid/petugas/{request.pk}/putuskan/",
        {"decision": "granted", "answer": "Terlampir daftar menara.",
         "attachment": SimpleUploadedFile("menara.pdf", b"%PDF-1.4 menara")},
    )  # fmt: skip
    assert response.status_code == 302
    page = Client().get(f"/ppid/lacak/{request.tracking_code}/").content.decode()
    assert "Terlampir daftar menara." in page
    assert "Dikabulkan seluruhnya" in page
    download = Client().get(f"/ppid/lacak/{request.tracking_code}/lampiran/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 menara"  # type: ignore[attr-defined]
    other = sample_request(tree["officer"])
    assert Client().get(f"/ppid/lacak/{other.tracking_code}/lampiran/").status_code == 404


def test_objection_from_the_status_page(tree: dict[str, Any]) -> None:
    request = sample_request(tree["officer"])
    request_decide(
        actor=tree["officer"], request=request, decision="refused", answer="Ditolak.",
        exemption_article="17h", consequence_test="Rahasia pribadi.",
    )  # fmt: skip
    page = Client().get(f"/ppid/lacak/{request.tracking_code}/").content.decode()
    assert "Ajukan keberatan" in page
    url = f"/ppid/lacak/{request.tracking_code}/keberatan/"
    assert Client().get(url).status_code == 200
    response = Client().post(url, {"reason": "a", "statement": "Bukan data pribadi."})
    assert response.status_code == 302
    page = Client().get(f"/ppid/lacak/{request.tracking_code}/").content.decode()
    assert "Keberatan diajukan kepada atasan PPID" in page
    assert "Ajukan keberatan</a>" not in page


def test_statistics_page_and_pdf_report(tree: dict[str, Any]) -> None:
    year = timezone.localdate().year
    decided = sample_request(tree["officer"], today=dt.date(year, 1, 5))
    request_decide(
        actor=tree["officer"], request=decided, decision="refused", answer="Tidak.",
        exemption_article="17h", consequence_test="Rahasia.", today=dt.date(year, 1, 9),
    )  # fmt: skip
    sample_request(tree["officer"], today=dt.date(year, 1, 6))  # open, overdue by now
    page = Client().get("/ppid/statistik/").content.decode()
    assert "Pasal 17 huruf h" in page
    assert "50%" in page  # one of two answered or overdue was on time
    assert "Pemprov Uji" in page  # per instansi
    response = Client().get(f"/ppid/laporan/{year}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert Client().get("/ppid/laporan/1999.pdf").status_code == 404


# --- Officers ---------------------------------------------------------------------------------


def test_console_lists_own_scope_and_highlights_overdue(tree: dict[str, Any]) -> None:
    mine_late = sample_request(tree["officer"], today=dt.date(2026, 1, 5))
    mine_new = sample_request(tree["officer"])
    theirs = request_submit(actor=None, data=request_input(tree["dinkes"]), consent=True)
    page = tree["client"].get("/ppid/petugas/").content.decode()
    assert mine_late.tracking_code in page
    assert mine_new.tracking_code in page
    assert theirs.tracking_code not in page
    assert "table-danger" in page
    assert "Terlambat" in page
    assert page.index(mine_late.tracking_code) < page.index(mine_new.tracking_code)
    overdue = tree["client"].get("/ppid/petugas/", {"overdue": "1"}).content.decode()
    assert mine_late.tracking_code in overdue
    assert mine_new.tracking_code not in overdue
    assert tree["client"].get(f"/ppid/petugas/{theirs.pk}/").status_code == 404
    detail = tree["client"].get(f"/ppid/petugas/{mine_late.pk}/").content.decode()
    assert "*" * 12 + SAMPLE_NIK[-4:] in detail  # masked first, full behind a click


def test_officer_steps_through_the_console(tree: dict[str, Any]) -> None:
    request = sample_request(tree["officer"])
    client = tree["client"]
    assert client.post(f"/ppid/petugas/{request.pk}/proses/").status_code == 302
    response = client.post(f"/ppid/petugas/{request.pk}/perpanjang/", {"reason": ""})
    assert response.status_code == 400
    response = client.post(
        f"/ppid/petugas/{request.pk}/perpanjang/", {"reason": "Data tersebar di tiga bidang."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.extended
    assert request.due_on == add_working_days(request.original_due_on, 7)
    detail = client.get(f"/ppid/petugas/{request.pk}/").content.decode()
    assert long_date(request.due_on) in detail
    assert "Perpanjang batas waktu" not in detail  # once only
    response = client.post(
        f"/ppid/petugas/{request.pk}/putuskan/", {"decision": "refused", "answer": "Tidak."}
    )
    assert response.status_code == 400
    assert "Pasal 17" in response.content.decode()
    response = client.post(
        f"/ppid/petugas/{request.pk}/putuskan/", {"decision": "not_held", "answer": "Di BPS."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DECIDED


def test_superior_answers_objections_from_the_console(tree: dict[str, Any]) -> None:
    request = sample_request(tree["officer"])
    request_decide(actor=tree["officer"], request=request, decision="not_held", answer="Tidak.")
    objection_file(actor=None, request=request, reason="e", statement="Seharusnya ada.")
    superior = login_client(make_user(role=Role.ADMIN_INSTANSI, unit=tree["instansi"]))
    queue = superior.get("/ppid/petugas/").content.decode()
    assert "Keberatan menunggu tanggapan" in queue
    assert request.tracking_code in queue
    response = superior.post(
        f"/ppid/petugas/{request.pk}/keberatan/",
        {"outcome": "accepted", "response": "Informasi ada di bidang lain; wajib diberikan."},
    )
    assert response.status_code == 302
    page = Client().get(f"/ppid/lacak/{request.tracking_code}/").content.decode()
    assert "Keberatan diterima" in page
    assert "Komisi Informasi" in page
    # The officer may not answer objections at all.
    assert tree["client"].post(f"/ppid/petugas/{request.pk}/keberatan/", {}).status_code == 403


def test_paper_request_from_the_console(tree: dict[str, Any]) -> None:
    received = dt.date(2026, 3, 13)
    data = FORM | {"unit": tree["kominfo"].pk, "received_on": "2026-03-13", "email": "",
                   "copy_delivery": "pickup"}  # fmt: skip
    data.pop("consent")
    response = tree["client"].post("/ppid/petugas/kertas/", data)
    assert response.status_code == 302
    request = InformationRequest.objects.get()
    assert request.channel == "paper"
    assert request.received_on == received
    assert request.due_on == dt.date(2026, 4, 6)
    form = tree["client"].get("/ppid/petugas/kertas/").content.decode()
    assert "Dinas Kesehatan Uji" not in form  # only units the officer works


def test_officer_keeps_the_information_list(tree: dict[str, Any]) -> None:
    client = tree["client"]
    data = {"unit": tree["kominfo"].pk, "title": "Data rahasia", "category": "dikecualikan",
            "is_published": "on"}  # fmt: skip
    response = client.post("/ppid/petugas/informasi/baru/", data)
    assert response.status_code == 200
    assert "pasal pengecualian" in response.content.decode()
    response = client.post(
        "/ppid/petugas/informasi/baru/",
        data | {"exemption_article": "17h", "consequence_test": "Data pribadi pegawai."},
    )
    assert response.status_code == 302
    item = InformationItem.objects.get()
    response = client.post(
        f"/ppid/petugas/informasi/{item.pk}/",
        {"unit": tree["kominfo"].pk, "title": "Data rahasia", "category": "berkala",
         "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.category == "berkala"
    assert item.exemption_article == ""
    foreign = InformationItem.objects.create(unit=tree["dinkes"], title="X", category="berkala")
    assert client.get(f"/ppid/petugas/informasi/{foreign.pk}/").status_code == 404


def test_published_document_is_downloaded_not_requested(tree: dict[str, Any]) -> None:
    """Issue 16: berkala documents said PDF but could not be downloaded; citizens had to file
    a 10-working-day request for what is already public."""
    client = tree["client"]
    pdf = b"%PDF-1.4\n% LKjIP 2025\n"
    response = client.post(
        "/ppid/petugas/informasi/baru/",
        {"unit": tree["kominfo"].pk, "title": "LKjIP 2025", "category": "berkala",
         "is_published": "on", "form": "Elektronik (PDF)",
         "attachment": SimpleUploadedFile("lkjip.pdf", pdf, "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    item = InformationItem.objects.get(title="LKjIP 2025")
    home = Client().get("/ppid/").content.decode()
    assert f"/ppid/informasi/{item.pk}/dokumen/" in home
    download = Client().get(f"/ppid/informasi/{item.pk}/dokumen/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf  # type: ignore[attr-defined]
    # A program file is refused with a message, and nothing is stored.
    refused = client.post(
        f"/ppid/petugas/informasi/{item.pk}/",
        {"unit": tree["kominfo"].pk, "title": "LKjIP 2025", "category": "berkala",
         "is_published": "on", "attachment": SimpleUploadedFile("x.exe", b"MZ")},
    )  # fmt: skip
    assert refused.status_code == 200
    assert "Jenis berkas lampiran tidak diterima" in refused.content.decode()
    item.refresh_from_db()
    assert item.document.name.endswith(".pdf")
    # Unpublished or exempt: nothing to download.
    InformationItem.objects.filter(pk=item.pk).update(is_published=False)
    assert Client().get(f"/ppid/informasi/{item.pk}/dokumen/").status_code == 404


def test_parameters_page(tree: dict[str, Any]) -> None:
    page = tree["client"].get("/ppid/petugas/parameter/").content.decode()
    assert "UU 14/2008 Pasal 22 ayat (7)" in page
    assert tree["client"].post("/ppid/petugas/parameter/", {}).status_code == 403
    admin = login_client(make_user(role=Role.ADMIN_PROVINSI))
    response = admin.post("/ppid/petugas/parameter/", {"key": "response_days", "value": "12"})
    assert response.status_code == 302
    assert RegulationParameter.objects.get(key="response_days").value == 12


# --- The declarative checks of core.testing -------------------------------------------------


def _request() -> InformationRequest:
    unit = UnitFactory(kind="opd")
    assert isinstance(unit, Unit)
    return request_submit(actor=None, data=request_input(unit), consent=True)


class TestInformationRequestViews(ModelViewTestCase):
    make_record = staticmethod(_request)
    list_url = "transparency:ppid:console"
    detail_url_name = "transparency:ppid:console_detail"
    api_list_url = "api:information-request-list"
    label_field = "tracking_code"
    allowed_roles = frozenset({Role.PPID, Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.AUDITOR})


def test_attachment_is_served_only_through_its_code(tree: dict[str, Any]) -> None:
    request = sample_request(tree["officer"])
    request_decide(
        actor=tree["officer"], request=request, decision="granted", answer="Ini.",
        attachment=ContentFile(b"isi", name="isi.csv"),
    )  # fmt: skip
    request.refresh_from_db()
    assert "/media/" not in Client().get(f"/ppid/lacak/{request.tracking_code}/").content.decode()


def test_anonymous_submissions_are_limited_per_address(
    tree: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.cache import cache

    from garda.core.ratelimit import RateLimit
    from garda.transparency.ppid import views

    cache.clear()
    monkeypatch.setattr(views, "SUBMIT_LIMIT", RateLimit("ppid-submit-test", 2, 3600))
    data = FORM | {"unit": tree["kominfo"].pk}
    client = Client(REMOTE_ADDR="10.0.0.7")
    assert client.post("/ppid/permohonan/baru/", data).status_code == 302
    assert client.post("/ppid/permohonan/baru/", data).status_code == 302
    refused = client.post("/ppid/permohonan/baru/", data)
    assert refused.status_code == 200
    assert "Terlalu banyak permintaan dari alamat Anda" in refused.content.decode()
    assert InformationRequest.objects.count() == 2
    # Another address is counted on its own.
    other = Client(REMOTE_ADDR="10.0.0.8")
    assert other.post("/ppid/permohonan/baru/", data).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_adding_an_item_runs_in_its_own_transaction(tree: dict[str, Any]) -> None:
    """Outside a test's wrapping transaction, as in production: the page's write must open its
    own (its audit entry refuses to be written without one)."""
    response = tree["client"].post(
        "/ppid/petugas/informasi/baru/",
        {"unit": tree["kominfo"].pk, "title": "Renstra", "category": "berkala",
         "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert InformationItem.objects.filter(title="Renstra").exists()
