"""Fixtures of the learning tests: an ASN with its employee record and its atasan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from garda.core.models import User
from garda.core.roles import Role
from garda.core.testing import make_user
from garda.learning.testing import sample_employee, sample_unit
from garda.people.models import Employee, Unit


@dataclass
class People:
    unit: Unit
    asn: User
    employee: Employee
    atasan: User
    admin: User


@pytest.fixture
def people(db: None, settings: Any, tmp_path: Path) -> People:
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = sample_unit()
    asn = make_user(role=Role.ASN, unit=unit, email="asn@uji.garda.id")
    employee = sample_employee(user=asn, unit=unit)
    atasan = make_user(role=Role.ATASAN, unit=unit, email="atasan@uji.garda.id")
    admin = make_user(role=Role.ADMIN_PROVINSI, unit=unit)
    return People(unit=unit, asn=asn, employee=employee, atasan=atasan, admin=admin)
