"""The project's role matrix, on this app's routes only (quicker to run while working)."""

from __future__ import annotations

import pytest

from garda.core.testing import RoleMatrix, Route, UnitFactory, UserFactory
from garda.queueing import testing

pytestmark = pytest.mark.django_db


class QueueMatrix(RoleMatrix):
    def routes(self) -> list[Route]:
        return [r for r in super().routes() if r.name.startswith(("queueing:", "api:queue-"))]


def test_queue_routes_enforce_their_declared_access() -> None:
    unit = UnitFactory()
    matrix = QueueMatrix(params=testing.role_matrix_params(), skip=testing.ROLE_MATRIX_SKIP)
    assert matrix.routes()
    assert matrix.undeclared() == []
    failures = matrix.run(lambda role: UserFactory(role=role, unit=unit))
    assert failures == [], "\n".join(failures)
