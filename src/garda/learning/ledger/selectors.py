"""Scoped reads of the JP ledger. Compliance reads the yearly totals (JPYearTotal), never the
ledger: one aggregate over the employees in scope joined to their total of the year."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from garda.core.access import scope_by_unit, sees_everything, subtree_ids, units_visible_to
from garda.core.cache import cached, viewer_scope
from garda.core.models import Unit, User
from garda.learning.ledger import stamp
from garda.learning.ledger.models import (
    EntryStatus,
    ExternalLearning,
    JPYearTotal,
    LedgerEntry,
)
from garda.learning.ledger.models_external import SubmissionStatus
from garda.learning.ledger.rules import targets_for_year
from garda.people.models import Employee, EmployeeStatus

ZERO = Decimal("0")
# Upper bounds (as a share of the target) of the distribution's bars; the last is open.
BUCKETS: tuple[tuple[str, Decimal], ...] = (
    ("0", Decimal("0")),
    ("1-24%", Decimal("0.25")),
    ("25-49%", Decimal("0.5")),
    ("50-74%", Decimal("0.75")),
    ("75-99%", Decimal("1")),
)
# Serving employees are counted; the rest are left out. Written as an exclusion: with
# `status IN (aktif, …)` SQLite walks the status index (nearly every row) and sorts, where
# NOT IN leaves it free to walk the name (or unit, name) index and stop after a page.
NOT_COUNTED_STATUSES = (
    EmployeeStatus.PENSIUN,
    EmployeeStatus.BERHENTI,
    EmployeeStatus.MENINGGAL,
    EmployeeStatus.DIBERHENTIKAN_SEMENTARA,
)


def entries_visible(*, user: User | AnonymousUser) -> QuerySet[LedgerEntry]:
    """Entries of employees in the user's scope, plus the user's own."""
    return scope_by_unit(
        LedgerEntry.objects.select_related("employee", "form"),
        user,
        unit_field="employee__unit",
        self_field="employee__user",
    )


def entries_of(*, employee_id: int, year: int | None = None) -> QuerySet[LedgerEntry]:
    queryset = LedgerEntry.objects.filter(employee_id=employee_id).select_related("form")
    return queryset.filter(year=year) if year else queryset


def submissions_to_verify(*, user: User | AnonymousUser) -> QuerySet[ExternalLearning]:
    return scope_by_unit(
        ExternalLearning.objects.filter(status=SubmissionStatus.SUBMITTED).select_related(
            "employee", "employee__unit", "form"
        ),
        user,
        unit_field="employee__unit",
    ).order_by("created_at")


def submissions_of(*, employee_id: int) -> QuerySet[ExternalLearning]:
    return ExternalLearning.objects.filter(employee_id=employee_id).select_related("form")


def submission_visible(*, user: User | AnonymousUser, pk: int) -> ExternalLearning | None:
    return (
        scope_by_unit(
            ExternalLearning.objects.select_related("employee", "employee__unit", "form"),
            user,
            unit_field="employee__unit",
            self_field="employee__user",
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class Progress:
    year: int
    total_jp: Decimal
    target_jp: Decimal
    entries: int

    @property
    def percent(self) -> int:
        if not self.target_jp:
            return 100
        return min(100, int(self.total_jp * 100 / self.target_jp))

    @property
    def compliant(self) -> bool:
        return self.total_jp >= self.target_jp

    @property
    def missing_jp(self) -> Decimal:
        return max(ZERO, self.target_jp - self.total_jp)


def progress_of(*, employee: Employee, year: int) -> Progress:
    row = JPYearTotal.objects.filter(employee_id=employee.pk, year=year).first()
    target = targets_for_year(year).get(employee.kind, ZERO)
    return Progress(
        year=year,
        total_jp=row.total_jp if row else ZERO,
        target_jp=target,
        entries=row.entries if row else 0,
    )


def employees_in_scope(
    *, user: User | AnonymousUser | None, root: Unit | None
) -> QuerySet[Employee]:
    """Employees counted for compliance: serving ones, in the user's scope, under `root`.
    `user=None` is the system itself (commands run by an operator): the whole province."""
    queryset = Employee.objects.exclude(status__in=NOT_COUNTED_STATUSES)
    if user is not None:
        queryset = scope_by_unit(queryset, user, unit_field="unit")
    if root is not None:
        # `unit IN (subtree ids)`, as core.access scopes: no join on the unit table per row.
        queryset = queryset.filter(unit__in=subtree_ids(root))
    return queryset


def with_total(queryset: QuerySet[Employee], year: int) -> QuerySet[Employee]:
    return queryset.annotate(
        this_year=FilteredRelation("jp_totals", condition=Q(jp_totals__year=year)),
        total_jp=Coalesce(
            F("this_year__total_jp"),
            Value(ZERO),
            output_field=DecimalField(max_digits=7, decimal_places=1),
        ),
    )


def _target_q(targets: dict[str, Decimal], *, reached: bool) -> Q:
    condition = Q(pk__in=[])
    for kind, target in targets.items():
        if reached:
            condition |= Q(kind=kind, total_jp__gte=target)
        else:
            condition |= Q(kind=kind, total_jp__lt=target)
    return condition


@dataclass
class Compliance:
    year: int
    employees: int
    compliant: int
    targets: dict[str, Decimal]
    distribution: list[tuple[str, int]] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return round(self.compliant * 100 / self.employees, 1) if self.employees else 0.0

    @property
    def below(self) -> int:
        return self.employees - self.compliant


def compliance_summary(
    *, user: User | AnonymousUser | None, year: int, root: Unit | None = None
) -> Compliance:
    """% compliant and the distribution of progress towards the target, in one aggregate.
    Each row's hours and target are computed once (a CASE on the employee kind) and every
    count compares the two, as a hand-written query would."""
    targets = targets_for_year(year)
    decimal = DecimalField(max_digits=7, decimal_places=1)
    queryset = with_total(employees_in_scope(user=user, root=root), year).annotate(
        target=Case(
            *[When(kind=kind, then=Value(target)) for kind, target in targets.items()],
            default=Value(ZERO),
            output_field=decimal,
        )
    )
    aggregates: dict[str, Any] = {
        "employees": Count("pk"),
        "compliant": Count("pk", filter=Q(total_jp__gte=F("target"))),
        "bucket0": Count("pk", filter=Q(total_jp=0)),
    }
    # Aliases are plain names: a label such as "1-24%" would be SQL text PostgreSQL's
    # driver reads as a placeholder.
    for n in range(1, len(BUCKETS)):
        lower, upper = BUCKETS[n - 1][1], BUCKETS[n][1]
        aggregates[f"bucket{n}"] = Count(
            "pk",
            filter=Q(total_jp__gt=0)
            & Q(total_jp__gte=F("target") * lower)
            & Q(total_jp__lt=F("target") * upper),
        )
    figures = queryset.aggregate(**aggregates)
    distribution = [(label, figures[f"bucket{n}"]) for n, (label, _s) in enumerate(BUCKETS)]
    distribution.append(("≥100%", figures["compliant"]))
    return Compliance(
        year=year,
        employees=figures["employees"],
        compliant=figures["compliant"],
        targets=targets,
        distribution=distribution,
    )


def compliance_summary_cached(
    *, user: User | AnonymousUser, year: int, root: Unit | None
) -> Compliance:
    """`compliance_summary` cached under the viewer's scope and the ledger's data version:
    the figures are computed from what `user` may see, so only viewers who see the same
    records (same role, same subtree) share them."""

    return cached(
        viewer_scope(user),
        ["jp-summary", year, root.pk if root is not None else "all"],
        lambda: compliance_summary(user=user, year=year, root=root),
        timeout=stamp.CACHE_SECONDS,
        versions=(stamp.NAME,),
    )


def below_target(
    *, user: User | AnonymousUser, year: int, root: Unit | None = None
) -> QuerySet[Employee]:
    """Who has not reached the target yet, by name: walking the name index stops after a
    page, where ordering by hours would sort the whole scope on every request."""
    targets = targets_for_year(year)
    queryset = with_total(employees_in_scope(user=user, root=root), year)
    return (
        queryset.filter(_target_q(targets, reached=False))
        .select_related("unit")
        .order_by("name", "nip")
    )


def compliance_rows(
    *, user: User | AnonymousUser, year: int, root: Unit | None = None
) -> QuerySet[Employee]:
    """Every employee in scope with the year's total (for jp_report and the API)."""
    return (
        with_total(employees_in_scope(user=user, root=root), year)
        .select_related("unit")
        .order_by("nip")
    )


