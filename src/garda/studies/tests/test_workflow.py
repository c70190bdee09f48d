"""From the application to the bond, through the services: every refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from garda.core.audit.models import AuditEntry
from garda.core.errors import Conflict, NotAllowed, ValidationFailed
from garda.learning.ledger.models import LedgerEntry
from garda.people.models import EmployeeHistory
from garda.studies.models import EligibilityRule, ServiceBond, StudyApproval, StudyDocument
from garda.studies.services import applications, completion, progress
from garda.studies.services.completion import repayment_due
from garda.studies.testing import funding, pdf_upload, sample_program
from garda.studies.tests.conftest import World
from garda.studies.tests.steps import accepted_report, graduated

pytestmark = pytest.mark.django_db


def _apply(world: World, **extra):  # type: ignore[no-untyped-def]
    values = {
        "actor": world.asn,
        "employee_id": world.employee.pk,
        "kind": "tugas",
        "level": "S2",
        "program_id": sample_program().pk,
        "funding_source_id": funding("lpdp").pk,
        "starts_on": dt.date(2026, 8, 1),
        "cost_per_semester": Decimal("20000000"),
    }
    values.update(extra)
    return applications.application_submit(**values)


def _approved(world: World):  # type: ignore[no-untyped-def]
    study = _apply(world)
    for kind in ("loa", "pernyataan"):
        applications.document_upload(
            actor=world.asn, assignment_id=study.pk, kind=kind, file=pdf_upload()
        )
    for actor in (world.atasan, world.admin_opd, world.bkd):
        study = applications.application_decide(actor=actor, assignment_id=study.pk, approved=True)
    return study


def test_an_ineligible_application_is_refused_with_its_reasons(world: World) -> None:
    weak = sample_program(grade="c")
    with pytest.raises(ValidationFailed) as caught:
        _apply(world, program_id=weak.pk)
    assert "terakreditasi C, paling rendah" in caught.value.message_id


def test_wrong_document_type_is_refused_and_nothing_stored(world: World) -> None:
    study = _apply(world)
    with pytest.raises(ValidationFailed) as caught:
        applications.document_upload(
            actor=world.asn, assignment_id=study.pk, kind="ijazah", file=pdf_upload()
        )
    assert "tidak diterima pada tahap ini" in caught.value.message_id
    fake = SimpleUploadedFile("surat.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationFailed):
        applications.document_upload(actor=world.asn, assignment_id=study.pk, kind="loa", file=fake)
    assert not StudyDocument.objects.exists()


def test_approval_outside_the_chain_is_refused_and_changes_nothing(world: World) -> None:
    study = _apply(world)
    entries = AuditEntry.objects.count()
    for outsider in (world.admin_opd, world.bkd, world.asn):  # wrong step, or own case
        with pytest.raises(NotAllowed):
            applications.application_decide(actor=outsider, assignment_id=study.pk, approved=True)
    study.refresh_from_db()
    assert study.next_step == "atasan"
    assert not StudyApproval.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_the_chain_issues_the_decree_and_releases_the_post(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        study = _approved(world)
    assert study.status == "approved"
    assert study.decree_code.startswith("SKTB-")
    assert study.released_from_post
    assert study.previous_post == "Analis Kebijakan"
    assert study.return_planned_on == dt.date(2028, 8, 1)
    world.employee.refresh_from_db()
    assert world.employee.status == "tugas_belajar"
    assert EmployeeHistory.objects.filter(employee=world.employee, kind="status").exists()
    assert any("SK studi" in m.subject for m in mail.outbox)
    pdf = applications.decree_pdf(study)
    assert pdf.startswith(b"%PDF-")


def test_semester_report_records_20_jp_once_and_releases_payment(world: World) -> None:
    study = _approved(world)
    report = progress.report_submit(
        actor=world.asn,
        assignment_id=study.pk,
        semester=1,
        transcript=pdf_upload(),
        gpa=Decimal("3.75"),
        credits=18,
    )
    assert report.paid_at is None
    with pytest.raises(Conflict):
        progress.report_submit(
            actor=world.asn,
            assignment_id=study.pk,
            semester=1,
            transcript=pdf_upload(),
            gpa=Decimal("3.9"),
            credits=18,
        )
    report = progress.report_decide(actor=world.bkd, report_id=report.pk, accepted=True)
    entry = LedgerEntry.objects.get(source_key=f"studies-semester:{study.pk}:1")
    assert entry.jp == Decimal("20.0")
    assert report.payment_amount == Decimal("20000000")
    with pytest.raises(Conflict):
        progress.report_decide(actor=world.bkd, report_id=report.pk, accepted=True)
    assert LedgerEntry.objects.filter(employee=world.employee).count() == 1


def test_graduation_records_the_degree_and_starts_the_bond(world: World) -> None:
    study = _approved(world)
    with pytest.raises(ValidationFailed):
        completion.study_graduate(
            actor=world.bkd,
            assignment_id=study.pk,
            graduated_on=dt.date(2028, 7, 1),
            degree="M.A.P.",
        )
    applications.document_upload(
        actor=world.asn, assignment_id=study.pk, kind="ijazah", file=pdf_upload()
    )
    study = completion.study_graduate(
        actor=world.bkd, assignment_id=study.pk, graduated_on=dt.date(2028, 7, 1), degree="M.A.P."
    )
    world.employee.refresh_from_db()
    assert world.employee.gelar_belakang.endswith("M.A.P.")
    assert world.employee.education_major == "Magister Administrasi Publik"
    bond = ServiceBond.objects.get(assignment=study)
    assert bond.months == 2 * 24 + 12  # LPDP: 2n + 1 years, n = 2 years
    assert bond.ends_on == dt.date(2033, 7, 1)


def test_breach_repays_cost_times_months_remaining_over_total(world: World) -> None:
    study = _approved(world)
    for semester in (1, 2):
        accepted_report(world, study, semester)
    graduated(world, study, dt.date(2028, 7, 1))
    bond = ServiceBond.objects.get(assignment=study)
    breached = completion.bond_breach(
        actor=world.bkd, bond_id=bond.pk, breached_on=dt.date(2030, 7, 1)
    )
    # 40,000,000 paid; 24 of 60 months served: 40,000,000 x 36 / 60.
    assert breached.repayment == Decimal("24000000")
    assert repayment_due(breached, Decimal("40000000"), dt.date(2030, 7, 1)) == Decimal("24000000")


def test_extension_is_limited_to_a_year(world: World) -> None:
    study = _approved(world)
    progress.study_extend(actor=world.bkd, assignment_id=study.pk, months=12, reason="Penelitian")
    with pytest.raises(ValidationFailed):
        progress.study_extend(actor=world.bkd, assignment_id=study.pk, months=1, reason="Lagi")


def test_release_from_the_post_follows_the_rule_row(world: World) -> None:
    """PP 11/2017 ps. 64's six months is data of the rule: raised above the study's length,
    the same approval leaves the ASN in the post."""
    probe = _apply(world)
    EligibilityRule.objects.filter(kind=probe.kind, level=probe.level).update(
        release_after_months=probe.planned_months
    )
    probe.delete()
    study = _approved(world)
    assert study.status == "approved"
    assert not study.released_from_post
    world.employee.refresh_from_db()
    assert world.employee.status == "aktif"
