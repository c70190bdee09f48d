"""Test helpers of the innovation app, shared with the cross-app tests (role matrix)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from garda.core.models import Unit, User
from garda.learning.models import ChangeProject
from garda.learning.testing import (
    learning_form,
    sample_batch,
    sample_enrollment,
    sample_program,
    sample_unit,
)
from garda.service.innovation.models import ActivityCheck, Innovation, Status
from garda.service.innovation.policy import instansi_of

ROLE_MATRIX_SKIP: dict[str, str] = {}


def sample_change_project(
    user: User | None = None, *, title: str = "Aksi perubahan uji"
) -> ChangeProject:
    """A leadership-training participant's aksi perubahan (the user's own when an ASN)."""
    unit = user.unit if user is not None and user.unit else None
    program = sample_program(owner_unit=unit, form=learning_form("pkp"))
    batch = sample_batch(program=program, instructors="Widyaiswara Uji\nAsisten")
    enrollment = sample_enrollment(user, batch=batch)
    return ChangeProject.objects.create(enrollment=enrollment, title=title, outcome="Hasil")


def sample_innovation(
    user: User | None = None, *, unit: Unit | None = None, published: bool = False, **extra: Any
) -> Innovation:
    if unit is None:
        unit = user.unit if user is not None and user.unit else sample_unit()
    values: dict[str, Any] = {
        "title": "Inovasi Uji",
        "unit": unit,
        "instansi": instansi_of(unit),
        "author": user,
        "problem": "Masalah",
        "idea": "Gagasan",
        "status": Status.PUBLISHED if published else Status.DRAFT,
        "stage": "penerapan",
        "trial_on": dt.date(2025, 1, 6),
        "applied_on": dt.date(2025, 6, 2),
    }
    values.update(extra)
    return Innovation.objects.create(**values)


def _own(user: User | None) -> dict[str, Any]:
    return {"pk": sample_innovation(user).pk}


def _published(user: User | None) -> dict[str, Any]:
    return {"pk": sample_innovation(None, published=True).pk}


def _own_export(user: User | None) -> dict[str, Any]:
    return {"pk": sample_innovation(user).pk, "fmt": "sinovik.json"}


def _project(user: User | None) -> dict[str, Any]:
    return {"project_id": sample_change_project(user).pk}


def _check(user: User | None) -> dict[str, Any]:
    innovation = sample_innovation(user)
    return {"check_id": ActivityCheck.objects.create(innovation=innovation, year=2026).pk}


def _region(user: User | None) -> dict[str, Any]:
    unit = user.unit if user is not None and user.unit else sample_unit()
    return {"region_id": instansi_of(unit).pk}


def role_matrix_params() -> dict[
    str, Mapping[str, Any] | Callable[[User | None], Mapping[str, Any]]
]:
    return {
        "innovation:public_detail": _published,
        "api:innovation-detail": _published,
        "innovation:detail": _own,
        "innovation:edit": _own,
        "innovation:publish": _own,
        "innovation:team_add": _own,
        "innovation:evidence_add": _own,
        "innovation:replication_add": _own,
        "innovation:impact_set": _own,
        "innovation:indicators": _own,
        "innovation:indicator_set": _own,
        "innovation:kipp": _own,
        "innovation:kipp_set": _own,
        "innovation:export": _own_export,
        "innovation:from_change_project": _project,
        "innovation:check_answer": _check,
        "innovation:spd_set": _region,
    }
