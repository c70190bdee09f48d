"""Indeks Profesionalitas ASN: the one place it is computed (command, API, dashboard and the
"what would raise it" advice all call this module).

`gather` reads a whole population's inputs for a year in a handful of grouped queries
(registry, education history, the JP ledger through its selector, SKP, sanctions) rather than
per person; `score` applies an edition's tables (data, models_ipasn) to one ASN's inputs;
`raise_options` names what would add points and how many."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import QuerySet

from garda.core.errors import NotFound
from garda.learning.ledger.selectors import valid_jp_by_form_year
from garda.people.models import (
    EducationLevel,
    Employee,
    EmployeeHistory,
    EmployeeStatus,
    HistoryKind,
)
from garda.talent.models import IpEdition, Sanction, SkpResult
from garda.talent.models_ipasn import Dimension, Indicator, JabatanGroup
from garda.talent.vocabulary import heaviest

ZERO = Decimal(0)
# Who is measured: serving PNS and PPPK (not those retired, resigned or deceased).
SERVING = [
    EmployeeStatus.AKTIF,
    EmployeeStatus.CUTI,
    EmployeeStatus.TUGAS_BELAJAR,
    EmployeeStatus.DIBERHENTIKAN_SEMENTARA,
]
NO_SANCTION = "tanpa"


@dataclass(frozen=True)
class Rules:
    """One edition's tables, loaded once per run."""

    edition: IpEdition
    points: dict[tuple[str, str], Decimal]
    categories: list[tuple[Decimal, str]]  # highest floor first
    form_indicator: dict[str, str]
    jabatan: dict[str, tuple[str, str]]  # jabatan kind code -> (group, leadership form)

    @classmethod
    def for_year(cls, year: int) -> Rules:
        edition = IpEdition.objects.filter(first_year__lte=year).order_by("-first_year").first()
        if edition is None:
            raise NotFound(
                f"Tidak ada edisi IP ASN yang berlaku untuk tahun {year}.",
                f"No IP ASN edition applies to {year}.",
            )
        return cls(
            edition=edition,
            points={(p.dimension, p.key): p.points for p in edition.points.all()},
            categories=sorted(
                ((c.min_total, c.code) for c in edition.categories.all()), reverse=True
            ),
            form_indicator={f.form_code: f.indicator for f in edition.forms.all()},
            jabatan={
                j.jabatan_kind_code: (j.group, j.leadership_form_code)
                for j in edition.jabatan.all()
            },
        )

    def point(self, dimension: str, key: str) -> Decimal:
        return self.points.get((dimension, key), ZERO)

    def category(self, total: Decimal) -> str:
        for floor, code in self.categories:
            if total >= floor:
                return code
        return self.categories[-1][1] if self.categories else ""

    @cached_property
    def _forms_by_indicator(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for code, indicator in sorted(self.form_indicator.items()):
            found[indicator].append(code)
        return found

    def forms_of(self, indicator: str) -> list[str]:
        return list(self._forms_by_indicator.get(indicator, []))

    def group_of(self, jabatan_kind: str | None) -> tuple[str, str]:
        """(group, leadership form of the post's level); an ASN whose jabatan kind the registry
        does not know is measured as pelaksana."""
        return self.jabatan.get(jabatan_kind or "", (JabatanGroup.PELAKSANA, ""))


@dataclass
class Inputs:
    """One ASN's facts for year Y, as the rules read them."""

    employee_id: int
    nip: str
    name: str
    unit_id: int
    jabatan_kind: str | None
    education: str | None
    technical_jp: Decimal = ZERO
    seminar: bool = False
    trained_forms: set[str] = field(default_factory=set)  # leadership/functional, any time
    predikat: str | None = None
    sanction: str | None = None  # heaviest level with TMT in Y


@dataclass
class Score:
    inputs: Inputs
    group: str
    kualifikasi: Decimal
    kompetensi: Decimal
    kinerja: Decimal
    disiplin: Decimal
    parts: dict[str, Decimal]  # kompetensi per indicator
    missing: list[str]

    @property
    def total(self) -> Decimal:
        return self.kualifikasi + self.kompetensi + self.kinerja + self.disiplin


def score(inputs: Inputs, rules: Rules) -> tuple[Score, str]:
    """The ASN's points per dimension and the category of the total."""
    missing: list[str] = []
    if inputs.education is None:
        missing.append("pendidikan")
    if inputs.predikat is None:
        missing.append("skp")
    group, leadership = rules.group_of(inputs.jabatan_kind)
    parts = _kompetensi_parts(inputs, rules, group, leadership)
    result = Score(
        inputs=inputs,
        group=group,
        kualifikasi=rules.point(Dimension.KUALIFIKASI, inputs.education or ""),
        kompetensi=sum(parts.values(), ZERO),
        kinerja=rules.point(Dimension.KINERJA, inputs.predikat or ""),
        disiplin=rules.point(Dimension.DISIPLIN, inputs.sanction or NO_SANCTION),
        parts=parts,
        missing=missing,
    )
    return result, rules.category(result.total)


def _kompetensi_parts(
    inputs: Inputs, rules: Rules, group: str, leadership: str
) -> dict[str, Decimal]:
    parts: dict[str, Decimal] = {}
    technical = rules.point(Dimension.KOMPETENSI, f"{group}.{Indicator.TEKNIS}")
    minimum = rules.edition.technical_min_jp
    if inputs.technical_jp >= minimum:
        parts[Indicator.TEKNIS] = technical
    elif rules.edition.technical_partial and minimum > 0:
        parts[Indicator.TEKNIS] = (technical * inputs.technical_jp / minimum).quantize(
            Decimal("0.01")
        )
    else:
        parts[Indicator.TEKNIS] = ZERO
    seminar = rules.point(Dimension.KOMPETENSI, f"{group}.{Indicator.SEMINAR}")
    parts[Indicator.SEMINAR] = seminar if inputs.seminar else ZERO
    if group == JabatanGroup.STRUKTURAL:
        done = bool(leadership) and leadership in inputs.trained_forms
        value = rules.point(Dimension.KOMPETENSI, f"{group}.{Indicator.KEPEMIMPINAN}")
        parts[Indicator.KEPEMIMPINAN] = value if done else ZERO
    if group == JabatanGroup.FUNGSIONAL:
        functional = rules.forms_of(Indicator.FUNGSIONAL)
        done = any(form in functional for form in inputs.trained_forms)
        value = rules.point(Dimension.KOMPETENSI, f"{group}.{Indicator.FUNGSIONAL}")
        parts[Indicator.FUNGSIONAL] = value if done else ZERO
    return parts


def population(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """The ASN an IP ASN run measures among `employees`."""
    return employees.filter(status__in=SERVING)


def gather(employees: QuerySet[Employee], year: int, rules: Rules) -> Iterator[Inputs]:
    """Every measured ASN's inputs for `year`, in NIP order; a few grouped queries in all."""
    people = population(employees)
    end = dt.date(year, 12, 31)
    earlier = _education_at(people, end)
    technical: dict[int, Decimal] = defaultdict(lambda: ZERO)
    seminar: set[int] = set()
    trained: dict[int, set[str]] = defaultdict(set)
    window = year - rules.edition.seminar_years + 1
    for employee_id, form, finished, jp in valid_jp_by_form_year(
        form_codes=rules.form_indicator, until_year=year, employees=people
    ):
        indicator = rules.form_indicator[form]
        if indicator == Indicator.TEKNIS and finished == year:
            technical[employee_id] += jp
        elif indicator == Indicator.SEMINAR and finished >= window:
            seminar.add(employee_id)
        elif indicator in (Indicator.KEPEMIMPINAN, Indicator.FUNGSIONAL):
            trained[employee_id].add(form)
    predikat = dict(
        SkpResult.objects.filter(year=year, employee_id__in=people.values("pk")).values_list(
            "employee_id", "predikat"
        )
    )
    sanctions: dict[int, list[str]] = defaultdict(list)
    for employee_id, tingkat in Sanction.objects.filter(
        tmt__year=year, employee_id__in=people.values("pk")
    ).values_list("employee_id", "tingkat"):
        sanctions[employee_id].append(tingkat)
    rows = people.order_by("nip").values_list(
        "pk", "nip", "name", "unit_id", "jabatan_kind__code", "education_level__code"
    )
    for pk, nip, name, unit_id, kind, education in rows.iterator(chunk_size=5000):
        yield Inputs(
            employee_id=pk,
            nip=nip,
            name=name,
            unit_id=unit_id,
            jabatan_kind=kind,
            education=earlier.get(pk, education),
            technical_jp=technical.get(pk, ZERO),
            seminar=pk in seminar,
            trained_forms=trained.get(pk, set()),
            predikat=predikat.get(pk),
            sanction=heaviest(sanctions.get(pk, [])),
        )


def _education_at(people: QuerySet[Employee], end: dt.date) -> dict[int, str | None]:
    """Education as recorded at `end` for the few whose education changed after it: the
    latest history entry up to `end` (the registry keeps the current value on the employee)."""
    changed_later = EmployeeHistory.objects.filter(
        kind=HistoryKind.PENDIDIKAN, effective_on__gt=end, employee_id__in=people.values("pk")
    ).values("employee_id")
    found: dict[int, str | None] = {}
    history = (
        EmployeeHistory.objects.filter(
            kind=HistoryKind.PENDIDIKAN, effective_on__lte=end, employee_id__in=changed_later
        )
        .order_by("employee_id", "effective_on", "pk")
        .values_list("employee_id", "data")
    )
    level_codes = _education_codes()
    for employee_id, data in history:
        level = (data or {}).get("education_level_id")
        found[employee_id] = level_codes.get(level) if isinstance(level, int) else None
    return found


def _education_codes() -> dict[int, str]:
    return dict(EducationLevel.objects.values_list("pk", "code"))
