"""Test helpers of this app, including the sample URL parameters the project's role-matrix
test (garda/core/tests/test_role_matrix.py) needs for this app's parameterised routes."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from garda.core.models import User
from garda.people.models import Employee, Unit

# url name -> reason it is left out of the role matrix (e.g. POST only, covered elsewhere)
ROLE_MATRIX_SKIP: dict[str, str] = {}

_serial = itertools.count(1)


def make_employee(
    *, unit: Unit, kind: str = "pns", user: User | None = None, name: str = ""
) -> Employee:
    """An employee with a well-formed NIP (birth date, TMT, gender, sequence)."""
    n = next(_serial)
    nip = f"19900315{2015 + n // 1000 % 10:04d}{3:02d}2{n % 1000:03d}"
    return Employee.objects.create(
        nip=nip,
        kind=kind,
        name=name or f"Pegawai Uji {n}",
        birth_date=dt.date(1990, 3, 15),
        gender="P",
        unit=unit,
        user=user,
    )


def role_matrix_params() -> dict[str, Any]:
    """url name -> kwargs dict, or a callable(user) -> kwargs dict."""
    return {}
