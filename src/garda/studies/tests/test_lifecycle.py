"""The bond's end (served, closed by the daily run) and breach by the source's rule, the
decree number's retry on a collision and the audited download, and the rule editor."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from garda.core.audit.models import AuditEntry
from garda.core.errors import Conflict, NotAllowed, ValidationFailed
from garda.core.roles import Role
from garda.core.testing import login_client, make_user
from garda.studies.models import (
    EligibilityRule,
    PangkatAdjustment,
    ServiceBond,
    StudyApproval,
    StudyAssignment,
)
from garda.studies.selectors.eligibility import study_check
from garda.studies.services import applications, completion, progress, rules
from garda.studies.tasks import close_served_bonds
from garda.studies.testing import (
    funding,
    pdf_upload,
    sample_assignment,
    sample_employee,
    superuser,
)
from garda.studies.tests.conftest import World
from garda.studies.tests.steps import accepted_report, graduated, running_study

pytestmark = pytest.mark.django_db


def _graduated(world: World, source: str, semesters_paid: int = 0) -> ServiceBond:
    study = running_study(world, world.employee, source, "30000000")
    for semester in range(1, semesters_paid + 1):
        accepted_report(world, study, semester)
    bond = graduated(world, study, dt.date(2028, 7, 1))
    assert bond is not None
    return bond


# --- The bond ----------------------------------------------------------------------------------


def test_a_bond_closes_as_served_on_its_end_date_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    bond = _graduated(world, "lpdp")
    assert bond.ends_on == dt.date(2033, 7, 1)  # LPDP 2n + 1 = 60 months
    assert completion.bonds_close_served(today=dt.date(2033, 6, 30)) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert completion.bonds_close_served(today=dt.date(2033, 7, 1)) == 1
    bond.refresh_from_db()
    assert bond.status == "completed"
    assert bond.repayment is None
    entry = AuditEntry.objects.get(action="studies.bond.served")
    assert entry.object_id == str(bond.pk)
    assert any("selesai dijalani" in m.subject for m in mail.outbox)
    assert completion.bonds_close_served(today=dt.date(2033, 7, 2)) == 0
    # A served bond cannot be breached afterwards.
    with pytest.raises(Conflict):
        completion.bond_breach(actor=world.bkd, bond_id=bond.pk, breached_on=dt.date(2034, 1, 1))


def test_the_command_and_the_task_call_the_same_service(world: World) -> None:
    bond = _graduated(world, "lpdp")
    out = StringIO()
    call_command("study_bonds_close", "--on", "2033-01-01", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue()) == {"closed": 0}
    with pytest.raises(CommandError):
        call_command("study_bonds_close", "--on", "01-07-2033", stdout=StringIO())
    call_command("study_bonds_close", "--on", "2033-07-01", stdout=out, stderr=StringIO())
    assert ServiceBond.objects.get(pk=bond.pk).status == "completed"
    # The daily task closes what is due today: a bond that ended yesterday.
    other = _graduated_for_another(world)
    yesterday = dt.date.today() - dt.timedelta(days=1)  # noqa: DTZ011  # compared in days only
    ServiceBond.objects.filter(pk=other.pk).update(ends_on=yesterday)
    result = close_served_bonds.enqueue()
    assert result.return_value == 1
    assert ServiceBond.objects.get(pk=other.pk).status == "completed"


def _graduated_for_another(world: World) -> ServiceBond:
    study = sample_assignment(approved=True)
    applications.document_upload(
        actor=superuser(), assignment_id=study.pk, kind="ijazah", file=pdf_upload()
    )
    completion.study_graduate(
        actor=superuser(),
        assignment_id=study.pk,
        graduated_on=dt.date(2028, 7, 1),
        degree="M.A.P.",
    )
    return ServiceBond.objects.get(assignment=study)


def test_breach_repays_by_the_sources_rule_as_edited(world: World) -> None:
    source = funding("apbd-kabkota")
    admin = superuser()
    rules.funding_source_update(
        actor=admin,
        funding_source_id=source.pk,
        values={
            "bond_multiplier": Decimal("1"),
            "bond_extra_years": Decimal("0"),
            "repayment_factor": Decimal("1.5"),
            "edition": "Perbup Kabupaten X 12/2026",
        },
    )
    bond = _graduated(world, "apbd-kabkota", semesters_paid=2)
    assert bond.months == 24  # 1 x 24 months + 0
    breached = completion.bond_breach(
        actor=world.bkd, bond_id=bond.pk, breached_on=dt.date(2029, 7, 1)
    )
    # 60,000,000 paid x 12 months remaining of 24 x 1.5.
    assert breached.repayment == Decimal("45000000")


# --- The decree --------------------------------------------------------------------------------


def test_a_colliding_decree_number_is_drawn_again(world: World, monkeypatch: Any) -> None:
    taken = sample_assignment(approved=True).decree_code
    codes = iter([taken, "SKTB-2026-BARU2345"])
    monkeypatch.setattr(applications, "decree_code_new", lambda kind, year: next(codes))
    study = sample_assignment(employee=world.employee, approved=True)
    assert study.decree_code == "SKTB-2026-BARU2345"
    assert StudyAssignment.objects.filter(decree_code=taken).count() == 1


def test_when_every_number_collides_nothing_changes(world: World, monkeypatch: Any) -> None:
    taken = sample_assignment(approved=True).decree_code
    monkeypatch.setattr(applications, "decree_code_new", lambda kind, year: taken)
    study = sample_assignment(employee=world.employee)
    admin = superuser()
    for kind in ("loa", "pernyataan"):
        applications.document_upload(
            actor=admin, assignment_id=study.pk, kind=kind, file=pdf_upload()
        )
    for _step in range(2):
        applications.application_decide(actor=admin, assignment_id=study.pk, approved=True)
    entries = AuditEntry.objects.count()
    with pytest.raises(Conflict) as caught:
        applications.application_decide(actor=admin, assignment_id=study.pk, approved=True)
    assert caught.value.code == "study_decree_code"
    study.refresh_from_db()
    world.employee.refresh_from_db()
    assert (study.status, study.next_step, study.decree_code) == ("submitted", "bkd", None)
    assert world.employee.status == "aktif"  # not released from the post
    assert not StudyApproval.objects.filter(assignment=study, step="bkd").exists()
    assert AuditEntry.objects.count() == entries


def test_each_decree_download_is_audited(world: World) -> None:
    study = sample_assignment(employee=world.employee, approved=True)
    client = login_client(world.asn)
    for _time in range(2):
        response = client.get(reverse("studies:decree_pdf", args=[study.pk]))
        assert response.content.startswith(b"%PDF-")
    entries = AuditEntry.objects.filter(action="studies.decree.download", object_id=str(study.pk))
    assert entries.count() == 2
    assert {e.actor_id for e in entries} == {world.asn.pk}
    # Someone who may not see the study (another ASN of the unit) gets nothing, and no entry.
    colleague = make_user(role=Role.ASN, unit=world.opd)
    response = login_client(colleague).get(reverse("studies:decree_pdf", args=[study.pk]))
    assert response.status_code == 404
    assert entries.count() == 2


# --- The rule editor ---------------------------------------------------------------------------


def test_an_edited_age_limit_changes_the_decision_and_is_audited(world: World) -> None:
    rule = EligibilityRule.objects.get(kind="tugas", level="S2")
    older = sample_employee(unit=world.opd, born=dt.date(1989, 6, 1))
    on = dt.date(2026, 12, 1)  # 37 years old: within the seeded limit of 37
    assert study_check(employee=older, kind="tugas", level="S2", on=on).eligible
    rules.eligibility_rule_update(
        actor=superuser(),
        rule_id=rule.pk,
        values={"max_age": 35, "edition": "Peraturan Gubernur Jambi 5/2027"},
    )
    decision = study_check(employee=older, kind="tugas", level="S2", on=on)
    assert decision.reasons == ["usia 37 tahun melebihi batas 35 tahun untuk S2"]
    entry = AuditEntry.objects.get(action="studies.rule.update")
    assert entry.before["max_age"] == 37
    assert entry.after["max_age"] == 35
    assert entry.after["edition"] == "Peraturan Gubernur Jambi 5/2027"


def test_the_extension_limit_is_the_rules(world: World) -> None:
    rule = EligibilityRule.objects.get(kind="tugas", level="S2")
    rules.eligibility_rule_update(
        actor=superuser(), rule_id=rule.pk, values={"max_extension_months": 6}
    )
    study = sample_assignment(employee=world.employee, approved=True)
    with pytest.raises(ValidationFailed) as caught:
        progress.study_extend(actor=world.bkd, assignment_id=study.pk, months=7, reason="Riset")
    assert "paling lama 6 bulan" in caught.value.message_id
    progress.study_extend(actor=world.bkd, assignment_id=study.pk, months=6, reason="Riset")


def test_bad_rule_values_are_refused_and_nothing_changes(world: World) -> None:
    rule = EligibilityRule.objects.get(kind="tugas", level="S3")
    admin = superuser()
    for values in (
        {"edition": "  "},
        {"max_age_exception": 39},  # below the ordinary limit of 40
        {"refused_sanctions": "sedang,parah"},
        {"duration_years": 0},
        {"slug": "x"},
    ):
        with pytest.raises(ValidationFailed):
            rules.eligibility_rule_update(actor=admin, rule_id=rule.pk, values=values)
    with pytest.raises(NotAllowed):  # an agency's admin: the rules are the province's
        rules.eligibility_rule_update(actor=world.bkd, rule_id=rule.pk, values={"max_age": 45})
    fresh = EligibilityRule.objects.get(pk=rule.pk)
    assert (fresh.max_age, fresh.max_age_exception, fresh.refused_sanctions) == (
        40,
        47,
        "sedang,berat",
    )
    assert not AuditEntry.objects.filter(action="studies.rule.update").exists()


def test_rules_page_lists_and_edits_for_the_province_only(world: World) -> None:
    rule = EligibilityRule.objects.get(kind="izin", level="S1")
    page = login_client(world.bkd).get(reverse("studies:rules")).content.decode()
    assert "Tugas belajar" in page
    assert "LPDP" in page
    assert reverse("studies:rule_edit", args=[rule.pk]) not in page  # reading only
    edit = reverse("studies:rule_edit", args=[rule.pk])
    assert login_client(world.bkd).get(edit).status_code == 403
    province = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=world.instansi))
    assert edit in province.get(reverse("studies:rules")).content.decode()
    response = province.post(
        edit,
        {
            "edition": "SE Gubernur 2/2027",
            "min_service_years": 2,
            "refused_sanctions": ["sedang", "berat"],
            "skp_years": 0,
            "min_accreditation_rank": 2,
            "refuses_suspended": "on",
            "duration_years": 4,
            "max_extension_months": 12,
            "release_after_months": 9,
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.min_service_years, rule.edition) == (2, "SE Gubernur 2/2027")
    assert rule.release_after_months == 9
    refused = province.post(edit, {"edition": "", "min_service_years": 1})
    assert refused.status_code == 200
    rule.refresh_from_db()
    assert rule.min_service_years == 2


def test_the_pangkat_table_is_edited_by_the_province_only(world: World) -> None:
    """Kenaikan pangkat penyesuaian ijazah is data with its edition: the province admin
    changes a row (audited); a golongan the registry does not know, or one not above the
    first, is refused in Indonesian and nothing changes."""
    row = PangkatAdjustment.objects.get(level="S2")
    edit = reverse("studies:pangkat_edit", args=[row.pk])
    assert login_client(world.bkd).get(edit).status_code == 403
    province = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=world.instansi))
    assert edit in province.get(reverse("studies:rules")).content.decode()
    values = {"max_golongan": "III/b", "to_golongan": "III/c", "min_years_in_rank": 2,
              "needs_formasi": "on", "edition": "PP uji 1/2027"}  # fmt: skip
    assert province.post(edit, values).status_code == 302
    row.refresh_from_db()
    assert (row.max_golongan, row.to_golongan, row.min_years_in_rank, row.edition) == (
        "III/b", "III/c", 2, "PP uji 1/2027")  # fmt: skip
    assert AuditEntry.objects.filter(action="studies.pangkat_rule.update").exists()
    for wrong, message in (({"to_golongan": "III/z"}, "Golongan &#x27;III/z&#x27; tidak dikenal"),
                           ({"to_golongan": "III/a"}, "harus di atas")):  # fmt: skip
        page = province.post(edit, values | wrong)
        assert page.status_code == 200
        assert message in page.content.decode()
        row.refresh_from_db()
        assert row.to_golongan == "III/c"
