"""The demo's aksi perubahan come through the learning services: a leadership batch held
before the queue's go-live, replayed as its organiser ran it (its participants passed, with
certificates and JP in the ledger), each project written by its participant; seeding twice
changes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from garda.core.audit.models import AuditEntry
from garda.core.demo import seed_demo_base
from garda.core.models import User
from garda.learning.demo_catalogue import seed_catalogue
from garda.learning.ledger.models import LedgerEntry
from garda.learning.models import ChangeProject
from garda.learning.models.enrolment import EnrollmentStatus
from garda.people.demo import seed_demo_people
from garda.service.innovation import demo

pytestmark = pytest.mark.django_db
PROJECTS = {
    "asn.demo": ("Konsultasi daring", "Dijawab dua hari kerja."),
    "petugas.demo": (demo.QUEUE_PROJECT_TITLE, "Pasien datang mendekati jam panggil."),
}


def test_change_projects_are_replayed_through_the_learning_services() -> None:
    seed_demo_base()
    seed_demo_people()
    seed_catalogue(admin=User.objects.get(username="admin.provinsi"), today=timezone.localdate())
    made = demo.seed_change_projects(PROJECTS)
    assert sorted(p.title for p in made) == sorted(title for title, _o in PROJECTS.values())
    for project in made:
        enrollment = project.enrollment
        assert enrollment.status == EnrollmentStatus.COMPLETED
        assert enrollment.batch.program.code == demo.LEADERSHIP_PROGRAM
        assert (enrollment.batch.starts_on, enrollment.batch.ends_on) == (
            demo.LEADERSHIP_STARTS, demo.LEADERSHIP_ENDS,
        )  # fmt: skip
        assert enrollment.certificate.code
        assert LedgerEntry.objects.filter(
            employee=enrollment.employee, finished_on=demo.LEADERSHIP_ENDS
        ).exists()
        assert project.enrollment.employee.user.username in PROJECTS
    assert AuditEntry.objects.filter(action="learning.change_project.save").count() == 2
    assert demo.seed_change_projects(PROJECTS) == []  # idempotent
    assert ChangeProject.objects.count() == 2
