"""Every URL, every role: the access each view declares is the access it enforces."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from garda.competency import testing as competency_testing
from garda.core.audit.tree import tree_head_sign
from garda.core.identity import make_nip
from garda.core.models import Job, User
from garda.core.testing import RoleMatrix, UnitFactory, UserFactory
from garda.learning import testing as learning_testing
from garda.learning.ledger import testing as ledger_testing
from garda.people.models import Employee
from garda.people.services import employee_create
from garda.queueing import testing as queueing_testing
from garda.queueing.mobilejkn import testing as mobilejkn_testing
from garda.service.innovation import testing as innovation_testing
from garda.service.skm import testing as skm_testing
from garda.studies import testing as studies_testing
from garda.talent import testing as talent_testing
from garda.transparency.budget.testing import budget_role_matrix_params
from garda.transparency.ppid.testing import ROLE_MATRIX_SKIP as PPID_ROLE_MATRIX_SKIP
from garda.transparency.ppid.testing import role_matrix_params as ppid_role_matrix_params

pytestmark = pytest.mark.django_db


def test_every_view_declares_its_access() -> None:
    assert RoleMatrix().undeclared() == []


def _own_job(user: User | None) -> dict[str, Any]:
    owner = user or UserFactory()
    return {"job_id": Job.objects.create(owner=owner, kind="uji", title="Uji").pk}


_sequence = iter(range(1, 999))


def _own_employee(user: User | None) -> dict[str, Any]:
    """An employee record in the user's own unit and linked to the user: every role that may
    open employee pages at all may open this one."""
    if user is not None:
        existing = Employee.objects.filter(user=user).first()
        if existing is not None:
            return {"pk": existing.pk}
    born = dt.date(1980, 1, 1)
    unit = user.unit if user is not None and user.unit else UnitFactory()
    employee = employee_create(
        actor=None, nip=make_nip(born, 2005, 1, "L", next(_sequence)), kind="pns",
        name="Pegawai Uji", birth_date=born, gender="L", unit_id=unit.pk,
        user_id=user.pk if user is not None else None,
    )  # fmt: skip
    return {"pk": employee.pk}


def matrix_params(unit: Any) -> dict[str, Any]:
    """Sample URL parameters of every parameterised route (the isolation suite reuses them):
    a dict, or a callable(user) making an object in that user's own unit."""
    head = tree_head_sign()
    return {
        "core:job": _own_job,
        "api:job-detail": lambda user: {"pk": _own_job(user)["job_id"]},
        "core:password_reset_confirm": {"uidb64": "x", "token": "y"},
        "core:two_factor_enrol": {"token": "x"},
        "api:audit-entry-detail": {"seq": 1},
        "api:tree-head-detail": {"pk": head.pk},
        "api:unit-detail": {"pk": unit.pk},
        "api:employee-detail": _own_employee,
        "people:employee_detail": _own_employee,
        "people:employee_edit": _own_employee,
        "people:unit_detail": {"pk": unit.pk},
        "people:import_template": {"fmt": "xlsx"},
        "people:employee_export": {"fmt": "csv"},
        **ppid_role_matrix_params(),
        **budget_role_matrix_params(),
        **learning_testing.role_matrix_params(),
        **ledger_testing.role_matrix_params(),
        **queueing_testing.role_matrix_params(),
        **mobilejkn_testing.role_matrix_params(),
        **competency_testing.role_matrix_params(),
        **skm_testing.role_matrix_params(),
        **innovation_testing.role_matrix_params(),
        **talent_testing.role_matrix_params(),
        **studies_testing.role_matrix_params(),
        "public_audit:inclusion": {"seq": 1},
        "public_audit:entry": {"seq": 1},
    }


MATRIX_SKIP: dict[str, str] = {
    "core:logout": "POST only; signing out is covered in test_auth",
    "core:audit_verify": "POST only; starting a verification is covered in test_audit",
    **PPID_ROLE_MATRIX_SKIP,
    **learning_testing.ROLE_MATRIX_SKIP,
    **ledger_testing.ROLE_MATRIX_SKIP,
    **queueing_testing.ROLE_MATRIX_SKIP,
    **mobilejkn_testing.ROLE_MATRIX_SKIP,
    **competency_testing.ROLE_MATRIX_SKIP,
    **skm_testing.ROLE_MATRIX_SKIP,
    **innovation_testing.ROLE_MATRIX_SKIP,
    **talent_testing.ROLE_MATRIX_SKIP,
    **studies_testing.ROLE_MATRIX_SKIP,
}


def test_role_matrix_holds(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = UnitFactory()
    matrix = RoleMatrix(params=matrix_params(unit), skip=MATRIX_SKIP)
    assert matrix.run(lambda role: UserFactory(role=role, unit=unit)) == []
