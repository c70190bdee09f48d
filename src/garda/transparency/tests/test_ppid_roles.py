"""Every PPID and calendar route, every role: the project's role matrix over the routes this
part brings, with the sample parameters core/tests/test_role_matrix.py takes from
`garda.transparency.ppid.testing`."""

from __future__ import annotations

from typing import Any

import pytest

from garda.core.testing import RoleMatrix, Route, UnitFactory, UserFactory
from garda.transparency.ppid.testing import ROLE_MATRIX_SKIP, role_matrix_params

pytestmark = pytest.mark.django_db

PREFIXES = ("transparency:ppid:", "api:information-request", "calendar:")


class PpidMatrix(RoleMatrix):
    def routes(self) -> list[Route]:
        return [r for r in super().routes() if r.name.startswith(PREFIXES)]


def test_every_ppid_view_declares_its_access() -> None:
    matrix = PpidMatrix(skip=ROLE_MATRIX_SKIP)
    assert len(matrix.routes()) >= 25
    assert matrix.undeclared() == []


def test_ppid_role_matrix_holds(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    unit = UnitFactory()
    matrix = PpidMatrix(params=role_matrix_params(), skip=ROLE_MATRIX_SKIP)
    assert matrix.run(lambda role: UserFactory(role=role, unit=unit)) == []
