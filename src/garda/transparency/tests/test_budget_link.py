"""From a budget line to the batches it paid for, and back; figures stay fresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from garda.learning import services
from garda.learning.models import Enrollment, EnrollmentStatus
from garda.learning.services.catalog import program_update
from garda.learning.testing import sample_batch, sample_employee, sample_program
from garda.transparency.budget import selectors as budget
from garda.transparency.budget.models import BudgetLine
from garda.transparency.budget.testing import load_hand_budget

pytestmark = pytest.mark.django_db


def test_citizen_goes_from_budget_line_to_batch_and_back(people, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_hand_budget(tmp_path)
    line = BudgetLine.objects.filter(year=2026, opd__code="15.BPSDM").order_by("pk").first()
    assert line is not None
    client = Client()
    line_url = reverse("transparency:budget:line", args=[2026, line.pk])
    assert "Belum ada data pelatihan" in client.get(line_url).content.decode()
    assert budget.capacity_building(year=2026, unit_code="15.BPSDM") is None

    program = sample_program(owner_unit=people.unit, jp=30)
    batch = sample_batch(program=program, seats=10, cost=12_000_000, budget_line=line)
    services.enrollment_register(actor=people.asn, batch_id=batch.pk)  # bumps the version
    nominated = services.enrollment_nominate(
        actor=people.admin, batch_id=batch.pk, employee_id=sample_employee().pk
    )
    from garda.learning.models import Enrollment, EnrollmentStatus

    Enrollment.objects.filter(pk=nominated.pk).update(status=EnrollmentStatus.COMPLETED)
    from django.db import transaction

    from garda.core.dataversion import data_version_bump

    with transaction.atomic():
        data_version_bump(name="budget")

    html = client.get(line_url).content.decode()
    assert reverse("learning:batch_detail", args=[batch.pk]) in html
    assert people.employee.full_name not in html  # aggregates only
    [row] = budget.training_batches_for_line(line_id=line.pk)
    assert (row.participants, row.asn_trained, row.jp_delivered, row.cost) == (2, 1, 30, 12_000_000)

    capacity = budget.capacity_building(year=2026, unit_code="15.BPSDM")
    assert capacity is not None
    assert (capacity.asn_trained, capacity.jp_delivered, capacity.cost) == (1, 30, 12_000_000)
    assert capacity.cost_per_jp == 400_000
    province = budget.capacity_building(year=2026, unit_code=None)
    assert province == capacity

    batch_page = client.get(reverse("learning:batch_detail", args=[batch.pk])).content.decode()
    assert line_url in batch_page
    assert people.employee.full_name not in batch_page


def test_page_cache_refreshes_when_participants_change(people, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_hand_budget(tmp_path)
    line = BudgetLine.objects.filter(year=2026).order_by("pk").first()
    assert line is not None
    batch = sample_batch(budget_line=line, seats=5)
    assert budget.budget_line_detail(year=2026, line_id=line.pk).batches[0].participants == 0
    services.enrollment_register(actor=people.asn, batch_id=batch.pk)
    assert budget.budget_line_detail(year=2026, line_id=line.pk).batches[0].participants == 1


def test_a_program_s_new_jp_shows_on_the_budget_pages(people, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # JP delivered is trained x the program's JP: a program edit must refresh the cached
    # figures as a batch edit does.
    load_hand_budget(tmp_path)
    line = BudgetLine.objects.filter(year=2026, opd__code="15.BPSDM").order_by("pk").first()
    assert line is not None
    program = sample_program(owner_unit=people.unit, jp=30)
    batch = sample_batch(program=program, seats=10, cost=12_000_000, budget_line=line)
    nominated = services.enrollment_nominate(
        actor=people.admin, batch_id=batch.pk, employee_id=sample_employee().pk
    )
    Enrollment.objects.filter(pk=nominated.pk).update(status=EnrollmentStatus.COMPLETED)
    services.enrollment_register(actor=people.asn, batch_id=batch.pk)  # bumps the version
    client = Client()
    unit_url = reverse("transparency:budget:unit", args=[2026, "15.BPSDM"])
    assert '<dd class="col-sm-8">30</dd>' in client.get(unit_url).content.decode()

    program_update(actor=people.admin, program_id=program.pk, fields={"jp": 40})
    response = client.get(unit_url)
    assert response["X-Garda-Cache"] == "miss"
    assert '<dd class="col-sm-8">40</dd>' in response.content.decode()
    assert budget.training_batches_for_line(line_id=line.pk)[0].jp_delivered == 40
