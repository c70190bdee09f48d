"""Test helpers of this app: sample URL parameters for the project's role-matrix test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from garda.core.models import Unit, User
from garda.people.models import Employee, JabatanKind
from garda.talent.models import IpEdition, PotentialResult, Sanction, SkpResult
from garda.talent.models_ninebox import CalibrationSession, CriticalPost

ROLE_MATRIX_SKIP: dict[str, str] = {}


def _session(user: User | None) -> dict[str, int]:
    """A session of the user's own instansi (the matrix's units are top-level, so the
    user's unit stands for it)."""
    unit = user.unit if user is not None else Unit.objects.order_by("pk").first()
    if unit is None:
        raise ValueError("the role matrix makes a unit first")
    session, _created = CalibrationSession.objects.get_or_create(instansi=unit, year=2025)
    return {"pk": session.pk}


def _edition(user: User | None) -> dict[str, int]:
    """The edition seeded by migration 0003 (the same tables for every reader)."""
    edition = IpEdition.objects.order_by("-first_year").first()
    if edition is None:
        raise ValueError("migration 0003 seeds an IP ASN edition")
    return {"pk": edition.pk}


def role_matrix_params() -> dict[str, Any]:
    return {
        "talent:calibration_detail": _session,
        "talent:calibration_change": _session,
        "talent:calibration_lock": _session,
        "api:ip-asn-edition-detail": _edition,
    }


def sample_talent(unit: Unit, year: int) -> None:
    """SKP, potential (box 8: succession pools), a sanction and a critical post for everyone
    in `unit`: what the isolation suite needs on each side."""
    kind = JabatanKind.objects.get(code="administrator")
    CriticalPost.objects.get_or_create(unit=unit, name=f"Kepala {unit.name}",
                                       defaults={"jabatan_kind": kind})  # fmt: skip
    for employee in Employee.objects.filter(unit=unit):
        SkpResult.objects.get_or_create(employee=employee, year=year, defaults={"predikat": "baik"})
        PotentialResult.objects.get_or_create(
            employee=employee, year=year, defaults={"potensial": "tinggi"}
        )
        Sanction.objects.get_or_create(
            employee=employee, tmt=dt.date(year, 1, 10), tingkat="ringan", nomor_sk="",
            defaults={"jenis_hukuman": "Teguran lisan"},
        )  # fmt: skip
