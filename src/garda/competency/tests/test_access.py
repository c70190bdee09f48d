"""This app's routes walked with every role (the project's role matrix, narrowed to them so
it runs in seconds), and the rules of who may approve and assess."""

from __future__ import annotations

from typing import Any

import pytest

from garda.competency import policy
from garda.competency.testing import ROLE_MATRIX_SKIP, employee_in, role_matrix_params
from garda.core.roles import Role
from garda.core.testing import RoleMatrix, Route, UnitFactory, UserFactory, make_user

pytestmark = pytest.mark.django_db

OURS = ("competency:", "api:competenc", "api:development-plan")


class CompetencyMatrix(RoleMatrix):
    def routes(self) -> list[Route]:
        return [r for r in super().routes() if r.name.startswith(OURS)]


def test_every_competency_route_holds_its_declared_access(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = UnitFactory()
    matrix = CompetencyMatrix(params=role_matrix_params(), skip=ROLE_MATRIX_SKIP)
    assert len(matrix.routes()) > 25
    assert matrix.undeclared() == []
    assert matrix.run(lambda role: UserFactory(role=role, unit=unit)) == []


def test_nobody_approves_or_assesses_their_own_case() -> None:
    unit = UnitFactory()
    head = make_user(role=Role.ATASAN, unit=unit)
    own = employee_in(unit, user=head)
    other = employee_in(unit)
    assert not policy.can_approve_plan(head, own)
    assert policy.can_approve_plan(head, other)
    assessor = make_user(role=Role.ASESOR, unit=unit)
    assert policy.can_assess(assessor, other)
    assert not policy.can_assess(assessor, employee_in(unit, user=assessor))


def test_an_atasan_elsewhere_may_not_approve() -> None:
    here, there = UnitFactory(), UnitFactory()
    assert not policy.can_approve_plan(make_user(role=Role.ATASAN, unit=there), employee_in(here))
    assert not policy.can_assess(make_user(role=Role.ASESOR, unit=there), employee_in(here))
    assert not policy.can_approve_plan(make_user(role=Role.ASN, unit=here), employee_in(here))
