"""The annual development plan: approved plans rolled up into each OPD's needs and into the
province plan BPSDM works from, and the plan-versus-realisation report (what was trained, the
JP and cost, the gaps closed at the next assessment, and the cost per gap closed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from garda.competency.lookup import ancestors_of_kind
from garda.competency.models import CurrentGap, PlanBatch, PlanItem, PlanStatus
from garda.core.access import scope_by_unit
from garda.core.models import Unit, User
from garda.learning.models import Batch, Certificate, Program


def approved_items(*, user: User | AnonymousUser, year: int) -> QuerySet[PlanItem]:
    return scope_by_unit(
        PlanItem.objects.filter(plan__year=year, plan__status=PlanStatus.APPROVED),
        user,
        unit_field="plan__employee__unit",
    ).select_related("plan__employee", "program", "option", "competency")


@dataclass
class NeedLine:
    """One line of a plan: a program (or a non-classical option) with its participants."""

    key: str
    title: str
    program_id: int | None
    provider: str
    participants: set[int] = field(default_factory=set)
    jp: int = 0
    cost: int = 0
    batches: list[Batch] = field(default_factory=list)

    @property
    def participant_count(self) -> int:
        return len(self.participants)


def _line(lines: dict[str, NeedLine], item: PlanItem) -> NeedLine:
    if item.program is not None:
        key, title = f"p{item.program_id}", item.program.title
        provider = item.program.provider_label
    else:
        key, title, provider = f"o{item.option_id}", item.title, ""
    line = lines.setdefault(key, NeedLine(key, title, item.program_id, provider))
    if item.plan.employee_id not in line.participants:
        line.participants.add(item.plan.employee_id)
        line.jp += item.jp
        line.cost += item.cost
    return line


@dataclass
class OpdNeeds:
    unit: Unit
    lines: list[NeedLine]

    @property
    def cost(self) -> int:
        return sum(line.cost for line in self.lines)

    @property
    def jp(self) -> int:
        return sum(line.jp for line in self.lines)


def opd_needs(*, user: User | AnonymousUser, year: int) -> list[OpdNeeds]:
    items = list(approved_items(user=user, year=year))
    opd = ancestors_of_kind({i.plan.employee.unit_id for i in items}, "opd")
    per_opd: dict[int, dict[str, NeedLine]] = {}
    for item in items:
        _line(per_opd.setdefault(opd[item.plan.employee.unit_id], {}), item)
    units = Unit.objects.in_bulk(list(per_opd))
    return [
        OpdNeeds(units[pk], sorted(lines.values(), key=lambda line: line.title))
        for pk, lines in sorted(per_opd.items(), key=lambda pair: units[pair[0]].code)
    ]


def province_plan(*, user: User | AnonymousUser, year: int) -> list[NeedLine]:
    """Every line of the year across the OPDs the user sees, with the batches already
    created from it."""
    lines: dict[str, NeedLine] = {}
    for item in approved_items(user=user, year=year):
        _line(lines, item)
    links = PlanBatch.objects.filter(year=year).select_related("batch")
    for link in links:
        line = lines.get(f"p{link.program_id}")
        if line is not None:
            line.batches.append(link.batch)
    return sorted(lines.values(), key=lambda line: (line.program_id is None, line.title))


def plan_line(*, user: User | AnonymousUser, year: int, program_id: int) -> NeedLine | None:
    return next((ln for ln in province_plan(user=user, year=year) if ln.program_id == program_id),
                None)  # fmt: skip


@dataclass
class Realisation:
    title: str
    provider: str
    planned: int
    planned_jp: int
    planned_cost: int
    trained: int
    jp_delivered: int
    cost: int
    gaps_targeted: int
    gaps_closed: int

    @property
    def cost_per_gap_closed(self) -> Decimal | None:
        if not self.gaps_closed:
            return None
        return (Decimal(self.cost) / self.gaps_closed).quantize(Decimal("1"), ROUND_HALF_UP)


def realisation(*, user: User | AnonymousUser, year: int) -> list[Realisation]:
    """Per program line of the year: planned against trained (a valid certificate of one of
    its batches), JP delivered, the cost of the batches created from the plan, and the
    gaps that plan items targeted and a later assessment found closed."""
    items = [i for i in approved_items(user=user, year=year) if i.program_id is not None]
    programs = Program.objects.in_bulk({i.program_id for i in items})
    certified: dict[tuple[int, int], dt.datetime] = {}
    for employee_id, program_id, issued_at in Certificate.objects.filter(
        revoked_at__isnull=True,
        enrollment__employee_id__in={i.plan.employee_id for i in items},
        enrollment__batch__program_id__in=list(programs),
        issued_at__year=year,
    ).values_list("enrollment__employee_id", "enrollment__batch__program_id", "issued_at"):
        certified[employee_id, program_id] = issued_at
    current = {
        (g.employee_id, g.competency_id): g
        for g in CurrentGap.objects.filter(employee_id__in={i.plan.employee_id for i in items})
    }
    costs: dict[int, int] = {}
    for link in PlanBatch.objects.filter(year=year).select_related("batch"):
        costs[link.program_id] = costs.get(link.program_id, 0) + link.batch.cost
    rows: dict[int, Realisation] = {}
    for item in items:
        program = programs[item.program_id or 0]
        row = rows.setdefault(
            program.pk,
            Realisation(program.title, program.provider_label, 0, 0, 0, 0, 0,
                        costs.get(program.pk, 0), 0, 0),
        )  # fmt: skip
        row.planned += 1
        row.planned_jp += item.jp
        row.planned_cost += item.cost
        issued = certified.get((item.plan.employee_id, program.pk))
        if issued is not None:
            row.trained += 1
            row.jp_delivered += program.jp
        if item.competency_id is not None and item.gap is not None and item.gap < 0:
            row.gaps_targeted += 1
            now = current.get((item.plan.employee_id, item.competency_id))
            if (
                issued is not None
                and now is not None
                and now.gap is not None
                and now.gap >= 0
                and now.assessed_on >= issued.date()
            ):
                row.gaps_closed += 1
    return sorted(rows.values(), key=lambda r: r.title)


def realisation_by_provider(rows: list[Realisation]) -> list[Realisation]:
    """The same figures summed per provider."""
    totals: dict[str, Realisation] = {}
    for r in rows:
        t = totals.setdefault(
            r.provider, Realisation(r.provider, r.provider, 0, 0, 0, 0, 0, 0, 0, 0)
        )
        for name in ("planned", "planned_jp", "planned_cost", "trained", "jp_delivered", "cost",
                     "gaps_targeted", "gaps_closed"):  # fmt: skip
            setattr(t, name, getattr(t, name) + getattr(r, name))
    return sorted(totals.values(), key=lambda r: r.title)
