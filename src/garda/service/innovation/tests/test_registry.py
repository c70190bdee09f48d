"""The registry's rules: who registers where, publication, the draft from an aksi perubahan,
the yearly check; two instansi to prove scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import Unit
from garda.core.org.services import unit_create
from garda.core.testing import login_client, make_user
from garda.learning.testing import sample_employee
from garda.people.models import UnitHead
from garda.service.innovation import services
from garda.service.innovation.models import ActivityCheck, Innovation, Status
from garda.service.innovation.selectors import registry as selectors
from garda.service.innovation.testing import sample_change_project, sample_innovation

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas() -> dict[str, Unit]:
    made = {}
    for code, name in (("97", "Kabupaten Satu"), ("98", "Kabupaten Dua")):
        instansi = unit_create(actor=None, code=f"{code}.01", name=name, kind="instansi")
        made[code] = unit_create(
            actor=None, code=f"{code}.01.DINKES", name=f"Dinkes {name}", kind="opd", parent=instansi
        )
    return made


def test_asn_registers_in_own_unit_only(areas: dict[str, Unit]) -> None:
    asn = make_user(role="asn", unit=areas["97"])
    innovation = services.innovation_create(actor=asn, unit_id=areas["97"].pk, title=" Uji ")
    assert innovation.title == "Uji"
    assert innovation.status == Status.DRAFT
    assert innovation.instansi.code == "97.01"
    with pytest.raises(NotAllowed):
        services.innovation_create(actor=asn, unit_id=areas["98"].pk, title="Lain")
    with pytest.raises(ValidationFailed):
        services.innovation_create(actor=asn, unit_id=areas["97"].pk, title="  ")
    auditor = make_user(role="auditor")
    with pytest.raises(NotAllowed):
        services.innovation_create(actor=auditor, unit_id=areas["97"].pk, title="Tidak")


def test_stage_dates_must_be_in_order(areas: dict[str, Unit]) -> None:
    admin = make_user(role="admin_opd", unit=areas["97"])
    with pytest.raises(ValidationFailed):
        services.innovation_create(
            actor=admin,
            unit_id=areas["97"].pk,
            title="X",
            trial_on=dt.date(2026, 5, 1),
            applied_on=dt.date(2026, 4, 1),
        )


def test_scope_and_publication(areas: dict[str, Unit]) -> None:
    one, two = (
        make_user(role="admin_opd", unit=areas["97"]),
        make_user(role="admin_opd", unit=areas["98"]),
    )
    mine = services.innovation_create(
        actor=one, unit_id=areas["97"].pk, title="Satu", problem="Masalah", idea="Gagasan"
    )
    assert list(selectors.innovation_list(user=two)) == []
    with pytest.raises(NotFound):
        services.innovation_update(actor=two, innovation_id=mine.pk, title="Curi")
    asn = make_user(role="asn", unit=areas["97"])
    with pytest.raises(NotFound):
        services.innovation_publish(actor=asn, innovation_id=mine.pk, published=True)
    assert selectors.showcase(selectors.ShowcaseQuery()).count() == 0
    services.innovation_publish(actor=one, innovation_id=mine.pk, published=True)
    found = selectors.showcase(selectors.ShowcaseQuery(instansi_id=mine.instansi_id))
    assert list(found) == [mine]
    assert selectors.showcase(selectors.ShowcaseQuery(sector="pendidikan")).count() == 0
    public = login_client(two)
    assert public.get(reverse("innovation:detail", args=[mine.pk])).status_code == 404
    assert public.get(reverse("innovation:public_detail", args=[mine.pk])).status_code == 200


def test_unpublished_is_not_public(client, areas: dict[str, Unit]) -> None:
    draft = sample_innovation(unit=areas["97"])
    assert client.get(reverse("innovation:public_detail", args=[draft.pk])).status_code == 404
    page = client.get(reverse("innovation:showcase"))
    assert page.status_code == 200
    assert "Inovasi Uji" not in page.content.decode()


def test_publish_needs_problem_and_idea(areas: dict[str, Unit]) -> None:
    admin = make_user(role="admin_opd", unit=areas["97"])
    bare = services.innovation_create(actor=admin, unit_id=areas["97"].pk, title="Kosong")
    with pytest.raises(ValidationFailed):
        services.innovation_publish(actor=admin, innovation_id=bare.pk, published=True)


def test_draft_from_aksi_perubahan_with_mentor_and_coach(areas: dict[str, Unit]) -> None:
    asn = make_user(role="asn", unit=areas["97"])
    project = sample_change_project(asn, title="Antrean daring")
    head = sample_employee(unit=project.enrollment.employee.unit)
    UnitHead.objects.create(unit=project.enrollment.employee.unit, employee=head)
    assert list(selectors.change_projects_open(user=asn)) == [project]
    innovation = services.innovation_from_change_project(actor=asn, change_project_id=project.pk)
    assert innovation.title == "Antrean daring"
    assert innovation.status == Status.DRAFT
    assert innovation.unit_id == project.enrollment.employee.unit_id
    assert innovation.mentor_name == head.name
    assert innovation.coach_name == "Widyaiswara Uji"
    assert innovation.author == asn
    assert list(innovation.team.values_list("role", flat=True)) == ["Ketua"]
    assert list(selectors.change_projects_open(user=asn)) == []
    with pytest.raises(Conflict):
        services.innovation_from_change_project(actor=asn, change_project_id=project.pk)
    stranger = make_user(role="admin_opd", unit=areas["98"])
    other = sample_change_project(make_user(role="asn", unit=areas["97"]))
    with pytest.raises(NotFound):
        services.innovation_from_change_project(actor=stranger, change_project_id=other.pk)


def test_yearly_check(areas: dict[str, Unit]) -> None:
    admin = make_user(role="admin_opd", unit=areas["97"])
    running = sample_innovation(admin, unit=areas["97"])
    Innovation.objects.filter(pk=running.pk).update(
        created_at=running.created_at.replace(year=2025)
    )
    assert services.activity_checks_open(actor=None, year=2026) == 1
    assert services.activity_checks_open(actor=None, year=2026) == 0
    check = ActivityCheck.objects.get()
    assert list(selectors.checks_waiting(user=admin)) == [check]
    services.activity_check_answer(actor=admin, check_id=check.pk, is_running=False, note="Henti")
    running.refresh_from_db()
    assert running.stopped_on is not None
    assert list(selectors.checks_waiting(user=admin)) == []


def test_team_evidence_replication(areas: dict[str, Unit]) -> None:
    admin = make_user(role="admin_opd", unit=areas["97"])
    innovation = sample_innovation(admin, unit=areas["97"])
    services.team_member_add(actor=admin, innovation_id=innovation.pk, name="Ani", role="Anggota")
    with pytest.raises(Conflict):
        services.team_member_add(actor=admin, innovation_id=innovation.pk, name="Ani")
    with pytest.raises(ValidationFailed):
        services.evidence_add(actor=admin, innovation_id=innovation.pk, kind="link", title="Tanpa")
    services.evidence_add(
        actor=admin,
        innovation_id=innovation.pk,
        kind="video",
        title="Video",
        url="https://contoh.go.id/v",
    )
    services.replication_add(
        actor=admin,
        innovation_id=innovation.pk,
        unit_id=areas["98"].pk,
        replicated_on=dt.date(2026, 3, 1),
    )
    with pytest.raises(Conflict):
        services.replication_add(
            actor=admin,
            innovation_id=innovation.pk,
            unit_id=areas["98"].pk,
            replicated_on=dt.date(2026, 3, 1),
        )
    assert innovation.replications.count() == 1
    assert innovation.evidence.count() == 1
