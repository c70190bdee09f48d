"""Writes that place an employee in a unit check the writer's scope, on every path (security
issue, item 3: an agency admin moved an employee into another agency through PATCH)."""

from __future__ import annotations

import datetime as dt

import pytest

from garda.core.errors import ValidationFailed
from garda.core.identity import make_nip
from garda.core.models import Unit
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.people.models import Employee, Golongan, JabatanKind
from garda.people.services import employee_create, employee_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies() -> dict[str, Unit]:
    kota = UnitFactory(code="K71", kind="instansi", name="Pemkot Uji")
    kota_opd = UnitFactory(code="K71.A", kind="opd", name="Dinas Kota", parent=kota)
    prov = UnitFactory(code="P15", kind="instansi", name="Pemprov Uji")
    prov_opd = UnitFactory(code="P15.B", kind="opd", name="BPSDM Uji", parent=prov)
    return {"kota": kota, "kota_opd": kota_opd, "prov": prov, "prov_opd": prov_opd}


def _employee(unit: Unit) -> Employee:
    born = dt.date(1988, 5, 5)
    return employee_create(
        actor=None, nip=make_nip(born, 2012, 1, "P", 7), kind="pns", name="Warga Kota",
        birth_date=born, gender="P", unit_id=unit.pk,
        golongan_id=Golongan.objects.get(kind="pns", code="III/a").pk,
        tmt_golongan=dt.date(2012, 1, 1),
        jabatan_kind_id=JabatanKind.objects.get(code="pelaksana").pk,
    )  # fmt: skip


def test_the_api_refuses_a_move_into_another_agency(agencies: dict[str, Unit]) -> None:
    employee = _employee(agencies["kota_opd"])
    admin = make_user(role=Role.ADMIN_INSTANSI, unit=agencies["kota"])
    response = login_client(admin).patch(
        f"/api/v1/employees/{employee.pk}/",
        {"unit": agencies["prov_opd"].pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unit_out_of_scope"
    employee.refresh_from_db()
    assert employee.unit_id == agencies["kota_opd"].pk
    assert employee.history.filter(kind="unit").count() == 1  # only its first placement


def test_the_api_still_moves_within_the_agency(agencies: dict[str, Unit]) -> None:
    employee = _employee(agencies["kota_opd"])
    admin = make_user(role=Role.ADMIN_INSTANSI, unit=agencies["kota"])
    response = login_client(admin).patch(
        f"/api/v1/employees/{employee.pk}/",
        {"unit": agencies["kota"].pk},
        content_type="application/json",
    )
    assert response.status_code == 200
    employee.refresh_from_db()
    assert employee.unit_id == agencies["kota"].pk


def test_the_service_is_where_the_rule_lives(agencies: dict[str, Unit]) -> None:
    """Page, API and any later path call employee_update; the rule holds there."""
    employee = _employee(agencies["kota_opd"])
    admin = make_user(role=Role.ADMIN_INSTANSI, unit=agencies["kota"])
    with pytest.raises(ValidationFailed) as refused:
        employee_update(actor=admin, employee=employee, values={"unit_id": agencies["prov"].pk})
    assert refused.value.code == "unit_out_of_scope"
    # Garda's own jobs (actor None) move people as the registry tells them.
    moved = employee_update(actor=None, employee=employee, values={"unit_id": agencies["prov"].pk})
    assert moved.employee.unit_id == agencies["prov"].pk
