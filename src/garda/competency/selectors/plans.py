"""Reads of development plans: what Garda proposes for a gap, a plan's progress (from the JP
ledger and certificates), what would bring an ASN to the ledger target, and the plans waiting
for an atasan."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from garda.competency import policy
from garda.competency.models import (
    DevelopmentOption,
    DevelopmentPlan,
    PlanItem,
    PlanStatus,
    ProgramTag,
)
from garda.competency.selectors.gaps import gaps_for
from garda.core.access import scope_by_unit
from garda.core.errors import NotFound
from garda.core.models import User
from garda.learning import eligibility
from garda.learning.ledger.selectors import Progress, entries_of, progress_of, valid_entries
from garda.learning.models import Certificate
from garda.people.models import Employee

PROGRAMS_PER_GAP = 3


@dataclass(frozen=True)
class Proposal:
    key: str  # "p<program id>" or "o<option id>-<competency id>": what a form posts back
    competency_id: int | None
    competency_code: str
    gap: int | None
    program_id: int | None
    option_id: int | None
    title: str
    jp: int
    cost: int
    provider: str
    level: int | None  # the level the program develops (tag), None for an option


def proposals_for(employee: Employee) -> list[Proposal]:
    """For every competency below standard: the catalog programs tagged with it at a level
    above the ASN's (those reaching the standard first, then the cheapest), and the
    non-classical options (coaching, mentoring, e-learning, magang)."""
    gaps = [g for g in gaps_for(employee.pk) if g.gap is not None and g.gap < 0]
    if not gaps:
        return []
    allowed = eligibility.programs_for(employee).values("pk")
    options = list(DevelopmentOption.objects.filter(active=True))
    proposals: list[Proposal] = []
    seen: set[int] = set()
    for gap in gaps:
        tags = (
            ProgramTag.objects.filter(
                competency_id=gap.competency_id, level__gt=gap.achieved, program__in=allowed
            )
            .select_related("program")
            .order_by("program__cost_per_participant", "program__title")
        )
        standard = gap.standard or 0
        ranked = sorted(tags, key=lambda t: (t.level < standard,))[:PROGRAMS_PER_GAP]
        for tag in ranked:
            if tag.program_id in seen:
                continue
            seen.add(tag.program_id)
            program = tag.program
            proposals.append(
                Proposal(f"p{program.pk}", gap.competency_id, gap.code, gap.gap, program.pk, None,
                         program.title, program.jp, program.cost_per_participant,
                         program.provider_label, tag.level)
            )  # fmt: skip
        for option in options:
            proposals.append(
                Proposal(f"o{option.pk}-{gap.competency_id}", gap.competency_id, gap.code,
                         gap.gap, None, option.pk, option.title, option.jp, option.cost, "",
                         None)
            )  # fmt: skip
    return proposals


def plan_visible(*, user: User | AnonymousUser, plan_id: int) -> DevelopmentPlan:
    plan = (
        scope_by_unit(
            DevelopmentPlan.objects.select_related("employee", "employee__unit"),
            user,
            unit_field="employee__unit",
            self_field="employee__user",
        )
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise NotFound
    return plan


def plan_of(*, employee: Employee, year: int) -> DevelopmentPlan | None:
    return DevelopmentPlan.objects.filter(employee=employee, year=year).first()


def plans_to_approve(*, user: User | AnonymousUser) -> QuerySet[DevelopmentPlan]:
    """Submitted plans of ASN in the approver's scope (never its own)."""
    if not user.is_authenticated:
        return DevelopmentPlan.objects.none()
    if not (user.is_superuser or getattr(user, "role", "") in policy.PLAN_APPROVERS):
        return DevelopmentPlan.objects.none()
    return (
        scope_by_unit(
            DevelopmentPlan.objects.filter(status=PlanStatus.SUBMITTED),
            user,
            unit_field="employee__unit",
        )
        .exclude(employee__user=user.pk)
        .select_related("employee", "employee__unit")
        .order_by("submitted_at")
    )


@dataclass(frozen=True)
class ItemProgress:
    item: PlanItem
    done_jp: Decimal
    done: bool


@dataclass(frozen=True)
class PlanProgress:
    items: list[ItemProgress]
    planned_jp: int
    done_jp: Decimal

    @property
    def percent(self) -> int:
        if not self.planned_jp:
            return 0
        return min(100, int(self.done_jp * 100 / self.planned_jp))


def plan_progress(plan: DevelopmentPlan) -> PlanProgress:
    """Each item's JP done in the plan's year: a program by the certificate of one of its
    batches (its JP as the ledger recorded it), an option by the valid ledger entries of its
    form. Revoked certificates and entries do not count."""
    items = list(plan.items.select_related("program", "option", "competency"))
    entries = list(valid_entries(entries_of(employee_id=plan.employee_id, year=plan.year)))
    by_certificate = {e.certificate_number: e.jp for e in entries if e.certificate_number}
    codes = dict(
        Certificate.objects.filter(
            enrollment__employee_id=plan.employee_id, revoked_at__isnull=True,
            enrollment__batch__program_id__in=[i.program_id for i in items if i.program_id],
        ).values_list("code", "enrollment__batch__program_id")
    )  # fmt: skip
    program_jp: dict[int, Decimal] = {}
    for code, program_id in codes.items():
        if code in by_certificate:
            program_jp[program_id] = program_jp.get(program_id, Decimal(0)) + by_certificate[code]
    form_jp: dict[int, Decimal] = {}
    for entry in entries:
        form_jp[entry.form_id] = form_jp.get(entry.form_id, Decimal(0)) + entry.jp
    rows = []
    for item in items:
        if item.program_id is not None:
            done = program_jp.get(item.program_id, Decimal(0))
        elif item.option is not None:  # the table's check: a program or an option
            done = form_jp.get(item.option.form_id, Decimal(0))
        else:
            done = Decimal(0)
        done = min(done, Decimal(item.jp))
        rows.append(ItemProgress(item, done, done >= item.jp))
    return PlanProgress(rows, sum(i.jp for i in items), sum((r.done_jp for r in rows), Decimal(0)))


@dataclass(frozen=True)
class LedgerHelp:
    progress: Progress
    suggestions: list[Proposal]  # enough of them, in order, to reach the target


def ledger_help(*, employee: Employee, year: int, proposals: list[Proposal]) -> LedgerHelp:
    """Below the JP target of the year: the proposals (programs first) whose JP add up to
    what is missing."""
    progress = progress_of(employee=employee, year=year)
    suggestions: list[Proposal] = []
    missing = progress.missing_jp
    for proposal in sorted(proposals, key=lambda p: (p.program_id is None, -p.jp)):
        if missing <= 0:
            break
        if any(s.title == proposal.title for s in suggestions):
            continue
        suggestions.append(proposal)
        missing -= proposal.jp
    return LedgerHelp(progress, suggestions)
