"""Test helpers of this app, including the sample URL parameters the project's role-matrix
test (garda/core/tests/test_role_matrix.py) needs for this app's parameterised routes."""

from __future__ import annotations

from typing import Any

from garda.queueing.testing import make_facility

# url name -> reason it is left out of the role matrix (e.g. POST only, covered elsewhere)
ROLE_MATRIX_SKIP: dict[str, str] = {}

_WS_ROUTES = {
    "ws_auth": {},
    "ws_status": {"kodepoli": "001", "tanggal": "2026-12-01"},
    "ws_sisapeserta": {"nomorkartu": "0001234567890", "kodepoli": "001", "tanggal": "2026-12-01"},
    "ws_batal": {},
    "ws_antrean": {},
    "ws_peserta": {},
}


def _facility_of(user: Any) -> dict[str, Any]:
    """A puskesmas in the user's own unit, which every role allowed on the page can see."""

    unit = getattr(user, "unit", None)
    facility = make_facility(unit=unit) if unit is not None else make_facility()
    return {"code": facility.code}


def role_matrix_params() -> dict[str, Any]:
    """url name -> kwargs dict, or a callable(user) -> kwargs dict."""
    params: dict[str, Any] = {
        "mobilejkn:bridge_edit": _facility_of,
        "mobilejkn:outbox_retry": {"pk": 1},
    }
    for name, kwargs in _WS_ROUTES.items():
        for suffix in ("", "_v1"):
            # An unknown code is a well-formed call: HTTP 200 with metadata code 201.
            params[f"mobilejkn:{name}{suffix}"] = {"code": "MATRIX01", **kwargs}
    return params
