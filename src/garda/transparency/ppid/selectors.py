"""Reads of PPID: officers' lists scoped by the unit tree, the public list of information,
one request by its tracking code, and the public statistics (aggregates only)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from garda.core.access import scope_by_unit, subtree_ids
from garda.core.errors import NotFound
from garda.core.models import Unit, UnitKind, User
from garda.transparency.ppid.models import (
    Channel,
    Decision,
    ExemptionArticle,
    InformationCategory,
    InformationItem,
    InformationRequest,
    Objection,
    ObjectionOutcome,
    RequestStatus,
)

# --- Requests ---------------------------------------------------------------------------------


def request_list(*, user: User | AnonymousUser) -> QuerySet[InformationRequest]:
    """The requests `user` may see: a PPID officer those addressed to its unit's subtree, an
    admin_instansi its instansi's, admin_provinsi and auditor all. Open ones first, most
    urgent on top; then answered ones, newest first."""
    answered_last = Case(
        When(status=RequestStatus.DECIDED, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    queryset = InformationRequest.objects.select_related("unit", "objection")
    return scope_by_unit(queryset, user, unit_field="unit").order_by(
        answered_last.asc(), "due_on", "-decided_on", "-pk"
    )


def request_get(*, user: User | AnonymousUser, request_id: int) -> InformationRequest:
    request = request_list(user=user).filter(pk=request_id).first()
    if request is None:
        raise NotFound
    return request


def request_by_code(*, code: str) -> InformationRequest:
    """The public way in: whoever holds the code sees the request's progress."""
    request = (
        InformationRequest.objects.select_related("unit", "objection")
        .filter(tracking_code=code)
        .first()
        if code
        else None
    )
    if request is None:
        raise NotFound(
            "Kode pelacakan tidak ditemukan. Periksa kembali kodenya.",
            "Tracking code not found. Please check it.",
        )
    return request


def overdue_filter(today: dt.date) -> Q:
    """Open and past its deadline: the one definition, for lists, filters and statistics."""
    return ~Q(status=RequestStatus.DECIDED) & Q(due_on__lt=today)


def request_search(
    queryset: QuerySet[InformationRequest], text: str
) -> QuerySet[InformationRequest]:
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(Q(tracking_code__icontains=text) | Q(requester_name__icontains=text))


def objection_queue(*, user: User | AnonymousUser) -> QuerySet[Objection]:
    """Open objections in `user`'s scope, oldest deadline first."""
    return scope_by_unit(
        Objection.objects.select_related("request__unit").filter(outcome=""),
        user,
        unit_field="request__unit",
    ).order_by("answer_due_on")


def target_units() -> QuerySet[Unit]:
    """What a request may be addressed to: instansi and OPD."""
    return Unit.objects.filter(kind__in=[UnitKind.INSTANSI, UnitKind.OPD]).order_by("path")


def target_choices(units: QuerySet[Unit] | None = None) -> list[tuple[str, list[tuple[int, str]]]]:
    """Instansi/OPD grouped by instansi, for a select with option groups."""
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    for unit in units if units is not None else target_units():
        if unit.kind == UnitKind.INSTANSI:
            groups.append((unit.name, [(unit.pk, unit.name)]))
        elif groups:
            groups[-1][1].append((unit.pk, unit.name))
        else:
            groups.append((unit.name, [(unit.pk, unit.name)]))
    return groups


# --- The list of public information ---------------------------------------------------------


def information_items_public(
    *, category: str = "", unit_id: int | None = None, text: str = ""
) -> QuerySet[InformationItem]:
    items = InformationItem.objects.select_related("unit").filter(is_published=True)
    if category in InformationCategory.values:
        items = items.filter(category=category)
    if unit_id:
        unit = Unit.objects.filter(pk=unit_id).only("path").first()
        items = items.filter(unit__in=subtree_ids(unit)) if unit else items.none()
    if text.strip():
        items = items.filter(Q(title__icontains=text.strip()) | Q(summary__icontains=text.strip()))
    return items.order_by("category", "unit__path", "title")


def information_item_document(*, item_id: int) -> InformationItem:
    """A published item's document; exempt information has none to give."""
    item = (
        InformationItem.objects.filter(pk=item_id, is_published=True)
        .exclude(category=InformationCategory.DIKECUALIKAN)
        .exclude(document="")
        .first()
    )
    if item is None:
        raise NotFound
    return item


def information_items_by_category(
    items: QuerySet[InformationItem], *, limit: int = 100
) -> list[tuple[str, str, list[InformationItem]]]:
    """(value, label, first `limit` items) per category, in the law's order."""
    grouped: dict[str, list[InformationItem]] = {value: [] for value in InformationCategory.values}
    for item in items[: limit * len(grouped)]:
        if len(grouped[item.category]) < limit:
            grouped[item.category].append(item)
    return [(value, str(label), grouped[value]) for value, label in InformationCategory.choices]


def information_item_list(*, user: User | AnonymousUser) -> QuerySet[InformationItem]:
    """Items an officer keeps (published or not)."""
    return scope_by_unit(
        InformationItem.objects.select_related("unit"), user, unit_field="unit"
    ).order_by("category", "title")