def dashboard_roots(*, user: User | AnonymousUser) -> QuerySet[Unit]:
    """Units a dashboard can be opened for: instansi and OPD within the user's scope."""
    queryset = units_visible_to(user).filter(kind__in=("instansi", "opd"))
    return queryset.order_by("path")


def may_see_root(*, user: User | AnonymousUser, root: Unit | None) -> bool:
    if root is None:
        return sees_everything(user)
    return units_visible_to(user).filter(pk=root.pk).exists()


def valid_entries(queryset: QuerySet[LedgerEntry]) -> QuerySet[LedgerEntry]:
    return queryset.filter(status=EntryStatus.VALID)


def valid_jp_by_form_year(
    *,
    form_codes: Collection[str],
    until_year: int,
    employees: QuerySet[Employee] | None = None,
) -> list[tuple[int, str, int, Decimal]]:
    """(employee id, form code, year finished, valid JP) for the forms named, every year up to
    `until_year`: one grouped query for a whole population (IP ASN reads the ledger this way).
    Revoked entries never count. `employees` narrows to a population (a subquery)."""
    queryset = valid_entries(
        LedgerEntry.objects.filter(form__code__in=list(form_codes), year__lte=until_year)
    )
    if employees is not None:
        queryset = queryset.filter(employee_id__in=employees.values("pk"))
    return list(
        queryset.order_by()
        .values_list("employee_id", "form__code", "year")
        .annotate(total=Sum("jp"))
    )
