"""The JP conversion rule and its caps on every path that writes a ledger entry: the history
import (command and page), training completion, external learning approval. The issue's
case: an e-learning of 10 JP over two days counts 6 JP (at most 3 a day)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from garda.core.audit.models import AuditEntry
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.models import JPYearTotal, LearningForm, LedgerEntry
from garda.learning.ledger.services.external import external_approve, external_submit
from garda.learning.ledger.testing import PDF_BYTES, make_employee

pytestmark = pytest.mark.django_db

HEADER = "NIP,Bentuk,Nama Kegiatan,Penyelenggara,Tanggal Mulai,Tanggal Selesai,JP,Nomor Sertifikat"
D = Decimal


def _csv(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "riwayat.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def _import(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_learning", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_issue_case_elearning_10_jp_over_two_days_records_6(tmp_path: Path) -> None:
    asn = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, [
        f"{asn.nip},Pelatihan teknis,Pengadaan,LKPP,2025-03-02,2025-03-05,32,LKPP/1",
        f"{asn.nip},E-learning,Literasi Digital ASN,LAN,2025-05-05,2025-05-06,10,EL/1",
    ])  # fmt: skip
    out, err = _import(path)
    entry = LedgerEntry.objects.get(title="Literasi Digital ASN")
    assert entry.jp == D("6.0")
    assert entry.stated_jp == D("10.0")
    # a row cut down by a cap is kept: the import is all-or-nothing and it went through whole
    assert "2 catatan baru" in out
    assert not err
    assert (
        "Baris 3, kolom JP: JP dibatasi aturan konversi dari 10 menjadi 6 "
        "(paling banyak 3 JP per hari)" in out
    )
    assert "Baris 2" not in out  # the classical training states its JP: that figure counts
    assert LedgerEntry.objects.get(title="Pengadaan").jp == D("32.0")
    assert JPYearTotal.objects.get(employee=asn, year=2025).total_jp == D("38.0")
    audit = AuditEntry.objects.get(action="ledger.import")
    assert audit.after["capped_rows"] == 1


def test_warning_in_english_and_caps_across_rows_of_the_file(tmp_path: Path) -> None:
    asn = make_employee(unit=UnitFactory())
    path = _csv(tmp_path, [
        f"{asn.nip},E-learning,Kursus A,LAN,2025-05-05,2025-05-05,2,",
        f"{asn.nip},E-learning,Kursus B,LAN,2025-05-05,2025-05-05,2,",
        f"{asn.nip},Coaching,Coaching 1,Atasan,2025-05-07,2025-05-07,4,",
    ])  # fmt: skip
    out, _err = _import(path, "--lang", "en")
    # 3 JP a day across the ASN's e-learning: the second course that day adds only 1
    assert LedgerEntry.objects.get(title="Kursus B").jp == D("1.0")
    assert (
        "Row 3, column JP: JP capped by the conversion rule from 2 to 1 (at most 3 JP per day)"
        in out
    )
    # coaching: 2 JP per session; the certificate's 4 is more than one session gives
    assert LedgerEntry.objects.get(title="Coaching 1").jp == D("2.0")
    assert "Row 4, column JP: JP capped by the conversion rule from 4 to 2 (2 JP per session" in out
    assert JPYearTotal.objects.get(employee=asn, year=2025).total_jp == D("5.0")
    # importing again writes nothing and warns of nothing
    out, _err = _import(path)
    assert "0 catatan baru" in out
    assert "dibatasi" not in out


def test_caps_count_entries_already_in_the_ledger(tmp_path: Path) -> None:
    asn = make_employee(unit=UnitFactory())
    _import(_csv(tmp_path, [f"{asn.nip},E-learning,Kursus A,LAN,2025-05-05,2025-05-05,3,"]))
    path = tmp_path / "kedua.csv"
    path.write_text(
        f"{HEADER}\n{asn.nip},E-learning,Kursus B,LAN,2025-05-05,2025-05-06,6,\n", encoding="utf-8"
    )
    out, _err = _import(path)
    # 5 May is full from the earlier file: only 6 May's 3 JP count
    assert LedgerEntry.objects.get(title="Kursus B").jp == D("3.0")
    assert "dari 6 menjadi 3" in out


def test_upload_page_applies_the_rule_and_shows_the_warning(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    opd = UnitFactory()
    asn = make_employee(unit=opd)
    admin = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))

    def upload_and_follow(row: str, **headers: str) -> str:
        upload = SimpleUploadedFile("riwayat.csv", f"{HEADER}\n{row}\n".encode())
        # read by the worker after commit; the redirect leads to the job page with the report
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post(reverse("ledger:import_upload"), {"file": upload}, **headers)
        return str(admin.get(response["Location"], **headers).content.decode())

    row = f"{asn.nip},E-learning,Literasi Digital ASN,LAN,2025-05-05,2025-05-06,10,EL/1"
    body = upload_and_follow(row)
    assert "1 catatan baru" in body
    assert "Baris 2, kolom JP: JP dibatasi aturan konversi dari 10 menjadi 6" in body
    assert LedgerEntry.objects.get().jp == D("6.0")
    # in English, the heading and the line are translated
    row = f"{asn.nip},E-learning,Etika Birokrasi,LAN,2025-06-02,2025-06-03,8,EL/2"
    body = upload_and_follow(row, HTTP_ACCEPT_LANGUAGE="en")
    assert "These rows were imported with a note" in body
    assert "Row 2, column JP: JP capped by the conversion rule from 8 to 6" in body


def test_training_completion_is_capped_by_the_rule(settings: Any, tmp_path: Path) -> None:
    from garda.learning.models import EnrollmentStatus
    from garda.learning.services.certificates import certificate_issue
    from garda.learning.testing import (
        learning_form,
        sample_batch,
        sample_enrollment,
        sample_program,
    )

    settings.MEDIA_ROOT = tmp_path / "media"
    program = sample_program(form=learning_form("e-learning"), jp=10)
    today = timezone.localdate()
    batch = sample_batch(program=program, starts_on=today, ends_on=today + dt.timedelta(days=1))
    enrollment = sample_enrollment(batch=batch)
    with transaction.atomic():
        enrollment.status = EnrollmentStatus.COMPLETED
        enrollment.completed_at = timezone.now()
        enrollment.save()
        certificate = certificate_issue(actor=None, enrollment=enrollment)
    entry = LedgerEntry.objects.get(source_key=f"learning-certificate:{certificate.pk}")
    assert (entry.stated_jp, entry.jp) == (D("10.0"), D("6.0"))
    total = JPYearTotal.objects.get(employee_id=enrollment.employee_id, year=entry.year)
    assert total.total_jp == D("6.0")


def test_external_approval_takes_the_lower_of_stated_and_rule(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    opd = UnitFactory()
    user = make_user(role=Role.ASN, unit=opd)
    make_employee(unit=opd, user=user)
    admin = make_user(role=Role.ADMIN_OPD, unit=opd)

    def submit(code: str, stated: Decimal, days: int) -> Any:
        return external_submit(
            actor=user, form_id=LearningForm.objects.get(code=code).pk, title=f"{code} uji",
            provider="Penyelenggara", started_on=dt.date(2026, 3, 2),
            finished_on=dt.date(2026, 3, 1 + days), quantity=0, stated_jp=stated, abroad=False,
            certificate_number="", today=dt.date(2026, 4, 1),
            evidence=SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf"),
        )  # fmt: skip

    elearning = external_approve(actor=admin, submission_id=submit("e-learning", D("10"), 2).pk)
    assert elearning.jp == D("6.0")
    # a seminar gives 4 JP a day; a certificate stating 3 keeps its 3, one stating 12 gets 8
    low = external_approve(actor=admin, submission_id=submit("seminar", D("3"), 1).pk)
    high = external_approve(actor=admin, submission_id=submit("seminar", D("12"), 2).pk)
    assert (low.jp, high.jp) == (D("3.0"), D("8.0"))


def test_the_same_row_twice_in_a_file_is_recorded_once(tmp_path: Path) -> None:
    asn = make_employee(unit=UnitFactory())
    row = f"{asn.nip},E-learning,Kursus Sama,LAN,2025-05-05,2025-05-05,3,K/1"
    out, _err = _import(_csv(tmp_path, [row, row]))
    assert "1 catatan baru, 1 sudah ada" in out
    assert LedgerEntry.objects.get().jp == D("3.0")
    assert "dibatasi" not in out  # the repeat is not a second activity filling the day
