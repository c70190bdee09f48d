"""Rows written by core.api_rows (the employee API's serializer) are DRF's own
representation, row for row."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from unittest import mock

import pytest
from rest_framework import serializers

from garda.core.api_rows import PreparedRepresentation
from garda.core.identity import make_nip
from garda.core.models import Unit
from garda.core.testing import UnitFactory
from garda.people.api import EMPLOYEE_LIST_COLUMNS, EmployeeSerializer
from garda.people.models import Employee, Golongan
from garda.people.selectors import employees_with_columns
from garda.people.services import employee_create

pytestmark = pytest.mark.django_db


_serial = itertools.count(1)


def make_employee(*, unit: Unit) -> Employee:
    n = next(_serial)
    born = dt.date(1988, 5, n % 27 + 1)
    return employee_create(
        actor=None, nip=make_nip(born, 2011, 2, "L", n), kind="pns", name=f"Baris API {n}",
        birth_date=born, gender="L", unit_id=unit.pk,
    )  # fmt: skip


def _drf(instance: Employee) -> dict[str, Any]:
    """What DRF's ModelSerializer writes for the row, bypassing the prepared readers."""
    return dict(serializers.ModelSerializer.to_representation(EmployeeSerializer(), instance))


def test_prepared_rows_are_drfs_for_full_and_list_rows() -> None:
    unit = UnitFactory()
    ids = [make_employee(unit=unit).pk for _ in range(3)]
    golongan = Golongan.objects.order_by("pk").last()
    Employee.objects.filter(pk=ids[0]).update(
        golongan=golongan, gelar_depan="Dr.", gelar_belakang="M.Kes", email="a@b.go.id"
    )
    Employee.objects.filter(pk=ids[1]).update(golongan=None, phone="", status="pensiun")
    listed = employees_with_columns(ids, EMPLOYEE_LIST_COLUMNS)
    for employee in [*Employee.objects.filter(pk__in=ids), *listed]:
        prepared = EmployeeSerializer(employee).data
        assert dict(prepared) == _drf(employee)
        assert list(prepared) == list(_drf(employee))  # the same key order


def test_a_plain_row_does_not_go_through_drfs_attribute_machinery() -> None:
    employee = make_employee(unit=UnitFactory())
    Employee.objects.filter(pk=employee.pk).update(golongan=Golongan.objects.first())
    employee = Employee.objects.select_related("unit", "golongan").get(pk=employee.pk)
    expected = _drf(employee)
    with mock.patch.object(
        serializers.ModelSerializer, "to_representation", side_effect=AssertionError
    ):
        assert dict(EmployeeSerializer(employee).data) == expected


def test_a_row_drf_must_handle_falls_back_to_drf() -> None:
    """A dotted source through an empty relation: DRF's default (None), not an error."""
    employee = make_employee(unit=UnitFactory())
    Employee.objects.filter(pk=employee.pk).update(golongan=None)
    employee.refresh_from_db()
    row = EmployeeSerializer(employee).data
    assert row["golongan_code"] is None
    assert row["golongan"] is None


def test_a_serializer_with_a_whole_object_field_uses_drf_alone() -> None:
    class WithStar(PreparedRepresentation, serializers.ModelSerializer[Employee]):
        everything = serializers.SerializerMethodField()

        class Meta:
            model = Employee
            fields = ["id", "everything"]

        def get_everything(self, employee: Employee) -> str:
            return f"#{employee.pk}"

    employee = make_employee(unit=UnitFactory())
    assert WithStar(employee).data == {"id": employee.pk, "everything": f"#{employee.pk}"}
