"""The dashboard's figures, each computed from the records of the studies a viewer may see
(never from a stored total), for everything in scope and again by instansi and by funding
source:

- studying, graduated; **completion rate**: graduated ÷ studies that ended after their decree
  (graduated or cancelled; a study still running is neither);
- **on-time progress**: semester reports sent by the last day of their semester;
- **time to degree**: months from the start of the study to graduation, on average, and how
  many graduated within their planned months (extension included);
- **bonds** serving, served (completed) and breached, with the repayment due on breach;
- **cost per graduate**: what was paid for the semesters of graduated studies ÷ graduates;
- after the return: **placed** in a post that uses the degree (recorded at the return), and
  **still serving after 1, 3 and 5 years**: of those returned at least that long ago, how many
  had neither breached the bond nor left the service (the registry's status history:
  pensiun, berhenti, meninggal) by that anniversary.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils import timezone

from garda.core.models import Unit
from garda.learning.services.results import add_months
from garda.people.models import EmployeeHistory, HistoryKind
from garda.studies.eligibility import completed_months
from garda.studies.models import AssignmentStatus, SemesterReport, ServiceBond
from garda.studies.selectors.studies import Viewer, assignment_list

RETENTION_YEARS = (1, 3, 5)
LEFT_SERVICE = frozenset({"pensiun", "berhenti", "meninggal"})


@dataclass(frozen=True)
class StudyRow:
    """What the figures read of one study, gathered in a few queries."""

    pk: int
    status: str
    decreed: bool
    starts_on: dt.date
    total_months: int
    graduated_on: dt.date | None
    returned_on: dt.date | None
    uses_degree: bool | None
    instansi: str
    funding: str
    reports: int = 0
    reports_on_time: int = 0
    paid: Decimal = Decimal("0")
    bond_status: str | None = None
    repayment: Decimal = Decimal("0")
    left_on: dt.date | None = None  # the bond breached or the service left, whichever first


@dataclass
class Figures:
    label: str
    studying: int = 0
    graduated: int = 0
    ended_after_decree: int = 0
    reports: int = 0
    reports_on_time: int = 0
    months_to_degree: int = 0  # summed over graduates
    graduated_in_time: int = 0
    bonds: Counter[str] = field(default_factory=Counter)
    repayment_due: Decimal = Decimal("0")
    cost_paid: Decimal = Decimal("0")
    cost_paid_graduates: Decimal = Decimal("0")
    returned: int = 0
    placed_using_degree: int = 0
    # years -> [returned at least that long ago, of them still serving on that anniversary]
    retention: dict[int, list[int]] = field(
        default_factory=lambda: {years: [0, 0] for years in RETENTION_YEARS}
    )

    def add(self, row: StudyRow, today: dt.date) -> None:
        self.studying += row.status == AssignmentStatus.APPROVED
        self.reports += row.reports
        self.reports_on_time += row.reports_on_time
        self.cost_paid += row.paid
        if row.decreed and row.status in {AssignmentStatus.GRADUATED, AssignmentStatus.CANCELLED}:
            self.ended_after_decree += 1
        if row.status == AssignmentStatus.GRADUATED and row.graduated_on is not None:
            self.graduated += 1
            self.cost_paid_graduates += row.paid
            self.months_to_degree += completed_months(row.starts_on, row.graduated_on)
            self.graduated_in_time += row.graduated_on <= add_months(
                row.starts_on, row.total_months
            )
        if row.bond_status is not None:
            self.bonds[row.bond_status] += 1
            self.repayment_due += row.repayment
        if row.returned_on is not None:
            self.returned += 1
            self.placed_using_degree += bool(row.uses_degree)
            for years, counts in self.retention.items():
                anniversary = add_months(row.returned_on, 12 * years)
                if anniversary <= today:
                    counts[0] += 1
                    counts[1] += row.left_on is None or row.left_on > anniversary

    # Rates are None when nothing has been counted yet (shown as a dash, never as 0 %).
    @property
    def completion_rate(self) -> float | None:
        return _percent(self.graduated, self.ended_after_decree)

    @property
    def on_time_rate(self) -> float | None:
        return _percent(self.reports_on_time, self.reports)

    @property
    def average_months_to_degree(self) -> float | None:
        return round(self.months_to_degree / self.graduated, 1) if self.graduated else None

    @property
    def cost_per_graduate(self) -> Decimal | None:
        if not self.graduated:
            return None
        return (self.cost_paid_graduates / self.graduated).quantize(Decimal("1"))

    @property
    def placement_rate(self) -> float | None:
        return _percent(self.placed_using_degree, self.returned)

    @property
    def retention_rows(self) -> list[tuple[int, int, int, float | None]]:
        return [(y, c[0], c[1], _percent(c[1], c[0])) for y, c in sorted(self.retention.items())]


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _instansi_names(paths: Iterable[str]) -> dict[str, str]:
    """Unit path -> name of the instansi at its root (the top of the unit tree)."""
    roots = {path: int(path.strip("/").split("/")[0]) for path in paths if path.strip("/")}
    names = dict(Unit.objects.filter(pk__in=set(roots.values())).values_list("pk", "name"))
    return {path: names.get(root, "—") for path, root in roots.items()}


def _left_service(employee_ids: set[int]) -> dict[int, dt.date]:
    """The first day each employee was recorded out of service (status history)."""
    left: dict[int, dt.date] = {}
    history = EmployeeHistory.objects.filter(
        employee_id__in=employee_ids, kind=HistoryKind.STATUS
    ).values_list("employee_id", "effective_on", "recorded_at", "data")
    for employee_id, effective_on, recorded_at, data in history:
        if isinstance(data, dict) and data.get("status") in LEFT_SERVICE:
            day = effective_on or timezone.localdate(recorded_at)
            if employee_id not in left or day < left[employee_id]:
                left[employee_id] = day
    return left


def study_rows(*, user: Viewer) -> list[StudyRow]:
    """One row per study in the viewer's scope, with its reports, payments, bond and exit."""
    values = (
        assignment_list(user=user)
        .order_by()
        .values_list(
            "pk",
            "status",
            "decree_issued_at",
            "starts_on",
            "planned_months",
            "extended_months",
            "graduated_on",
            "returned_on",
            "return_uses_degree",
            "employee_id",
            "employee__unit__path",
            "funding_source__name",
        )
    )
    raw = list(values)
    ids = [r[0] for r in raw]
    reports: dict[int, list[Any]] = {}
    for study_id, created_at, period_end, paid in SemesterReport.objects.filter(
        assignment_id__in=ids
    ).values_list("assignment_id", "created_at", "period_end", "payment_amount"):
        counts = reports.setdefault(study_id, [0, 0, Decimal("0")])
        counts[0] += 1
        counts[1] += timezone.localdate(created_at) <= period_end
        counts[2] += paid or 0
    bonds = {
        study_id: (status, breached_on, repayment)
        for study_id, status, breached_on, repayment in ServiceBond.objects.filter(
            assignment_id__in=ids
        ).values_list("assignment_id", "status", "breached_on", "repayment")
    }
    left = _left_service({r[9] for r in raw if r[7] is not None})
    instansi = _instansi_names({r[10] for r in raw})
    rows = []
    for (
        pk,
        status,
        decreed,
        starts,
        planned,
        extended,
        graduated,
        returned,
        uses,
        employee_id,
        path,
        funding,
    ) in raw:
        count, on_time, paid = reports.get(pk, [0, 0, Decimal("0")])
        bond_status, breached_on, repayment = bonds.get(pk, (None, None, None))
        exits = [d for d in (breached_on, left.get(employee_id)) if d is not None]
        rows.append(
            StudyRow(
                pk=pk,
                status=status,
                decreed=decreed is not None,
                starts_on=starts,
                total_months=planned + extended,
                graduated_on=graduated,
                returned_on=returned,
                uses_degree=uses,
                instansi=instansi.get(path, "—"),
                funding=funding,
                reports=count,
                reports_on_time=on_time,
                paid=Decimal(paid),
                bond_status=bond_status,
                repayment=Decimal(repayment or 0),
                left_on=min(exits) if exits else None,
            )
        )
    return rows


