"""Steps of a study taken by the people of the test world (its atasan, head of OPD and BKD),
shared by the tests that need a study at a given stage with chosen dates and costs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from garda.people.models import Employee
from garda.studies.models import SemesterReport, ServiceBond, StudyAssignment
from garda.studies.services import applications, completion, progress
from garda.studies.testing import funding, pdf_upload, sample_program
from garda.studies.tests.conftest import World

STARTS = dt.date(2026, 8, 1)


def running_study(
    world: World, employee: Employee, source: str = "lpdp", cost: str = "20000000"
) -> StudyAssignment:
    """A tugas belajar S2 from STARTS, approved by the whole chain (its decree issued)."""
    study = applications.application_submit(
        actor=world.bkd,
        employee_id=employee.pk,
        kind="tugas",
        level="S2",
        program_id=sample_program().pk,
        funding_source_id=funding(source).pk,
        starts_on=STARTS,
        cost_per_semester=Decimal(cost),
    )
    for kind in ("loa", "pernyataan"):
        applications.document_upload(
            actor=world.bkd, assignment_id=study.pk, kind=kind, file=pdf_upload()
        )
    for actor in (world.atasan, world.admin_opd, world.bkd):
        study = applications.application_decide(actor=actor, assignment_id=study.pk, approved=True)
    return study


def accepted_report(world: World, study: StudyAssignment, semester: int) -> SemesterReport:
    report = progress.report_submit(
        actor=world.bkd,
        assignment_id=study.pk,
        semester=semester,
        transcript=pdf_upload(),
        gpa=Decimal("3.5"),
        credits=18,
    )
    return progress.report_decide(actor=world.bkd, report_id=report.pk, accepted=True)


def graduated(world: World, study: StudyAssignment, on: dt.date) -> ServiceBond | None:
    """The diploma uploaded and the degree recorded: the bond (if the source asks one)."""
    applications.document_upload(
        actor=world.bkd, assignment_id=study.pk, kind="ijazah", file=pdf_upload()
    )
    completion.study_graduate(
        actor=world.bkd, assignment_id=study.pk, graduated_on=on, degree="M.A.P."
    )
    return ServiceBond.objects.filter(assignment=study).first()
