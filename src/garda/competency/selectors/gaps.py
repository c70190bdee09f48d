"""Reads of gaps, JPM and assessment history. `gaps_for`, `jpm_for` and `history_for` take an
employee id and apply no viewer scope: they are the reads other apps (talent, studies) build
on, after their own scoped selector found the employee. Pages reach an employee through
`employee_visible`, which scopes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Q, QuerySet, Sum

from garda.competency.lookup import instansi_of, standard_levels, standards_table
from garda.competency.models import Assessment, CompetencySetting, CurrentGap, JpmBand
from garda.competency.rules import band_of, jpm_of
from garda.core.access import scope_by_unit
from garda.core.errors import NotFound
from garda.core.models import User
from garda.people.models import Employee

SCHEMES = ("seleksi", "pemetaan")


@dataclass(frozen=True)
class GapRow:
    competency_id: int
    code: str
    name: str
    kind: str
    achieved: int
    standard: int | None
    gap: int | None
    assessed_on: dt.date


@dataclass(frozen=True)
class Jpm:
    value: Decimal | None
    capped: bool
    bands: dict[str, tuple[str, str]] = field(default_factory=dict)  # scheme -> (code, label)


def employee_visible(*, user: User | AnonymousUser, employee_id: int) -> Employee:
    employee = (
        scope_by_unit(
            Employee.objects.select_related("unit", "jabatan_kind"), user, self_field="user"
        )
        .filter(pk=employee_id)
        .first()
    )
    if employee is None:
        raise NotFound
    return employee


def gaps_for(employee_id: int) -> list[GapRow]:
    """The current gap per assessed competency (achieved - standard; None without standard)."""
    rows = (
        CurrentGap.objects.filter(employee_id=employee_id)
        .select_related("competency")
        .order_by("competency__order", "competency__code")
    )
    return [
        GapRow(r.competency_id, r.competency.code, r.competency.name, r.competency.kind,
               r.achieved, r.standard, r.gap, r.assessed_on)
        for r in rows
    ]  # fmt: skip


def jpm_capped() -> bool:
    setting = CompetencySetting.objects.filter(pk=1).first()
    return bool(setting and setting.jpm_capped)


def band_tables() -> dict[str, list[tuple[str, str, Decimal]]]:
    tables: dict[str, list[tuple[str, str, Decimal]]] = {scheme: [] for scheme in SCHEMES}
    for scheme, code, label, lowest in JpmBand.objects.values_list(
        "scheme", "code", "label", "min_jpm"
    ):
        tables.setdefault(scheme, []).append((code, label, lowest))
    return tables


def jpm_from(pairs: list[tuple[int, int | None]]) -> Jpm:
    capped = jpm_capped()
    value = jpm_of(pairs, capped=capped)
    bands = {scheme: band_of(value, table) for scheme, table in band_tables().items()}
    return Jpm(value=value, capped=capped, bands=bands)


def jpm_for(employee_id: int) -> Jpm:
    """JPM = Σ achieved / Σ standard x 100 over the current gaps with a standard, and its band
    in each scheme (selection, mapping)."""
    return jpm_from(
        list(CurrentGap.objects.filter(employee_id=employee_id).values_list("achieved", "standard"))
    )


@dataclass(frozen=True)
class JpmAt:
    """An ASN's JPM as it stood at the end of a day, and the date of the assessment it rests
    on (the latest one counted)."""

    value: Decimal
    assessed_on: dt.date


def _jpm_from_assessments(ids: list[int], until: dt.date, *, capped: bool) -> dict[int, JpmAt]:
    """jpm_until for employees assessed again after `until`: their levels as they stood."""
    standards = {
        (e, c): s
        for e, c, s in CurrentGap.objects.filter(employee_id__in=ids, standard__gt=0).values_list(
            "employee_id", "competency_id", "standard"
        )
    }
    levels: dict[int, dict[int, tuple[int, dt.date]]] = {}
    for employee_id, competency_id, level, assessed_on in (
        Assessment.objects.filter(employee_id__in=ids, assessed_on__lte=until)
        .order_by("assessed_on", "pk")
        .values_list("employee_id", "competency_id", "level", "assessed_on")
    ):
        levels.setdefault(employee_id, {})[competency_id] = (level, assessed_on)  # last wins
    found: dict[int, JpmAt] = {}
    for employee_id, per_competency in levels.items():
        counted = {c: got for c, got in per_competency.items() if (employee_id, c) in standards}
        value = jpm_of(
            [(level, standards[(employee_id, c)]) for c, (level, _on) in counted.items()],
            capped=capped,
        )
        if value is not None:
            found[employee_id] = JpmAt(value, max(on for _level, on in counted.values()))
    return found


def jpm_until(employee_ids: QuerySet[Any, Any], until: dt.date) -> dict[int, JpmAt]:
    """JPM per employee (`employee_ids`: a subquery of ids) from the latest achieved level per
    competency assessed on or before `until`, against the standards in force (the current gaps'
    standards): jpm_for as it stood at the end of `until`. Employees without a standard-bearing
    assessment by then are left out. Set-based: one aggregate over the current gaps, and the
    assessment rows only of those re-assessed after `until`."""
    capped = jpm_capped()
    found: dict[int, JpmAt] = {}
    with_standard = Q(standard__gt=0)
    later: list[int] = []
    for employee_id, achieved, needed, latest in (
        CurrentGap.objects.filter(employee_id__in=employee_ids)
        .values("employee_id")
        .annotate(
            achieved=Sum("achieved", filter=with_standard),
            needed=Sum("standard", filter=with_standard),
            latest=Max("assessed_on", filter=with_standard),
            counted=Count("pk", filter=with_standard),
        )
        .filter(counted__gt=0)
        .values_list("employee_id", "achieved", "needed", "latest")
    ):
        if latest > until:
            later.append(employee_id)
            continue
        value = jpm_of([(achieved, needed)], capped=capped)
        if value is not None:
            found[employee_id] = JpmAt(value, latest)
    for start in range(0, len(later), 5000):  # under every database's parameter limit
        found.update(_jpm_from_assessments(later[start : start + 5000], until, capped=capped))
    return found


@dataclass(frozen=True)
class HistoryRow:
    assessed_on: dt.date
    method: str
    institution: str
    levels: dict[str, int]  # competency code -> level found that day
    jpm: Decimal | None  # against today's standards, over the competencies assessed that day


def history_for(employee_id: int) -> list[HistoryRow]:
    """Every assessment day of the ASN, newest first, with the JPM it gave."""
    employee = Employee.objects.filter(pk=employee_id).first()
    if employee is None:
        return []
    instansi = instansi_of(employee.unit_id)
    levels = standard_levels(
        standards_table([instansi]), instansi_id=instansi,
        jabatan_kind_id=employee.jabatan_kind_id, jabatan_name=employee.jabatan_name,
    )  # fmt: skip
    days: dict[dt.date, list[Assessment]] = {}
    for row in Assessment.objects.filter(employee_id=employee_id).select_related("competency"):
        days.setdefault(row.assessed_on, []).append(row)
    capped = jpm_capped()
    history = []
    for day in sorted(days, reverse=True):
        rows = days[day]
        history.append(
            HistoryRow(
                assessed_on=day,
                method=rows[0].method,
                institution=rows[0].institution,
                levels={r.competency.code: r.level for r in rows},
                jpm=jpm_of([(r.level, levels.get(r.competency_id)) for r in rows], capped=capped),
            )
        )
    return history


def assessments_visible(*, user: User | AnonymousUser) -> QuerySet[Assessment]:
    return scope_by_unit(
        Assessment.objects.select_related("employee", "competency"),
        user,
        unit_field="employee__unit",
        self_field="employee__user",
    )


def gaps_visible(*, user: User | AnonymousUser) -> QuerySet[CurrentGap]:
    return scope_by_unit(
        CurrentGap.objects.select_related("employee", "competency"),
        user,
        unit_field="employee__unit",
        self_field="employee__user",
    )
