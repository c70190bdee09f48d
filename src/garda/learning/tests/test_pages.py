"""Pages: the public catalog (no login, no names), admin forms scoped by unit, and the
register-approve round trip through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from garda.core.roles import Role
from garda.core.testing import login_client, make_user
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Batch, EnrollmentStatus, Program
from garda.learning.testing import sample_batch, sample_program, sample_unit

pytestmark = pytest.mark.django_db


def test_public_catalog_program_and_batch_pages(people) -> None:  # type: ignore[no-untyped-def]
    from garda.learning import services

    batch = sample_batch(program=sample_program(title="Pelatihan Arsip Digital"), sessions=2)
    services.enrollment_register(actor=people.asn, batch_id=batch.pk)
    client = Client()
    catalog = client.get(reverse("learning:catalog"), {"q": "arsip"}).content.decode()
    assert "Pelatihan Arsip Digital" in catalog
    assert (
        "Pelatihan Arsip Digital"
        not in client.get(reverse("learning:catalog"), {"q": "tidak-ada"}).content.decode()
    )
    program = client.get(reverse("learning:program_detail", args=[batch.program_id]))
    assert batch.name in program.content.decode()
    page = client.get(reverse("learning:batch_detail", args=[batch.pk])).content.decode()
    assert "Materi 1" in page
    assert "Daftar angkatan ini" in page
    assert people.employee.full_name not in page
    draft = sample_batch(status="draft")
    assert client.get(reverse("learning:batch_detail", args=[draft.pk])).status_code == 404


def test_admin_creates_program_batch_and_session_in_its_scope(people) -> None:  # type: ignore[no-untyped-def]
    opd = sample_unit()
    admin = make_user(role=Role.ADMIN_OPD, unit=opd)
    client = login_client(admin)
    form = LearningForm.objects.get(code="bimtek")
    response = client.post(reverse("learning:program_new"), {
        "code": "bimtek-siasn", "title": "Bimtek SIASN", "form": form.pk, "jp": 8,
        "mode": "daring", "provider": "lainnya", "provider_name": "BKN Kanreg VII",
        "cost_per_participant": 0, "needs_atasan": "on", "min_attendance_percent": 100,
        "pass_mark": 70, "is_published": "on", "owner_unit": opd.pk,
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    program = Program.objects.get(code="bimtek-siasn")
    assert program.evaluation_delay_months == 4  # the technical default, kept as data
    other = sample_unit()
    refused = client.post(reverse("learning:program_new"), {
        "code": "lain", "title": "Lain", "form": form.pk, "jp": 8, "mode": "daring",
        "provider": "bpsdm", "cost_per_participant": 0, "min_attendance_percent": 0,
        "pass_mark": 0, "owner_unit": other.pk,
    })  # fmt: skip
    assert refused.status_code == 200  # the unit is not among the choices
    assert not Program.objects.filter(code="lain").exists()

    today = timezone.localdate()
    response = client.post(reverse("learning:batch_new"), {
        "program": program.pk, "name": "Angkatan I", "organiser_unit": opd.pk,
        "online_link": "zoom.us/j/123", "seats": 25,
        "registration_opens": today, "registration_closes": today + dt.timedelta(days=5),
        "starts_on": today + dt.timedelta(days=7), "ends_on": today + dt.timedelta(days=7),
        "status": "open",
    })  # fmt: skip
    batch = Batch.objects.get(program=program)
    assert response.url == reverse("learning:batch_manage", args=[batch.pk])
    assert batch.online_link == "https://zoom.us/j/123"
    assert batch.cost == 0
    begins = timezone.localtime() + dt.timedelta(days=7)
    client.post(reverse("learning:session_new", args=[batch.pk]), {
        "title": "Pengenalan SIASN", "starts_at": begins.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (begins + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    })  # fmt: skip
    assert batch.sessions.get().title == "Pengenalan SIASN"
    foreign = sample_batch()
    assert client.get(reverse("learning:batch_edit", args=[foreign.pk])).status_code == 404


def test_register_and_approve_through_pages(people) -> None:  # type: ignore[no-untyped-def]
    batch = sample_batch(program=sample_program(needs_atasan=True))
    asn = login_client(people.asn)
    response = asn.post(reverse("learning:register", args=[batch.pk]))
    enrollment = batch.enrollments.get()
    assert response.url == reverse("learning:enrollment", args=[enrollment.pk])
    assert "Menunggu persetujuan" in asn.get(response.url).content.decode()

    atasan = login_client(people.atasan)
    assert reverse("learning:approvals") in atasan.get(reverse("learning:my")).content.decode()
    queue = atasan.get(reverse("learning:approvals")).content.decode()
    assert people.employee.full_name in queue
    atasan.post(reverse("learning:refuse", args=[enrollment.pk]), {"reason": ""})
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.PENDING  # no reason, no refusal
    atasan.post(reverse("learning:approve", args=[enrollment.pk]))
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED
    mine = asn.get(reverse("learning:my")).content.decode()
    assert batch.program.title in mine


def test_surat_tugas_is_checked_before_the_last_approval(people) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    batch = sample_batch(program=sample_program(needs_atasan=True, needs_surat_tugas=True))
    asn = login_client(people.asn)
    asn.post(reverse("learning:register", args=[batch.pk]))
    enrollment = batch.enrollments.get()
    atasan = login_client(people.atasan)
    atasan.post(reverse("learning:approve", args=[enrollment.pk]))
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.PENDING  # no letter yet
    letter = SimpleUploadedFile(
        "surat.pdf", b"%PDF-1.4 surat tugas", content_type="application/pdf"
    )
    asn.post(reverse("learning:document_upload", args=[enrollment.pk]), {"file": letter})
    document = enrollment.documents.get()
    admin = login_client(people.admin)
    admin.post(reverse("learning:document_check", args=[document.pk]), {"accepted": "1"})
    atasan.post(reverse("learning:approve", args=[enrollment.pk]))
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPROVED


def test_evaluation_delays_are_data_bpsdm_edits(people) -> None:  # type: ignore[no-untyped-def]
    from garda.learning.services.catalog import default_delay_months

    opd_admin = login_client(make_user(role=Role.ADMIN_OPD, unit=people.unit))
    opd_admin.post(reverse("learning:parameters"), {"teknis": "6"})
    assert default_delay_months(managerial=False) == 4  # refused: not BPSDM
    login_client(people.admin).post(reverse("learning:parameters"), {"teknis": "6"})
    assert default_delay_months(managerial=False) == 6
    assert default_delay_months(managerial=True) == 12