def figures_by(rows: Iterable[StudyRow], key: str, today: dt.date) -> list[Figures]:
    groups: dict[str, Figures] = {}
    for row in rows:
        label = str(getattr(row, key))
        groups.setdefault(label, Figures(label)).add(row, today)
    return [groups[label] for label in sorted(groups)]


def dashboard_figures(*, user: Viewer, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the dashboard shows, in the viewer's scope."""
    today = today or timezone.localdate()
    rows = study_rows(user=user)
    total = Figures(label="")
    for row in rows:
        total.add(row, today)
    studies = assignment_list(user=user).order_by()
    running = studies.filter(status=AssignmentStatus.APPROVED)
    return {
        "total": total,
        "by_instansi": figures_by(rows, "instansi", today),
        "by_funding": figures_by(rows, "funding", today),
        "by_status": dict(studies.values_list("status").annotate(n=Count("pk"))),
        "by_level": list(running.values("level").annotate(n=Count("pk")).order_by("level")),
        "by_program": list(
            running.values("program__institution", "program__name", "level")
            .annotate(n=Count("pk"))
            .order_by("-n", "program__institution", "program__name")[:50]
        ),
        "vacancies": studies.filter(released_from_post=True, returned_on__isnull=True).count(),
        "retention_years": RETENTION_YEARS,
    }
