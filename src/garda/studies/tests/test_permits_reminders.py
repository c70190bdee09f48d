"""Short training permits (JP with the ledger's abroad bonus) and semester reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from garda.core.errors import NotAllowed
from garda.learning.ledger.models import LedgerEntry
from garda.learning.testing import learning_form
from garda.studies.models import StudyAssignment, TrainingPermit
from garda.studies.services import permits, progress
from garda.studies.testing import pdf_upload, sample_assignment
from garda.studies.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_permit_abroad_earns_the_ledgers_bonus(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        permit = _permit_requested(world)
    # The ASN, and the deciders of its unit (atasan, admin OPD, BKD) in blind copy.
    assert [m.to for m in mail.outbox] == [[world.asn.email], []]
    assert set(mail.outbox[1].bcc) == {world.atasan.email, world.admin_opd.email, world.bkd.email}
    assert "menunggu keputusan" in mail.outbox[0].subject
    with pytest.raises(NotAllowed):
        permits.permit_decide(actor=world.asn, permit_id=permit.pk, approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        permits.permit_decide(actor=world.atasan, permit_id=permit.pk, approved=True)
    assert "telah diputuskan: Disetujui" in mail.outbox[2].body
    with django_capture_on_commit_callbacks(execute=True):
        permits.permit_report(
            actor=world.asn,
            permit_id=permit.pk,
            report="Materi diterapkan.",
            certificate=pdf_upload(),
        )
    entry = LedgerEntry.objects.get(source_key=f"studies-permit:{permit.pk}")
    assert entry.jp == Decimal("36.0")  # 30 stated + the ledger's 20 % abroad bonus
    assert "JP dicatat" in mail.outbox[3].subject


def _permit_requested(world: World) -> TrainingPermit:
    return permits.permit_request(
        actor=world.asn,
        employee_id=world.employee.pk,
        title="Short course kebijakan publik",
        provider="Flinders University",
        form_id=learning_form("teknis").pk,
        starts_on=dt.date(2026, 10, 5),
        ends_on=dt.date(2026, 10, 16),
        stated_jp=Decimal("30"),
        abroad=True,
        country="Australia",
    )


def test_reminder_before_due_and_escalation_when_late(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    study = sample_assignment(employee=world.employee, approved=True)
    end_of_first = progress.semester_period(study, 1)[1]
    assert progress.reports_remind(today=end_of_first - dt.timedelta(days=30)) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert progress.reports_remind(today=end_of_first - dt.timedelta(days=10)) == 1
    assert any("segera jatuh tempo" in m.subject for m in mail.outbox)
    # At most once a week.
    assert progress.reports_remind(today=end_of_first - dt.timedelta(days=8)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert progress.reports_remind(today=end_of_first + dt.timedelta(days=5)) == 1
    study = StudyAssignment.objects.get(pk=study.pk)
    assert study.escalated_on == end_of_first + dt.timedelta(days=5)
    assert any("terlambat" in m.subject for m in mail.outbox)
    progress.report_submit(
        actor=world.asn,
        assignment_id=study.pk,
        semester=1,
        transcript=pdf_upload(),
        gpa=Decimal("3.5"),
        credits=18,
    )
    assert progress.reports_remind(today=end_of_first + dt.timedelta(days=20)) == 0
