"""The current gaps (`CurrentGap`): rewritten for the employees a write touched, inside that
write's transaction, so every read (heat map, JPM, API) sees them at once. Not audited itself:
it is one step of a write that audits. The competency data version is bumped here so cached
heat maps follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from garda.competency.lookup import instansi_of_units, standard_levels, standards_table
from garda.competency.models import Assessment, CurrentGap
from garda.competency.rules import gap_of
from garda.competency.services.tallies import gap_figures, tally_apply
from garda.core.audit.services import audit_record
from garda.core.dataversion import data_version_bump
from garda.core.models import Unit, User
from garda.people.models import Employee

DATA_VERSION = "competency"
_CHUNK = 500


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def gaps_refresh(*, employee_ids: Iterable[int]) -> int:
    """Recompute the current gaps of these employees; returns the rows written."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("gaps_refresh must run inside the writing transaction")
    ids = sorted(set(employee_ids))
    written = 0
    for chunk in _chunks(ids):
        employees = list(
            Employee.objects.filter(pk__in=chunk).values_list(
                "pk", "unit_id", "jabatan_kind_id", "jabatan_name"
            )
        )
        instansi = instansi_of_units({row[1] for row in employees})
        table = standards_table(instansi.values())
        latest: dict[int, dict[int, tuple[int, dt.date]]] = {}
        for employee_id, competency_id, level, assessed_on in (
            Assessment.objects.filter(employee_id__in=chunk)
            .order_by("assessed_on", "pk")
            .values_list("employee_id", "competency_id", "level", "assessed_on")
        ):
            latest.setdefault(employee_id, {})[competency_id] = (level, assessed_on)  # last wins
        rows: list[CurrentGap] = []
        for employee_id, unit_id, kind_id, jabatan_name in employees:
            levels = standard_levels(
                table, instansi_id=instansi[unit_id], jabatan_kind_id=kind_id,
                jabatan_name=jabatan_name,
            )  # fmt: skip
            for competency_id, (level, assessed_on) in latest.get(employee_id, {}).items():
                needed = levels.get(competency_id)
                rows.append(
                    CurrentGap(
                        employee_id=employee_id,
                        competency_id=competency_id,
                        achieved=level,
                        standard=needed,
                        gap=gap_of(level, needed),
                        assessed_on=assessed_on,
                    )
                )
        # The heat map's kept counts follow in this transaction (services.tallies).
        before = gap_figures(chunk)
        CurrentGap.objects.filter(employee_id__in=chunk).delete()
        CurrentGap.objects.bulk_create(rows, batch_size=1000)
        tally_apply(before, gap_figures(chunk))
        written += len(rows)
    data_version_bump(name=DATA_VERSION)
    return written


def employees_assessed_in(unit_ids: QuerySet[Any, Any]) -> list[int]:
    """Employees (in these units, a subquery of ids) with at least one assessment: those a
    standard change moves."""
    return list(
        Assessment.objects.filter(employee__unit_id__in=unit_ids)
        .values_list("employee_id", flat=True)
        .distinct()
    )


@transaction.atomic
def gaps_recompute(*, actor: User | None, root: Unit | None = None) -> int:
    """Recompute every current gap (under `root`): after registry changes of jabatan or unit,
    which the registry (a lower layer) does not tell this app about."""
    assessed = Assessment.objects.all()
    if root is not None:
        assessed = assessed.filter(employee__unit__path__startswith=root.path)
    count = gaps_refresh(
        employee_ids=list(assessed.values_list("employee_id", flat=True).distinct())
    )
    audit_record(actor=actor, action="competency.gaps.recompute",
                 object_type="competency.gaps", object_label=root.code if root else "semua",
                 after={"rows": count})  # fmt: skip
    return count
