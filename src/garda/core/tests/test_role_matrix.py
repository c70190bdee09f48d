"""Every URL, every role: the access each view declares is the access it enforces."""

from __future__ import annotations

from typing import Any

import pytest

from garda.core.audit.tree import tree_head_sign
from garda.core.models import Job, User
from garda.core.testing import RoleMatrix, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_view_declares_its_access() -> None:
    assert RoleMatrix().undeclared() == []


def _own_job(user: User | None) -> dict[str, Any]:
    owner = user or UserFactory()
    return {"job_id": Job.objects.create(owner=owner, kind="uji", title="Uji").pk}


def test_role_matrix_holds() -> None:
    unit = UnitFactory()
    head = tree_head_sign()
    matrix = RoleMatrix(
        params={
            "core:job": _own_job,
            "api:job-detail": lambda user: {"pk": _own_job(user)["job_id"]},
            "core:password_reset_confirm": {"uidb64": "x", "token": "y"},
            "api:audit-entry-detail": {"seq": 1},
            "api:tree-head-detail": {"pk": head.pk},
            "api:unit-detail": {"pk": unit.pk},
        },
        skip={
            "core:logout": "POST only; signing out is covered in test_auth",
            "core:audit_verify": "POST only; starting a verification is covered in test_audit",
        },
    )
    assert matrix.run(lambda role: UserFactory(role=role, unit=unit)) == []
