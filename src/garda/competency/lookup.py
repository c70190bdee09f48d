"""Plain reads that writes need too (services and selectors both call them): the instansi of
a unit, the competencies an instansi may use, and the standard levels of an employee's
jabatan. They apply no viewer scope; callers do."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from garda.competency.models import Competency, Standard
from garda.competency.rules import jabatan_key
from garda.core.models import Unit


def ancestors_of_kind(unit_ids: Iterable[int], kind: str) -> dict[int, int]:
    """unit id -> id of its nearest ancestor (or itself) of `kind`; for "opd" a unit outside
    any OPD falls back to its instansi, and anything else to the root of its tree."""
    wanted = set(unit_ids)
    paths = dict(Unit.objects.filter(pk__in=wanted).values_list("pk", "path"))
    ancestors = {int(p) for path in paths.values() for p in path.strip("/").split("/") if p}
    kinds = dict(Unit.objects.filter(pk__in=ancestors).values_list("pk", "kind"))
    order = (kind, "instansi") if kind == "opd" else (kind,)
    answer: dict[int, int] = {}
    for unit_id, path in paths.items():
        chain = [int(p) for p in path.strip("/").split("/") if p] or [unit_id]
        found = next(
            (pk for wanted_kind in order for pk in reversed(chain) if kinds.get(pk) == wanted_kind),
            chain[0],
        )
        answer[unit_id] = found
    return answer


def instansi_of_units(unit_ids: Iterable[int]) -> dict[int, int]:
    """unit id -> id of its instansi (the nearest ancestor of kind instansi, else the root)."""
    return ancestors_of_kind(unit_ids, "instansi")


def instansi_of(unit_id: int) -> int:
    return instansi_of_units([unit_id]).get(unit_id, unit_id)


def competencies_for(instansi_id: int | None) -> QuerySet[Competency]:
    """National competencies and the technical ones of `instansi_id`."""
    condition = Q(instansi__isnull=True)
    if instansi_id is not None:
        condition |= Q(instansi_id=instansi_id)
    return Competency.objects.filter(condition, active=True)


def competency_codes(instansi_id: int | None) -> dict[str, int]:
    """Competency code (case-folded) -> id, an instansi's technical codes shadowing none of
    the national ones (a national code wins)."""
    table: dict[str, int] = {}
    rows = competencies_for(instansi_id).values_list("pk", "code", "instansi_id")
    for pk, code, _owner in sorted(rows, key=lambda row: row[2] is None):
        table[code.casefold()] = pk
    return table


StandardKey = tuple[int, int, str]  # (instansi, jabatan kind, jabatan key)


def standards_table(instansi_ids: Iterable[int]) -> dict[StandardKey, dict[int, int]]:
    """(instansi, jabatan kind, jabatan key) -> {competency id: level}, for the instansi."""
    table: dict[StandardKey, dict[int, int]] = {}
    rows = Standard.objects.filter(instansi_id__in=set(instansi_ids)).values_list(
        "instansi_id", "jabatan_kind_id", "jabatan_key", "competency_id", "level"
    )
    for instansi_id, kind_id, key, competency_id, level in rows:
        table.setdefault((instansi_id, kind_id, key), {})[competency_id] = level
    return table


def standard_levels(
    table: dict[StandardKey, dict[int, int]],
    *,
    instansi_id: int,
    jabatan_kind_id: int | None,
    jabatan_name: str,
) -> dict[int, int]:
    """The levels an employee's jabatan needs: the kind's default, overridden per competency
    by the standard of the jabatan's own (normalised) name."""
    if jabatan_kind_id is None:
        return {}
    levels = dict(table.get((instansi_id, jabatan_kind_id, ""), {}))
    levels.update(table.get((instansi_id, jabatan_kind_id, jabatan_key(jabatan_name)), {}))
    return levels
