"""The dashboard's figures against values worked out by hand from a small set of studies made
through the services (three in one instansi, one in another)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from garda.core.testing import login_client
from garda.people.models import EmployeeHistory
from garda.studies.models import SemesterReport, StudyAssignment
from garda.studies.selectors.dashboard import Figures, dashboard_figures
from garda.studies.services import completion, progress
from garda.studies.testing import sample_assignment, sample_employee, superuser
from garda.studies.tests.conftest import World
from garda.studies.tests.steps import accepted_report, graduated, running_study

pytestmark = pytest.mark.django_db


def _graduate_and_return(
    world: World, study: StudyAssignment, graduated_on: dt.date, returned: dt.date, uses: bool
) -> None:
    graduated(world, study, graduated_on)
    completion.study_return(
        actor=world.bkd,
        assignment_id=study.pk,
        returned_on=returned,
        post="Analis Kebijakan Ahli Muda",
        uses_degree=uses,
    )


@pytest.fixture
def studies(world: World) -> dict[str, StudyAssignment]:
    # A: LPDP, 2 semesters paid (20 M each), the second reported late; graduated in 23 months,
    # returned to a post using the degree; left the service (berhenti) on 1 Sep 2032.
    a = running_study(world, world.employee, "lpdp", "20000000")
    accepted_report(world, a, 1)
    late = accepted_report(world, a, 2)
    SemesterReport.objects.filter(pk=late.pk).update(
        created_at=dt.datetime(2027, 9, 1, 10, tzinfo=dt.UTC)  # semester 2 ended 31 Jul 2027
    )
    _graduate_and_return(world, a, dt.date(2028, 7, 1), dt.date(2028, 8, 1), uses=True)
    EmployeeHistory.objects.create(
        employee=world.employee,
        kind="status",
        data={"status": "berhenti"},
        effective_on=dt.date(2032, 9, 1),
    )
    # B: APBD Provinsi, 1 semester paid (15 M); graduated in 26 months (planned 24), returned to
    # a post not using the degree; breached the bond on 1 Nov 2030.
    b = running_study(world, sample_employee(unit=world.opd), "apbd-provinsi", "15000000")
    accepted_report(world, b, 1)
    _graduate_and_return(world, b, dt.date(2028, 10, 1), dt.date(2028, 11, 1), uses=False)
    completion.bond_breach(actor=world.bkd, bond_id=b.bond.pk, breached_on=dt.date(2030, 11, 1))
    # D: LPDP, cancelled after its decree.
    d = running_study(world, sample_employee(unit=world.opd), "lpdp", "20000000")
    progress.study_cancel(actor=world.bkd, assignment_id=d.pk, reason="Mengundurkan diri")
    # C: another instansi, APBD Provinsi, still studying.
    c = sample_assignment(approved=True)
    # And an application never decided: counted nowhere but in the status list.
    sample_assignment(employee=sample_employee(unit=world.opd))
    return {"a": a, "b": b, "c": c, "d": d}


def test_figures_in_scope_of_everything(studies: dict[str, StudyAssignment]) -> None:
    figures = dashboard_figures(user=superuser(), today=dt.date(2034, 1, 1))
    total: Figures = figures["total"]
    assert total.studying == 1  # C
    assert total.graduated == 2  # A, B
    assert total.completion_rate == 66.7  # 2 graduated of 3 ended after a decree (A, B, D)
    assert (total.reports, total.reports_on_time) == (3, 2)
    assert total.on_time_rate == 66.7
    assert total.average_months_to_degree == 24.5  # (23 + 26) / 2
    assert total.graduated_in_time == 1  # A only
    assert total.cost_paid == Decimal("55000000")
    assert total.cost_per_graduate == Decimal("27500000")
    assert (total.bonds["serving"], total.bonds["breached"]) == (1, 1)
    # B: 15 M x (60 - 25 months served) / 60.
    assert total.repayment_due == Decimal("8750000")
    assert (total.placed_using_degree, total.returned) == (1, 2)
    assert total.placement_rate == 50.0
    # After 1 year both serve; after 3, B has breached; after 5, A has left too.
    assert [row[:3] for row in total.retention_rows] == [(1, 2, 2), (3, 2, 1), (5, 2, 0)]


def test_retention_counts_only_those_returned_long_enough_ago(
    studies: dict[str, StudyAssignment],
) -> None:
    total = dashboard_figures(user=superuser(), today=dt.date(2030, 1, 1))["total"]
    assert total.retention_rows == [(1, 2, 2, 100.0), (3, 0, 0, None), (5, 0, 0, None)]


def test_figures_by_instansi_and_funding_source(
    world: World, studies: dict[str, StudyAssignment]
) -> None:
    figures = dashboard_figures(user=superuser(), today=dt.date(2034, 1, 1))
    by_instansi = {f.label: f for f in figures["by_instansi"]}
    ours = by_instansi[world.instansi.name]
    assert (ours.studying, ours.graduated, ours.completion_rate) == (0, 2, 66.7)
    theirs = [f for label, f in by_instansi.items() if label != world.instansi.name]
    assert [(f.studying, f.graduated, f.completion_rate) for f in theirs] == [(1, 0, None)]
    by_funding = {f.label: f for f in figures["by_funding"]}
    lpdp = by_funding["LPDP"]
    assert (lpdp.graduated, lpdp.completion_rate, lpdp.on_time_rate) == (1, 50.0, 50.0)
    assert lpdp.cost_per_graduate == Decimal("40000000")
    apbd = by_funding["APBD Provinsi Jambi"]
    assert (apbd.studying, apbd.graduated, apbd.completion_rate) == (1, 1, 100.0)
    assert apbd.bonds["breached"] == 1


def test_the_page_shows_the_figures_of_the_scope_only(
    world: World, studies: dict[str, StudyAssignment]
) -> None:
    body = login_client(world.bkd).get(reverse("studies:dashboard")).content.decode()
    assert 'id="lulus">2<' in body
    assert 'id="sedang-studi">0<' in body  # C belongs to another instansi
    assert 'id="penempatan">1 / 2<' in body
    assert studies["c"].employee.full_name not in body
