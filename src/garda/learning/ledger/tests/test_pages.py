"""The pages end to end through the test client: submit, verify, JP saya, dashboard, PDF,
import upload."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.models import ExternalLearning, LearningForm, LedgerEntry
from garda.learning.ledger.services import ledger_record_training
from garda.learning.ledger.testing import PDF_BYTES, make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world() -> dict[str, Any]:
    instansi = UnitFactory(kind="instansi", name="Pemerintah Provinsi Jambi")
    opd = UnitFactory(kind="opd", parent=instansi, name="Dinas Kominfo")
    other = UnitFactory(kind="opd", parent=instansi, name="Dinas Sosial")
    asn = make_user(role=Role.ASN, unit=opd)
    employee = make_employee(unit=opd, user=asn, name="Siti Rahma")
    admin = make_user(role=Role.ADMIN_OPD, unit=opd)
    return {"instansi": instansi, "opd": opd, "other": other, "asn": asn,
            "employee": employee, "admin": admin}  # fmt: skip


def test_submit_verify_and_see_the_hours(world: dict[str, Any]) -> None:
    asn = login_client(world["asn"])
    year = timezone.localdate().year
    response = asn.post(
        reverse("ledger:external_new"),
        {
            "form": LearningForm.objects.get(code="seminar").pk,
            "title": "Seminar Keamanan Siber",
            "provider": "BSSN",
            "started_on": f"{year}-01-05",
            "finished_on": f"{year}-01-06",
            "evidence": SimpleUploadedFile("bukti.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    submission = ExternalLearning.objects.get()
    admin = login_client(world["admin"])
    page = admin.get(reverse("ledger:verify_list"))
    assert "Seminar Keamanan Siber" in page.content.decode()
    assert admin.get(reverse("ledger:evidence", args=[submission.pk])).status_code == 200
    response = admin.post(
        reverse("ledger:verify_decide", args=[submission.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    assert LedgerEntry.objects.get().jp == Decimal("8.0")  # 2 days x 4 JP
    body = asn.get(reverse("ledger:my_jp")).content.decode()
    assert "8,0 dari 20,0 JP" in body
    assert "Seminar Keamanan Siber" in body
    dashboard = admin.get(reverse("ledger:dashboard")).content.decode()
    assert "Siti Rahma" in dashboard  # below target
    data = admin.get(reverse("ledger:dashboard_data")).json()
    assert data["employees"] == 1
    assert data["compliant"] == 0
    assert data["distribution"]["25-49%"] == 1


def test_refusal_reason_is_shown_to_the_asn(world: dict[str, Any]) -> None:
    from garda.learning.ledger.testing import make_submission

    submission = make_submission(employee=world["employee"])
    admin = login_client(world["admin"])
    admin.post(
        reverse("ledger:verify_decide", args=[submission.pk]),
        {"decision": "refuse", "reason": "Sertifikat tidak sah"},
    )
    body = login_client(world["asn"]).get(reverse("ledger:my_jp")).content.decode()
    assert "Sertifikat tidak sah" in body


def test_dashboard_scope_and_compliance(world: dict[str, Any]) -> None:
    year = timezone.localdate().year
    other_employee = make_employee(unit=world["other"], name="Joko Other")
    done = make_employee(unit=world["opd"], name="Dewi Tuntas")
    ledger_record_training(
        actor=None, employee_id=done.pk, form_id=LearningForm.objects.get(code="teknis").pk,
        title="Latihan", provider="BPSDM", started_on=dt.date(year, 1, 2),
        finished_on=dt.date(year, 1, 4), jp=Decimal("24"), certificate_number="", source_key="x",
    )  # fmt: skip
    admin = login_client(world["admin"])
    data = admin.get(reverse("ledger:dashboard_data")).json()
    assert data["employees"] == 2
    assert data["compliant"] == 1
    assert data["percent_compliant"] == 50
    body = admin.get(reverse("ledger:dashboard")).content.decode()
    assert "Joko Other" not in body
    assert "Dewi Tuntas" not in body
    assert "Siti Rahma" in body
    # the OPD admin cannot open the other OPD's dashboard
    url = reverse("ledger:dashboard") + f"?unit={world['other'].pk}"
    assert admin.get(url).status_code == 404
    province = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=world["instansi"]))
    data = province.get(reverse("ledger:dashboard_data")).json()
    assert data["employees"] == 3
    assert data["compliant"] == 1
    assert province.get(url).status_code == 200
    assert other_employee.pk


def test_history_pdf_for_the_asn_and_its_admin(world: dict[str, Any]) -> None:
    ledger_record_training(
        actor=None, employee_id=world["employee"].pk,
        form_id=LearningForm.objects.get(code="teknis").pk, title="Latihan Dasar",
        provider="BPSDM", started_on=dt.date(2025, 5, 2), finished_on=dt.date(2025, 5, 4),
        jp=Decimal("30"), certificate_number="BPSDM/7", source_key="pdf",
    )  # fmt: skip
    response = login_client(world["asn"]).get(reverse("ledger:my_history_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    url = reverse("ledger:employee_history_pdf", args=[world["employee"].pk])
    assert login_client(world["admin"]).get(url).status_code == 200
    outsider = make_user(role=Role.ADMIN_OPD, unit=world["other"])
    assert login_client(outsider).get(url).status_code == 404


def test_history_html_is_indonesian_with_dates_in_words(world: dict[str, Any]) -> None:
    from garda.learning.ledger.pdf import history_html

    ledger_record_training(
        actor=None, employee_id=world["employee"].pk,
        form_id=LearningForm.objects.get(code="teknis").pk, title="Latihan Dasar",
        provider="BPSDM", started_on=dt.date(2025, 8, 17), finished_on=dt.date(2025, 8, 17),
        jp=Decimal("30"), certificate_number="BPSDM/7", source_key="html",
    )  # fmt: skip
    html = history_html(employee=world["employee"])
    assert "17 Agustus 2025" in html
    assert "Riwayat Pendidikan dan Pelatihan" in html


def test_import_upload_page(world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    header = (
        "NIP,Bentuk,Nama Kegiatan,Penyelenggara,Tanggal Mulai,Tanggal Selesai,JP,Nomor Sertifikat"
    )
    row = f"{world['employee'].nip},Bimbingan teknis,Bimtek SIASN,BKN,2025-04-01,2025-04-02,16,B/1"
    upload = SimpleUploadedFile("riwayat.csv", f"{header}\n{row}\n".encode())
    admin = login_client(world["admin"])
    # The upload is read by the worker (run at once by the tests' task backend) on commit.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("ledger:import_upload"), {"file": upload})
    assert "1 catatan baru" in admin.get(response["Location"]).content.decode()
    outsider = login_client(make_user(role=Role.ADMIN_OPD, unit=world["other"]))
    upload = SimpleUploadedFile("riwayat.csv", f"{header}\n{row.replace('B/1', 'B/2')}\n".encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = outsider.post(reverse("ledger:import_upload"), {"file": upload})
    body = outsider.get(response["Location"]).content.decode()
    assert "Baris 2, kolom NIP" in body
    assert LedgerEntry.objects.count() == 1


def test_cached_figures_change_on_the_next_request_after_a_write(world: dict[str, Any]) -> None:
    admin = login_client(world["admin"])
    before = admin.get(reverse("ledger:dashboard_data")).json()
    assert before["compliant"] == 0
    year = timezone.localdate().year
    ledger_record_training(
        actor=None, employee_id=world["employee"].pk,
        form_id=LearningForm.objects.get(code="teknis").pk, title="Latihan", provider="BPSDM",
        started_on=dt.date(year, 1, 2), finished_on=dt.date(year, 1, 3), jp=Decimal("20"),
        certificate_number="", source_key="cache",
    )  # fmt: skip
    assert admin.get(reverse("ledger:dashboard_data")).json()["compliant"] == 1


def test_dashboard_has_figures_per_unit_a_way_back_up_and_an_export(
    world: dict[str, Any],
) -> None:
    """Issue 16: the page had no way back up after drilling in, no per-instansi figures
    beside the links, no export."""
    year = timezone.localdate().year
    make_employee(unit=world["other"], name="Joko Other")
    done = make_employee(unit=world["opd"], name="Dewi Tuntas")
    ledger_record_training(
        actor=None, employee_id=done.pk, form_id=LearningForm.objects.get(code="teknis").pk,
        title="Latihan", provider="BPSDM", started_on=dt.date(year, 1, 2),
        finished_on=dt.date(year, 1, 4), jp=Decimal("24"), certificate_number="", source_key="y",
    )  # fmt: skip
    province = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=world["instansi"]))
    top = province.get(reverse("ledger:dashboard")).content.decode()
    table = top[top.index('id="per-unit"') :]
    assert "Pemerintah Provinsi Jambi" in table
    assert (
        '<td class="text-end">3</td><td class="text-end">1</td><td class="text-end">33%</td>'
        in (table)
    )
    opd_page = province.get(
        reverse("ledger:dashboard") + f"?unit={world['opd'].pk}&tahun={year}"
    ).content.decode()
    trail = opd_page[opd_page.index('id="jejak-unit"') :]
    assert f'href="?tahun={year}"' in trail  # the province
    assert f'href="?tahun={year}&amp;unit={world["instansi"].pk}"' in trail
    csv = province.get(
        reverse("ledger:dashboard_export", args=["csv"]) + f"?unit={world['opd'].pk}"
    )
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "NIP,Nama,Unit Kerja,Jenis,Total JP,Target JP,Patuh"
    assert sorted(line.split(",")[1] for line in lines[1:]) == ["Dewi Tuntas", "Siti Rahma"]
    xlsx = province.get(reverse("ledger:dashboard_export", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK"
    # The OPD admin exports only its own OPD, and never another's.
    admin = login_client(world["admin"])
    assert (
        admin.get(
            reverse("ledger:dashboard_export", args=["csv"]) + f"?unit={world['other'].pk}"
        ).status_code
        == 404
    )
    assert "Joko Other" not in admin.get(
        reverse("ledger:dashboard_export", args=["csv"])
    ).content.decode("utf-8-sig")
