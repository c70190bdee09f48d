"""The role matrix over this app's routes only (pages and API): while other apps are being
built the project-wide matrix may fail for their routes; this one must always hold."""

from __future__ import annotations

from typing import Any

import pytest

from garda.core.testing import RoleMatrix, Route, UnitFactory, UserFactory
from garda.learning.ledger import testing

pytestmark = pytest.mark.django_db


class LedgerMatrix(RoleMatrix):
    def routes(self) -> list[Route]:
        return [
            r for r in super().routes()
            if r.name.startswith(("ledger:", "api:jp-"))
        ]  # fmt: skip


def test_ledger_routes_enforce_their_access(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    matrix = LedgerMatrix(params=testing.role_matrix_params(), skip=testing.ROLE_MATRIX_SKIP)
    assert matrix.routes(), "no ledger routes found"
    assert matrix.undeclared() == []
    unit = UnitFactory()
    assert matrix.run(lambda role: UserFactory(role=role, unit=unit)) == []