def information_item_get(*, user: User | AnonymousUser, item_id: int) -> InformationItem:
    item = information_item_list(user=user).filter(pk=item_id).first()
    if item is None:
        raise NotFound
    return item


# --- Statistics -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    name: str
    received: int
    decided: int
    on_time: int
    overdue_open: int


@dataclass(frozen=True)
class PpidStatistics:
    """Aggregates of one year (requests received that year). No personal data."""

    year: int
    received: int
    by_channel: list[tuple[str, int]]
    decided: int
    open: int
    overdue_open: int
    extended: int
    median_response_days: float | None
    on_time_percent: float | None
    by_decision: list[tuple[str, int]]
    refusals_by_reason: list[tuple[str, int, int]]  # article label, refused, partly
    objections: int
    objections_by_outcome: list[tuple[str, int]]
    objections_open: int
    per_unit: list[UnitRow] = field(default_factory=list)


def statistics_years() -> list[int]:
    years = (
        InformationRequest.objects.annotate(year=ExtractYear("received_on"))
        .values_list("year", flat=True)
        .distinct()
    )
    found = {int(y) for y in years}
    found.add(timezone.localdate().year)
    return sorted(found, reverse=True)


def ppid_statistics(
    *, year: int, unit: Unit | None = None, today: dt.date | None = None, per_unit: bool = False
) -> PpidStatistics:
    """The year's figures. "On time" counts answers given by the due date (after any lawful
    extension) against every request that was answered or whose deadline has passed."""
    now = today or timezone.localdate()
    requests = InformationRequest.objects.filter(
        received_on__gte=dt.date(year, 1, 1), received_on__lte=dt.date(year, 12, 31)
    )
    if unit is not None:
        requests = requests.filter(unit__in=subtree_ids(unit))
    overdue = overdue_filter(now)
    totals = requests.aggregate(
        received=Count("pk"),
        decided=Count("pk", filter=Q(status=RequestStatus.DECIDED)),
        on_time=Count(
            "pk",
            filter=Q(status=RequestStatus.DECIDED, decided_on__lte=F("due_on")),
        ),
        overdue_open=Count("pk", filter=overdue),
        extended=Count("pk", filter=Q(extended_on__isnull=False)),
    )
    decided = int(totals["decided"])
    judged = decided + int(totals["overdue_open"])
    days = [
        d
        for d in requests.filter(response_days__isnull=False).values_list(
            "response_days", flat=True
        )
        if d is not None
    ]
    channel_counts = Counter(requests.values_list("channel", flat=True))
    decision_counts = Counter(
        requests.filter(status=RequestStatus.DECIDED).values_list("decision", flat=True)
    )
    refusal_rows = Counter(
        requests.filter(decision__in=[Decision.REFUSED, Decision.PARTLY]).values_list(
            "exemption_article", "decision"
        )
    )
    objections = Objection.objects.filter(request__in=requests.values("pk"))
    outcome_counts = Counter(objections.values_list("outcome", flat=True))
    return PpidStatistics(
        year=year,
        received=int(totals["received"]),
        by_channel=[(str(label), channel_counts.get(value, 0)) for value, label in Channel.choices],
        decided=decided,
        open=int(totals["received"]) - decided,
        overdue_open=int(totals["overdue_open"]),
        extended=int(totals["extended"]),
        median_response_days=float(statistics.median(days)) if days else None,
        on_time_percent=round(100 * int(totals["on_time"]) / judged, 1) if judged else None,
        by_decision=[
            (str(label), decision_counts.get(value, 0)) for value, label in Decision.choices
        ],
        refusals_by_reason=[
            (
                str(label),
                refusal_rows.get((value, Decision.REFUSED.value), 0),
                refusal_rows.get((value, Decision.PARTLY.value), 0),
            )
            for value, label in ExemptionArticle.choices
            if refusal_rows.get((value, Decision.REFUSED.value), 0)
            or refusal_rows.get((value, Decision.PARTLY.value), 0)
        ],
        objections=sum(outcome_counts.values()),
        objections_by_outcome=[
            (str(label), outcome_counts.get(value, 0)) for value, label in ObjectionOutcome.choices
        ],
        objections_open=outcome_counts.get("", 0),
        per_unit=_per_unit(requests, now) if per_unit else [],
    )


def _per_unit(requests: QuerySet[InformationRequest], today: dt.date) -> list[UnitRow]:
    """The figures per instansi (each request counted under the instansi above its target)."""
    instansi = {u.path: u for u in Unit.objects.filter(kind=UnitKind.INSTANSI)}
    rows: dict[str, list[int]] = {}
    values = requests.values_list("unit__path", "status", "decided_on", "due_on")
    for path, status, decided_on, due_on in values:
        top = "/" + path.strip("/").split("/")[0] + "/"
        key = instansi[top].name if top in instansi else "—"
        row = rows.setdefault(key, [0, 0, 0, 0])
        row[0] += 1
        if status == RequestStatus.DECIDED:
            row[1] += 1
            if decided_on is not None and decided_on <= due_on:
                row[2] += 1
        elif due_on < today:
            row[3] += 1
    return [UnitRow(name, *counts) for name, counts in sorted(rows.items())]
