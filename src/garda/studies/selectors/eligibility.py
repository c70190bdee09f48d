"""Eligibility for many ASN at once: the facts of every person in a few queries (registry,
sanctions, SKP), then `eligibility.decide` for each. `study_check` is what the page, the API
and `garda study_check` call for one person; `eligibility_many` what offers and the bench
call for thousands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from garda.core.errors import NotFound
from garda.core.identity import stored_nip_tmt_cpns
from garda.people.models import Employee
from garda.studies import talent_link
from garda.studies.eligibility import Decision, PersonFacts, decide
from garda.studies.models import AccreditationGrade, AccreditedProgram, EligibilityRule


def rule_for(*, kind: str, level: str) -> EligibilityRule:
    rule = EligibilityRule.objects.filter(kind=kind, level=level).first()
    if rule is None:
        raise NotFound(
            f"Belum ada syarat untuk {kind} belajar jenjang {level}.",
            f"No rule for {kind} belajar at level {level}.",
        )
    return rule


def tmt_cpns_from_nip(nip: str) -> dt.date | None:
    """TMT CPNS as the registry keeps it: the registry has no column of its own for it, so
    NIP digits 9-14 (year and month; the first of that month) are the record."""
    return stored_nip_tmt_cpns(nip)


def _facts(rows: Iterable[tuple[int, str, str, dt.date, str]]) -> dict[int, PersonFacts]:
    return {
        pk: PersonFacts(
            employee_id=pk,
            kind=kind,
            birth_date=born,
            status=status,
            tmt_cpns=tmt_cpns_from_nip(nip) if kind == "pns" else None,
        )
        for pk, nip, kind, born, status in rows
    }


def _attach_records(facts: dict[int, PersonFacts], rule: EligibilityRule, on: dt.date) -> None:
    ids = sorted(facts)
    sanctions = talent_link.sanctions_in_force(ids, on)
    if sanctions is not None:
        for pk, person in facts.items():
            person.sanctions = sanctions.get(pk, [])
    if rule.skp_years:
        years = list(range(on.year - rule.skp_years, on.year))
        skp = talent_link.skp_predicates(ids, years)
        if skp is not None:
            predikat, good = skp
            for pk, person in facts.items():
                person.skp = {year: predikat.get((pk, year)) for year in years}
                person.skp_ok = {year: good.get((pk, year), False) for year in years}


def eligibility_many(
    *,
    employees: QuerySet[Employee],
    kind: str,
    level: str,
    on: dt.date,
    program: AccreditedProgram | None = None,
    exception_3t: bool = False,
) -> dict[int, Decision]:
    """employee id -> decision for every employee of `employees` (already scoped)."""
    rule = rule_for(kind=kind, level=level)
    rows = employees.order_by().values_list("pk", "nip", "kind", "birth_date", "status")
    facts = _facts(rows.iterator(chunk_size=5000))
    _attach_records(facts, rule, on)
    names = _grade_names()
    return {
        pk: decide(person, rule, on, program=program, grade_names=names, exception_3t=exception_3t)
        for pk, person in facts.items()
    }


def _grade_names() -> dict[int, str]:
    names: dict[int, str] = {}
    for rank, name in AccreditationGrade.objects.order_by("rank", "-code").values_list(
        "rank", "name"
    ):
        names[rank] = name if rank not in names else f"{names[rank]}/{name}"
    return names


def study_check(
    *,
    employee: Employee,
    kind: str,
    level: str,
    on: dt.date,
    program: AccreditedProgram | None = None,
    exception_3t: bool = False,
) -> Decision:
    """The decision for one ASN (the caller has found the employee within its scope)."""
    decisions = eligibility_many(
        employees=Employee.objects.filter(pk=employee.pk),
        kind=kind,
        level=level,
        on=on,
        program=program,
        exception_3t=exception_3t,
    )
    return decisions[employee.pk]


def program_get(program_id: int | None) -> AccreditedProgram | None:
    if program_id is None:
        return None
    program = AccreditedProgram.objects.select_related("grade").filter(pk=program_id).first()
    if program is None:
        raise NotFound("Program studi tidak ditemukan.", "Programme not found.")
    return program
