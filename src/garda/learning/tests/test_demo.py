"""The demo gives the catalog something to show, once."""

from __future__ import annotations

import pytest

from garda.core.demo import seed_demo_base
from garda.learning import demo, selectors
from garda.learning.models import Program
from garda.people.demo import seed_demo_people

pytestmark = pytest.mark.django_db


def test_demo_has_an_open_batch_and_is_idempotent() -> None:
    seed_demo_base()
    seed_demo_people()
    demo.seed_demo(size="small")
    demo.seed_demo(size="small")
    assert Program.objects.count() == 2
    from garda.people.models import Employee

    asn = Employee.objects.get(nip="199003152015032001")
    matching = list(selectors.batches_matching(employee_id=asn.pk))
    assert [b.program.code for b in matching] == ["pelayanan-prima"]
    assert matching[0].sessions.count() == 3
