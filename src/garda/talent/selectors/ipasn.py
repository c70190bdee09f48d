"""IP ASN reads: rows for the command and API, one ASN's score with its advice, and the
dashboard's figures (distribution, each dimension's share, per unit), scoped and cached."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from garda.core.access import scope_by_unit
from garda.core.cache import cached, viewer_scope
from garda.core.models import Unit, User
from garda.learning.ledger import stamp as ledger_stamp
from garda.people import stamp as people_stamp
from garda.people.models import Employee
from garda.talent import stamp
from garda.talent.advice import Option, raise_options
from garda.talent.ipasn import ZERO, Rules, Score, gather, score
from garda.talent.models_ipasn import Dimension, IpEdition, JabatanGroup

DIMENSIONS = [d.value for d in Dimension]
# What the dashboard's figures are made of: SKP, sanctions and tables (talent), JP (ledger,
# which also follows unit moves) and the registry's employees (education, jabatan kind, unit,
# status: people). A write to any of them shows on the next request.
SUMMARY_VERSIONS = (stamp.NAME, ledger_stamp.NAME, people_stamp.NAME)


def number(value: Decimal) -> int | float:
    """A JSON number: 85 rather than 85.00, 67.5 rather than "67.50"."""
    return int(value) if value == value.to_integral_value() else float(value)


def ip_editions() -> QuerySet[IpEdition]:
    """Every IP ASN edition, newest first (the tables are the same for every reader)."""
    return IpEdition.objects.order_by("-first_year")


def ip_edition_by_id(edition_id: int) -> IpEdition | None:
    return IpEdition.objects.filter(pk=edition_id).first()


def ip_asn_employees(
    *, user: User | AnonymousUser | None, root: Unit | None = None
) -> QuerySet[Employee]:
    """The employees a run covers: the user's scope (None: the whole registry, for the
    system), under `root` when given."""
    queryset = Employee.objects.all()
    if user is not None:
        queryset = scope_by_unit(queryset, user, self_field="user")
    if root is not None:
        queryset = queryset.filter(unit__path__startswith=root.path)
    return queryset


def ip_asn_scores(
    *, user: User | AnonymousUser | None, year: int, root: Unit | None = None
) -> Iterator[tuple[Score, str]]:
    rules = Rules.for_year(year)
    for inputs in gather(ip_asn_employees(user=user, root=root), year, rules):
        yield score(inputs, rules)


def row_of(result: Score, category: str) -> dict[str, Any]:
    """The command's and API's row: exactly the fields issue 13 names, numbers as numbers."""
    return {
        "nip": result.inputs.nip,
        "kualifikasi": number(result.kualifikasi),
        "kompetensi": number(result.kompetensi),
        "kinerja": number(result.kinerja),
        "disiplin": number(result.disiplin),
        "total": number(result.total),
        "kategori": category.replace("_", " "),
        "missing": list(result.missing),
    }


def ip_asn_rows(
    *, user: User | AnonymousUser | None, year: int, root: Unit | None = None
) -> Iterator[dict[str, Any]]:
    for result, category in ip_asn_scores(user=user, year=year, root=root):
        yield row_of(result, category)


@dataclass
class Personal:
    result: Score
    category: str
    options: list[Option]
    rules: Rules


def ip_asn_of(*, employee: Employee, year: int) -> Personal | None:
    """One ASN's score with what would raise it (the caller has checked it may see them)."""
    rules = Rules.for_year(year)
    found = next(gather(Employee.objects.filter(pk=employee.pk), year, rules), None)
    if found is None:
        return None
    result, category = score(found, rules)
    return Personal(result, category, raise_options(result, rules), rules)


def dimension_maxima(rules: Rules) -> dict[str, Decimal]:
    """The most points each dimension can give under the edition (kompetensi: the best group)."""
    maxima: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_group: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (dimension, key), points in rules.points.items():
        if dimension == Dimension.KOMPETENSI:
            by_group[key.split(".")[0]] += points
        else:
            maxima[dimension] = max(maxima[dimension], points)
    maxima[Dimension.KOMPETENSI] = max(by_group.values(), default=ZERO)
    return {d: maxima[d] for d in DIMENSIONS}


def ip_asn_summary(*, user: User | AnonymousUser, year: int, root: Unit | None) -> dict[str, Any]:
    """Distribution over categories, mean points and share per dimension, and per unit one
    level below `root` (per instansi for the province): what the dashboard draws."""
    rules = Rules.for_year(year)
    categories = [code for _floor, code in rules.categories]
    counts: Counter[str] = Counter()
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    per_unit: dict[int, list[Decimal]] = defaultdict(list)
    child_of = _child_of(root)
    missing: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    total_sum, count = ZERO, 0
    for inputs in gather(ip_asn_employees(user=user, root=root), year, rules):
        result, category = score(inputs, rules)
        count += 1
        counts[category] += 1
        groups[result.group] += 1
        missing.update(result.missing)
        for dimension in DIMENSIONS:
            sums[dimension] += getattr(result, dimension)
        total_sum += result.total
        child = child_of.get(inputs.unit_id)
        if child is not None:
            per_unit[child].append(result.total)
    maxima = dimension_maxima(rules)
    names = dict(Unit.objects.filter(pk__in=list(per_unit)).values_list("pk", "name"))
    return {
        "year": year,
        "edition": rules.edition.name,
        "count": count,
        "mean": number((total_sum / count).quantize(Decimal("0.01"))) if count else 0,
        "categories": [{"code": c, "count": counts[c]} for c in categories],
        "dimensions": [
            {
                "code": d,
                "mean": number((sums[d] / count).quantize(Decimal("0.01"))) if count else 0,
                "max": number(maxima[d]),
                "share": round(float(sums[d] / total_sum) * 100, 1) if total_sum else 0,
                "attained": round(float(sums[d] / (maxima[d] * count)) * 100, 1)
                if count and maxima[d]
                else 0,
            }
            for d in DIMENSIONS
        ],
        "units": sorted(
            (_unit_row(pk, names.get(pk, ""), totals) for pk, totals in per_unit.items()),
            key=lambda unit: str(unit["name"]),
        ),
        "missing": dict(missing),
        "groups": {g.value: groups[g.value] for g in JabatanGroup},
    }


def _unit_row(pk: int, name: str, totals: list[Decimal]) -> dict[str, Any]:
    mean = (sum(totals, ZERO) / len(totals)).quantize(Decimal("0.01"))
    return {"id": pk, "name": name, "count": len(totals), "mean": number(mean)}


def ip_asn_summary_cached(
    *, user: User | AnonymousUser, year: int, root: Unit | None
) -> dict[str, Any]:
    """The summary under the viewer's scope, renewed by any talent, ledger or registry write."""
    return cached(
        viewer_scope(user),
        ["ip-asn-summary", year, root.pk if root is not None else "all"],
        lambda: ip_asn_summary(user=user, year=year, root=root),
        timeout=stamp.CACHE_SECONDS,
        versions=SUMMARY_VERSIONS,
        single_flight=True,
    )


def _child_of(root: Unit | None) -> dict[int, int]:
    """unit id -> the unit one level below `root` that holds it (for the province view, the
    top-level units: instansi)."""
    units = Unit.objects.all()
    depth = 0
    if root is not None:
        units = units.filter(path__startswith=root.path)
        depth = len(root.path.strip("/").split("/"))
    found: dict[int, int] = {}
    for pk, path in units.values_list("pk", "path"):
        parts = path.strip("/").split("/")
        if len(parts) > depth:
            found[pk] = int(parts[depth])
        elif root is not None:
            found[pk] = root.pk
    return found
