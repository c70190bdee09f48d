"""Where the studies app reads the talent and competency records: discipline sanctions and
SKP (eligibility), talent box 7 and competency gaps (candidate flags).

Talent's selectors (`sanctions_in_force_on`, `skp_predikat_of`, `skp_at_least_baik`) answer for
one employee; eligibility is decided for up to 60,000 ASN at once, so the same conditions are
read here for a whole set in a few grouped queries over talent's tables, and talent's own
`skp_at_least_baik` judges each predikat. Box 7 is talent's `box_seven_employee_ids`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Q

from garda.competency.models import CurrentGap
from garda.people.models import Employee
from garda.studies.eligibility import Sanction
from garda.talent.models import Sanction as SanctionRecord
from garda.talent.models import SkpResult
from garda.talent.selectors import box_seven_employee_ids, skp_at_least_baik
from garda.talent.vocabulary import Predikat

CHUNK = 900
# Above this many employees one pass over the whole table beats chunks of IN (...).
WHOLE_TABLE_FROM = 5000


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _by_ids(ids: Sequence[int]) -> Iterable[Q]:
    if len(ids) >= WHOLE_TABLE_FROM:
        yield Q()
        return
    for chunk in _chunks(ids):
        yield Q(employee_id__in=chunk)


def sanctions_in_force(
    employee_ids: Sequence[int], on: dt.date
) -> dict[int, list[Sanction]] | None:
    """Sanctions whose TMT is on or before `on` and not yet ended (talent's own condition)."""
    wanted = set(employee_ids)
    found: dict[int, list[Sanction]] = {}
    in_force = Q(tmt__lte=on) & (Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=on))
    for condition in _by_ids(employee_ids):
        rows = SanctionRecord.objects.filter(condition, in_force).order_by("-tmt")
        for employee_id, tingkat, until in rows.values_list(
            "employee_id", "tingkat", "tanggal_selesai"
        ):
            if employee_id in wanted:
                found.setdefault(employee_id, []).append(Sanction(tingkat, until))
    return found


def skp_predicates(
    employee_ids: Sequence[int], years: Sequence[int]
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], bool]] | None:
    """(employee, year) -> predikat as people read it, and whether it is at least Baik."""
    wanted = set(employee_ids)
    labels = {code: str(label) for code, label in Predikat.choices}
    predikat: dict[tuple[int, int], str] = {}
    good: dict[tuple[int, int], bool] = {}
    for condition in _by_ids(employee_ids):
        rows = SkpResult.objects.filter(condition, year__in=list(years))
        for employee_id, year, code in rows.values_list("employee_id", "year", "predikat"):
            if employee_id in wanted:
                predikat[(employee_id, year)] = labels.get(code, code)
                good[(employee_id, year)] = skp_at_least_baik(code)
    return predikat, good


def box_seven(employee_ids: Sequence[int], year: int) -> set[int] | None:
    """ASN whose 9-box for `year` is one the table offers tugas belajar to (box 7), by
    talent's own selector over the units the candidates work in."""
    ids = list(employee_ids)
    units: set[int] = set()
    for chunk in _chunks(ids):
        units.update(Employee.objects.filter(pk__in=chunk).values_list("unit_id", flat=True))
    found = box_seven_employee_ids(year=year, units=sorted(units))
    return set(found) & set(ids)


def competency_gaps(employee_ids: Sequence[int]) -> set[int] | None:
    """ASN with at least one assessed competency below its standard."""
    found: set[int] = set()
    for chunk in _chunks(list(employee_ids)):
        found.update(
            CurrentGap.objects.filter(employee_id__in=chunk, gap__lt=0).values_list(
                "employee_id", flat=True
            )
        )
    return found
