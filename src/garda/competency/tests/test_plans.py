"""Development plans: proposals from tags, the ASN drafts and submits, the atasan approves or
edits, progress from the JP ledger and certificates, the annual plan, a batch from a plan line
and the plan-versus-realisation report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from garda.competency.models import DevelopmentOption, PlanBatch, PlanStatus
from garda.competency.selectors.annual import opd_needs, province_plan, realisation
from garda.competency.selectors.plans import ledger_help, plan_progress, proposals_for
from garda.competency.services import (
    plan_approve,
    plan_batch_create,
    plan_draft,
    plan_item_remove,
    plan_return,
    plan_submit,
)
from garda.competency.testing import (
    assess,
    employee_in,
    instansi_of_test,
    opd_in,
    set_standard,
    tagged_program,
)
from garda.core.audit.models import AuditEntry
from garda.core.errors import GardaError, NotAllowed
from garda.core.models import Unit
from garda.core.roles import Role
from garda.core.testing import make_user
from garda.learning.ledger.models import LearningForm
from garda.learning.ledger.services import ledger_record_training
from garda.learning.models import Batch, EnrollmentStatus
from garda.learning.services import enrollment_nominate
from garda.learning.services.certificates import certificate_issue
from garda.learning.testing import sample_batch
from garda.people.models import Employee, JabatanKind

pytestmark = pytest.mark.django_db


def _world() -> tuple[Unit, Unit, Employee]:
    instansi = instansi_of_test()
    opd = opd_in(instansi)
    asn_user = make_user(role=Role.ASN, unit=opd)
    employee = employee_in(opd, user=asn_user)
    set_standard(instansi, "pelaksana", "M.1", 3)
    set_standard(instansi, "pelaksana", "M.3", 2)
    assess(employee, {"M.1": 1, "M.3": 2})
    return instansi, opd, employee


def _complete(employee: Employee, program_id: int) -> Batch:
    """The employee passes a batch of the program: certificate, ledger entry."""
    batch = sample_batch(program=tagged_program({}) if program_id == 0 else None, sessions=1)
    Batch.objects.filter(pk=batch.pk).update(program_id=program_id)
    batch.refresh_from_db()
    admin = make_user(role=Role.ADMIN_PROVINSI, is_superuser=True)
    enrollment = enrollment_nominate(actor=admin, batch_id=batch.pk, employee_id=employee.pk)
    with transaction.atomic():
        enrollment.status = EnrollmentStatus.COMPLETED
        enrollment.completed_at = timezone.now()
        enrollment.save()
        certificate_issue(actor=None, enrollment=enrollment)
    return batch


def test_proposals_match_the_gap_through_program_tags() -> None:
    _instansi, _opd, employee = _world()
    raises = tagged_program({"M.1": 3}, title="Integritas ASN")
    tagged_program({"M.1": 1}, title="Sudah dikuasai")
    tagged_program({"M.3": 3}, title="Tanpa kesenjangan")
    other_kind = tagged_program({"M.1": 3}, title="Khusus pengawas")
    other_kind.target_jabatan_kinds.set(JabatanKind.objects.filter(code="pengawas"))
    proposals = proposals_for(employee)
    programs = [p.title for p in proposals if p.program_id]
    assert programs == [raises.title]
    options = {p.title for p in proposals if p.option_id}
    assert options == set(DevelopmentOption.objects.values_list("title", flat=True))
    assert {p.competency_code for p in proposals} == {"M.1"}
    assert all(p.gap == -2 for p in proposals)


def test_the_asn_drafts_and_submits_and_its_atasan_approves() -> None:
    _instansi, opd, employee = _world()
    program = tagged_program({"M.1": 3})
    keys = [p.key for p in proposals_for(employee)][:2]
    plan = plan_draft(actor=employee.user, year=2026, keys=keys)
    assert plan.items.count() == 2
    assert plan.items.get(program=program).jp == program.jp
    plan_draft(actor=employee.user, year=2026, keys=keys)  # choosing again adds nothing
    assert plan.items.count() == 2
    with pytest.raises(GardaError):
        plan_draft(actor=employee.user, year=2026, keys=["p999999"])
    plan_submit(actor=employee.user, plan_id=plan.pk)
    with pytest.raises(NotAllowed):
        plan_item_remove(actor=employee.user, item_id=plan.items.first().pk)  # type: ignore[union-attr]  # two items
    with pytest.raises(NotAllowed):
        plan_approve(actor=employee.user, plan_id=plan.pk)
    elsewhere = make_user(role=Role.ATASAN, unit=opd_in(instansi_of_test()))
    with pytest.raises(NotAllowed):
        plan_approve(actor=elsewhere, plan_id=plan.pk)
    head = make_user(role=Role.ATASAN, unit=opd)
    option_item = plan.items.filter(option__isnull=False).first()
    assert option_item is not None
    plan_item_remove(actor=head, item_id=option_item.pk)  # the atasan edits while it waits
    plan_approve(actor=head, plan_id=plan.pk, note="Lanjutkan")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.decided_by == head
    actions = set(
        AuditEntry.objects.filter(object_id=str(plan.pk)).values_list("action", flat=True)
    )
    assert {"competency.plan.draft", "competency.plan.submit", "competency.plan.item_remove",
            "competency.plan.approve"} <= actions  # fmt: skip


def test_a_returned_plan_goes_back_to_the_asn_with_a_reason() -> None:
    _instansi, opd, employee = _world()
    tagged_program({"M.1": 3})
    plan = plan_draft(actor=employee.user, year=2026, keys=[proposals_for(employee)[0].key])
    plan_submit(actor=employee.user, plan_id=plan.pk)
    head = make_user(role=Role.ATASAN, unit=opd)
    with pytest.raises(GardaError):
        plan_return(actor=head, plan_id=plan.pk, note=" ")
    plan_return(actor=head, plan_id=plan.pk, note="Tambahkan coaching")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    plan_submit(actor=employee.user, plan_id=plan.pk)


def test_progress_follows_certificates_and_the_ledger() -> None:
    _instansi, _opd, employee = _world()
    program = tagged_program({"M.1": 3})
    year = timezone.localdate().year
    coaching = DevelopmentOption.objects.get(form__code="coaching")
    keys = [p.key for p in proposals_for(employee)
            if p.program_id == program.pk or p.option_id == coaching.pk]  # fmt: skip
    plan = plan_draft(actor=employee.user, year=year, keys=keys)
    before = plan_progress(plan)
    assert before.done_jp == 0
    assert before.planned_jp == program.jp + coaching.jp
    _complete(employee, program.pk)
    entry = ledger_record_training(
        actor=None, employee_id=employee.pk, form_id=LearningForm.objects.get(code="coaching").pk,
        title="Coaching", provider="Atasan", started_on=dt.date(year, 1, 10),
        finished_on=dt.date(year, 1, 10), jp=Decimal("4"), certificate_number="",
        source_key=f"uji-coaching:{employee.pk}",
    )  # fmt: skip
    after = plan_progress(plan)
    done = {row.item.title: (row.done_jp, row.done) for row in after.items}
    assert done[program.title] == (Decimal(program.jp), True)
    assert done[coaching.title] == (entry.jp, False)  # the JP the ledger's rule granted
    assert after.done_jp == program.jp + entry.jp


def test_below_the_ledger_target_the_asn_sees_what_would_bring_it_there() -> None:
    _instansi, _opd, employee = _world()
    tagged_program({"M.1": 3})  # 24 JP, more than the 20 JP a PNS needs
    help_ = ledger_help(employee=employee, year=2026, proposals=proposals_for(employee))
    assert help_.progress.missing_jp == 20
    assert [p.jp for p in help_.suggestions] == [24]


def test_approved_plans_roll_up_and_bpsdm_creates_a_batch_from_a_line() -> None:
    instansi, opd, employee = _world()
    program = tagged_program({"M.1": 3})
    year = timezone.localdate().year
    second_user = make_user(role=Role.ASN, unit=opd)
    second = employee_in(opd, user=second_user)
    assess(second, {"M.1": 2})
    head = make_user(role=Role.ATASAN, unit=opd)
    for person in (employee, second):
        plan = plan_draft(actor=person.user, year=year, keys=[f"p{program.pk}"])  # type: ignore[arg-type]  # has a user
        plan_submit(actor=person.user, plan_id=plan.pk)  # type: ignore[arg-type]  # has a user
        plan_approve(actor=head, plan_id=plan.pk)
    bpsdm = make_user(role=Role.ADMIN_PROVINSI, unit=instansi)
    [needs] = opd_needs(user=bpsdm, year=year)
    assert needs.unit == opd
    [line] = needs.lines
    expected = (2, 2 * program.jp, 2 * program.cost_per_participant)
    assert (line.participant_count, line.jp, line.cost) == expected
    outsider = make_user(role=Role.ADMIN_INSTANSI, unit=instansi_of_test())
    assert opd_needs(user=outsider, year=year) == []
    with pytest.raises(NotAllowed):
        plan_batch_create(actor=outsider, year=year, program_id=program.pk, fields={})
    today = timezone.localdate()
    batch = plan_batch_create(actor=bpsdm, year=year, program_id=program.pk, fields={
        "name": "Angkatan Rencana", "seats": 2, "registration_opens": today,
        "registration_closes": today, "starts_on": today, "ends_on": today, "place": "BPSDM",
        "budget_line": None,
    })  # fmt: skip
    assert batch.program_id == program.pk
    assert batch.cost == 2 * program.cost_per_participant  # learning's own rule
    assert AuditEntry.objects.filter(
        action="learning.batch.create", object_id=str(batch.pk)
    ).exists()
    assert PlanBatch.objects.get(batch=batch).year == year
    [province_line] = [ln for ln in province_plan(user=bpsdm, year=year) if ln.program_id]
    assert province_line.batches == [batch]

    # One of them is trained, and the next assessment finds the gap closed.
    enrollment_batch = _complete(employee, program.pk)
    assert enrollment_batch.program_id == program.pk
    assess(employee, {"M.1": 3}, on=today + dt.timedelta(days=3))
    [row] = realisation(user=bpsdm, year=year)
    assert (row.planned, row.trained, row.jp_delivered) == (2, 1, program.jp)
    assert (row.gaps_targeted, row.gaps_closed) == (2, 1)
    assert row.cost == batch.cost
    assert row.cost_per_gap_closed == batch.cost
