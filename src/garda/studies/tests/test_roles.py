"""The studies routes against every role (the project's role matrix, narrowed to this app so
it runs in seconds; garda/tests/test_role_matrix.py walks everything)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from garda.core.testing import RoleMatrix, UnitFactory, UserFactory
from garda.studies.testing import ROLE_MATRIX_SKIP, ensure_rules, role_matrix_params

pytestmark = pytest.mark.django_db
OWN = ("studies:", "api:study-assignment")


def test_studies_routes_hold_the_role_matrix(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_rules()
    unit = UnitFactory()
    others = {r.name: "another app" for r in RoleMatrix().routes() if not r.name.startswith(OWN)}
    matrix = RoleMatrix(params=role_matrix_params(), skip={**others, **ROLE_MATRIX_SKIP})
    assert matrix.run(lambda role: UserFactory(role=role, unit=unit)) == []
