"""The declarative per-model checks of core.testing, applied to the registry's models."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from garda.core.identity import make_nip
from garda.core.models import Unit
from garda.core.roles import Role
from garda.core.testing import ModelViewTestCase, UnitFactory
from garda.people.models import Employee
from garda.people.services import employee_create

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def _employee() -> Employee:
    n = next(_numbers)
    born = dt.date(1982, 2, 1) + dt.timedelta(days=n)
    return employee_create(
        actor=None, nip=make_nip(born, 2008, 1, "P", n), kind="pns", name=f"Deklaratif {n}",
        birth_date=born, gender="P", unit_id=UnitFactory().pk,
    )  # fmt: skip


def _unit() -> Unit:
    return UnitFactory(name=f"Unit Deklaratif {next(_numbers)}")


class TestEmployeeViews(ModelViewTestCase):
    make_record = staticmethod(_employee)
    list_url = "people:employee_list"
    detail_url_name = "people:employee_detail"
    api_list_url = "api:employee-list"
    allowed_roles = frozenset(
        {Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.ATASAN, Role.AUDITOR}
    )


class TestUnitViews(ModelViewTestCase):
    make_record = staticmethod(_unit)
    list_url = "people:unit_tree"
    detail_url_name = "people:unit_detail"
    api_list_url = "api:unit-list"
