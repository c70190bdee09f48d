"""Test helpers of this app: sample URL parameters for the project's role-matrix test."""

from __future__ import annotations

from typing import Any

from garda.core.models import Unit, User
from garda.talent.models_ninebox import CalibrationSession

ROLE_MATRIX_SKIP: dict[str, str] = {}


def _session(user: User | None) -> dict[str, int]:
    """A session of the user's own instansi (the matrix's units are top-level, so the
    user's unit stands for it)."""
    unit = user.unit if user is not None else Unit.objects.order_by("pk").first()
    if unit is None:
        raise ValueError("the role matrix makes a unit first")
    session, _created = CalibrationSession.objects.get_or_create(instansi=unit, year=2025)
    return {"pk": session.pk}


def role_matrix_params() -> dict[str, Any]:
    return {
        "talent:calibration_detail": _session,
        "talent:calibration_change": _session,
        "talent:calibration_lock": _session,
    }
