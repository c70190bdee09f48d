"""Test helpers of this app, including the sample URL parameters the project's role-matrix
test (garda/core/tests/test_role_matrix.py) needs for this app's parameterised routes."""

from __future__ import annotations

from typing import Any

# url name -> reason it is left out of the role matrix (e.g. POST only, covered elsewhere)
ROLE_MATRIX_SKIP: dict[str, str] = {}


def role_matrix_params() -> dict[str, Any]:
    """url name -> kwargs dict, or a callable(user) -> kwargs dict."""
    return {}
