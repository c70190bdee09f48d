"""A small world for the studies tests: an instansi with an OPD, its admins, an atasan and an
ASN with an employee record; the rules seeded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from garda.core.models import Unit, UnitKind, User
from garda.core.roles import Role
from garda.core.testing import make_user
from garda.people.models import Employee
from garda.studies.testing import ensure_rules, sample_employee, sample_unit


@dataclass
class World:
    instansi: Unit
    opd: Unit
    asn: User
    employee: Employee
    atasan: User
    admin_opd: User
    bkd: User


@pytest.fixture
def world(db: None, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_rules()
    instansi = sample_unit(kind=UnitKind.INSTANSI)
    opd = sample_unit(parent=instansi)
    asn = make_user(role=Role.ASN, unit=opd, email="asn@uji.garda.id")
    employee = sample_employee(user=asn, unit=opd)
    return World(
        instansi=instansi,
        opd=opd,
        asn=asn,
        employee=employee,
        atasan=make_user(role=Role.ATASAN, unit=opd, email="atasan@uji.garda.id"),
        admin_opd=make_user(role=Role.ADMIN_OPD, unit=opd, email="opd@uji.garda.id"),
        bkd=make_user(role=Role.ADMIN_INSTANSI, unit=instansi, email="bkd@uji.garda.id"),
    )
