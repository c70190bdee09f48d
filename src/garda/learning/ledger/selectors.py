"""Scoped reads of the JP ledger. Compliance reads the yearly totals (JPYearTotal), never the
ledger: one aggregate over the employees in scope joined to their total of the year."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Count,
    DecimalField,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from garda.core.access import (
    scope_by_unit,
    scope_root,
    sees_everything,
    subtree_ids,
    units_visible_to,
)
from garda.core.cache import cached, viewer_scope
from garda.core.models import Unit, User
from garda.learning.ledger import stamp
from garda.learning.ledger.models import (
    ConversionRule,
    EntryStatus,
    ExternalLearning,
    JPTarget,
    JPYearTotal,
    LedgerEntry,
)
from garda.learning.ledger.models_external import SubmissionStatus
from garda.learning.ledger.models_tallies import JPUnitHeadcount, JPUnitYearTally
from garda.learning.ledger.rules import targets_for_year
from garda.learning.ledger.tallies import (
    BUCKETS,
    COLUMNS,
    NOT_COUNTED_STATUSES,
    bucket_counts,
    target_by_kind,
)
from garda.people.models import Employee

ZERO = Decimal("0")


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


def compliance_recount(
    *, user: User | AnonymousUser | None, year: int, root: Unit | None = None
) -> Compliance:
    """`compliance_summary` counted from the employees and their yearly totals, in one
    aggregate: what the kept counts must equal (tests, `jp_totals_rebuild`), and the answer
    while a year's counts are stale (a target edited without the rebuild).
    Each row's hours and target are computed once (a CASE on the employee kind) and every
    count compares the two, as a hand-written query would."""
    targets = targets_for_year(year)
    queryset = _with_target(with_total(employees_in_scope(user=user, root=root), year), targets)
    aggregates: dict[str, Any] = {
        "employees": Count("pk"),
        "compliant": Count("pk", filter=Q(total_jp__gte=F("target"))),
        "bucket0": Count("pk", filter=Q(total_jp=0)),
    }
    # Aliases are plain names: a label such as "1-24%" would be SQL text PostgreSQL's
    # driver reads as a placeholder.
    aggregates.update(bucket_counts())
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


_NO_TALLY = (0,) * len(COLUMNS)


def compliance_summary(
    *, user: User | AnonymousUser | None, year: int, root: Unit | None = None
) -> Compliance:
    """% compliant and the distribution of progress towards the target, from the counts kept
    per unit subtree (models_tallies): a handful of rows at any level, the nation included.
    Counted from the employees instead while the year's counts are stale (a target changed
    since they were counted, until `garda jp_totals_rebuild`)."""
    bases = _count_bases(user, root)
    figures = _from_counts(year, set(bases))
    if figures is None:
        return compliance_recount(user=user, year=year, root=root)
    employees, tally = 0, _NO_TALLY
    for pk in bases:
        head, row = figures.get(pk, (0, _NO_TALLY))
        employees += head
        tally = tuple(a + b for a, b in zip(tally, row, strict=True))
    with_hours, compliant, *below = tally
    distribution = [(BUCKETS[0][0], employees - with_hours)]
    distribution += [(label, n) for (label, _s), n in zip(BUCKETS[1:], below, strict=True)]
    distribution.append(("≥100%", compliant))
    return Compliance(
        year=year, employees=employees, compliant=compliant, targets=targets_for_year(year),
        distribution=distribution,
    )  # fmt: skip


def _count_bases(user: User | AnonymousUser | None, root: Unit | None) -> list[int]:
    """The units whose subtree counts add up to what `user` sees under `root`: the root, the
    user's own scope root, or (seeing everything, no root) the top units of the tree."""
    scope: Unit | None = None
    if user is not None and not sees_everything(user):
        if not user.is_authenticated:
            return []
        scope = scope_root(user)
        if scope is None:
            return []
    if root is None and scope is None:
        return list(Unit.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    if root is None or scope is None:
        return [(root or scope).pk]  # type: ignore[union-attr]  # one of the two is set
    if root.path.startswith(scope.path):
        return [root.pk]
    return [scope.pk] if scope.path.startswith(root.path) else []


def _from_counts(year: int, units: set[int]) -> dict[int, tuple[int, tuple[int, ...]]] | None:
    """unit -> (serving employees, the year's tally with the employees without hours folded
    in where the target is 0); None when a row was counted against another target."""
    if not units:
        return {}
    targets = targets_for_year(year)
    heads: dict[tuple[int, str], int] = {
        (unit, kind): n
        for unit, kind, n in JPUnitHeadcount.objects.filter(unit_id__in=units).values_list(
            "unit_id", "kind", "employees"
        )
    }
    tallies: dict[tuple[int, str], tuple[int, ...]] = {}
    for row in JPUnitYearTally.objects.filter(unit_id__in=units, year=year).values(
        "unit_id", "kind", "target_jp", *COLUMNS
    ):
        if row["target_jp"] != targets.get(row["kind"], ZERO):
            return None
        tallies[(row["unit_id"], row["kind"])] = tuple(row[c] for c in COLUMNS)
    out: dict[int, tuple[int, tuple[int, ...]]] = {}
    for unit, kind in heads.keys() | tallies.keys():
        n = heads.get((unit, kind), 0)
        tally = list(tallies.get((unit, kind), _NO_TALLY))
        if targets.get(kind, ZERO) == 0:
            # Without a target everyone has reached it, hours or not.
            tally[1] += n - tally[0]
        employees, before = out.get(unit, (0, _NO_TALLY))
        out[unit] = (employees + n, tuple(a + b for a, b in zip(before, tally, strict=True)))
    return out


def _with_target(queryset: QuerySet[Employee], targets: dict[str, Decimal]) -> QuerySet[Employee]:
    """Each row's target by its kind (PNS/PPPK), as a CASE the database compares."""
    return queryset.annotate(target=target_by_kind(targets))


@dataclass(frozen=True)
class ChildCompliance:
    """One instansi/OPD below the unit shown: how many of its ASN reached the target."""

    unit: Unit
    employees: int
    compliant: int

    @property
    def percent(self) -> int:
        return round(self.compliant * 100 / self.employees) if self.employees else 0


def compliance_by_child(
    *, user: User | AnonymousUser, year: int, root: Unit | None, children: list[Unit]
) -> list[ChildCompliance]:
    """The figures of each child unit, from its kept counts (two queries for all of them)."""
    bases = {child.pk: _count_bases(user, child) for child in children}
    figures = _from_counts(year, {pk for ids in bases.values() for pk in ids})
    if figures is None:
        return _by_child_recount(user=user, year=year, root=root, children=children)
    out = []
    for child in children:
        employees = compliant = 0
        for pk in bases[child.pk]:
            head, tally = figures.get(pk, (0, _NO_TALLY))
            employees += head
            compliant += tally[1]
        out.append(ChildCompliance(child, employees, compliant))
    return out


def _by_child_recount(
    *, user: User | AnonymousUser, year: int, root: Unit | None, children: list[Unit]
) -> list[ChildCompliance]:
    """compliance_by_child counted from the employees (stale counts): one grouped query."""
    targets = targets_for_year(year)
    per_unit = (
        _with_target(with_total(employees_in_scope(user=user, root=root), year), targets)
        .order_by()
        .values("unit__path")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(total_jp__gte=F("target"))))
        .values_list("unit__path", "n", "ok")
    )
    totals = {child.pk: [0, 0] for child in children}
    by_path = sorted(((child.path, child.pk) for child in children), key=lambda p: -len(p[0]))
    for path, employees, compliant in per_unit:
        for prefix, child_id in by_path:
            if path.startswith(prefix):
                totals[child_id][0] += employees
                totals[child_id][1] += compliant
                break
    return [ChildCompliance(child, *totals[child.pk]) for child in children]


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


def jp_targets() -> QuerySet[JPTarget]:
    """Every yearly target row, newest first per employee kind."""
    return JPTarget.objects.order_by("employee_kind", "-valid_from_year")


def conversion_rules() -> QuerySet[ConversionRule]:
    """The conversion rule of each learning form, in the forms' order."""
    return ConversionRule.objects.select_related("form").order_by("form__order", "form__name")
