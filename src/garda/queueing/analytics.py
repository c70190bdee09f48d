"""Queue analytics per puskesmas, poli and day, and across the province.

Definitions (docs/queueing.md):
- arrivals: tickets issued for the day, by channel (cancelled ones included; transfers are
  counted at the poli they were sent to as channel "staff");
- served: tickets finished (done);
- no-show %: no-shows / (done + no-shows), of tickets that were due to come;
- waiting time: from check-in to the first call, of tickets called that day — the time a
  patient spends in the puskesmas waiting, which Kepmenkes 129/2008 caps at 60 minutes
  (the `waiting_standard_minutes` parameter);
- service time: from start (or call) to finish;
- ETA error: |called_at - estimate given at issue|, mean absolute error in minutes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter as Tally
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import DurationField, ExpressionWrapper, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from garda.queueing.models import Channel, Facility, QueueParameter, Ticket, TicketStatus


def waiting_standard() -> int:
    row = QueueParameter.objects.filter(key="waiting_standard_minutes").first()
    return row.value if row else 60


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (share 0..1) of `values`; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def _minutes(a: dt.datetime | None, b: dt.datetime | None) -> float | None:
    if a is None or b is None:
        return None
    return (b - a).total_seconds() / 60


# Tickets that were due to come: the no-show rate's denominator.
DUE_STATUSES = (TicketStatus.DONE, TicketStatus.NO_SHOW)


# How long a ticket waited, computed by the database (one interval instead of two timestamps
# to read: a year of tickets reads in a fifth of the time on PostgreSQL).
WAITED = ExpressionWrapper(F("called_at") - F("checked_in_at"), output_field=DurationField())


def wait_minutes(status: str, waited: dt.timedelta | None) -> float | None:
    """One ticket's waiting time: minutes from check-in to the first call (`waited`, the
    WAITED annotation), never negative, of a patient who was called; None for a no-show or
    a ticket not called. The one definition behind the reports and every measure read from
    the queue."""
    if status == TicketStatus.NO_SHOW or waited is None:
        return None
    return max(0.0, waited.total_seconds() / 60)


def no_show_value(status: str) -> float | None:
    """1 for a no-show, 0 for a finished visit, None for a ticket not due to come (cancelled,
    still open): the mean over due tickets is the no-show rate."""
    if status not in DUE_STATUSES:
        return None
    return 1.0 if status == TicketStatus.NO_SHOW else 0.0


@dataclass
class Summary:
    """Figures of one group of tickets (a day, a poli, a facility)."""

    arrivals: int = 0
    by_channel: Tally[str] = field(default_factory=Tally)
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    eta_errors: list[float] = field(default_factory=list)
    by_hour: Tally[int] = field(default_factory=Tally)

    def add(self, row: dict[str, Any]) -> None:
        self.arrivals += 1
        self.by_channel[row["channel"]] += 1
        status = row["status"]
        due = no_show_value(status)
        if due is not None:
            self.no_show += int(due)
            self.served += 1 - int(due)
        elif status == TicketStatus.CANCELLED:
            self.cancelled += 1
        wait = wait_minutes(status, row["waited"])
        if wait is not None:
            self.waits.append(wait)
        service = _minutes(row["serving_at"] or row["called_at"], row["done_at"])
        if service is not None:
            self.services.append(max(0.0, service))
        error = _minutes(row["eta_at_issue"], row["called_at"])
        if error is not None and status != TicketStatus.NO_SHOW:
            self.eta_errors.append(abs(error))
        if row["checked_in_at"] is not None:
            self.by_hour[timezone.localtime(row["checked_in_at"]).hour] += 1

    @property
    def no_show_percent(self) -> float | None:
        due = self.served + self.no_show  # the tickets no_show_value counts
        return round(100 * self.no_show / due, 1) if due else None

    @property
    def wait_p50(self) -> float | None:
        value = percentile(self.waits, 0.5)
        return None if value is None else round(value, 1)

    @property
    def wait_p90(self) -> float | None:
        value = percentile(self.waits, 0.9)
        return None if value is None else round(value, 1)

    def within(self, minutes: int) -> float | None:
        if not self.waits:
            return None
        return round(100 * sum(1 for w in self.waits if w <= minutes) / len(self.waits), 1)

    @property
    def service_mean(self) -> float | None:
        return round(sum(self.services) / len(self.services), 1) if self.services else None

    @property
    def eta_mae(self) -> float | None:
        return round(sum(self.eta_errors) / len(self.eta_errors), 1) if self.eta_errors else None


FIELDS = (
    "facility_id", "poli_id", "service_date", "channel", "status", "checked_in_at", "called_at",
    "serving_at", "done_at", "eta_at_issue",
)  # fmt: skip


def _rows(tickets: QuerySet[Ticket]) -> Iterable[dict[str, Any]]:
    rows: Iterable[dict[str, Any]] = (
        tickets.annotate(waited=WAITED).values(*FIELDS, "waited").iterator(chunk_size=2000)
    )
    return rows


@dataclass
class FacilityReport:
    facility: Facility
    start: dt.date
    end: dt.date
    standard: int
    total: Summary
    days: dict[dt.date, Summary]
    polis: dict[int, Summary]
    poli_names: dict[int, str]

    def chart_arrivals(self) -> dict[str, Any]:
        labels = [d.strftime("%d/%m") for d in self.days]
        series = [
            {"label": str(label), "kind": "bar",
             "values": [s.by_channel.get(value, 0) for s in self.days.values()]}
            for value, label in Channel.choices
        ]  # fmt: skip
        series.append(
            {
                "label": _("Dilayani"),
                "kind": "line",
                "values": [s.served for s in self.days.values()],
            }
        )
        return {"type": "bar", "labels": labels, "series": series, "unit": "number"}

    def chart_waiting(self) -> dict[str, Any]:
        return {
            "type": "line",
            "labels": [d.strftime("%d/%m") for d in self.days],
            "series": [
                {
                    "label": _("Tunggu p50 (menit)"),
                    "values": [s.wait_p50 for s in self.days.values()],
                },
                {
                    "label": _("Tunggu p90 (menit)"),
                    "values": [s.wait_p90 for s in self.days.values()],
                },
                {
                    "label": _("Galat perkiraan (MAE, menit)"),
                    "values": [s.eta_mae for s in self.days.values()],
                },
            ],
            "reference": {
                "label": _("Standar %(m)s menit") % {"m": self.standard},
                "value": self.standard,
            },
            "unit": "number",
        }

    def hours(self) -> list[tuple[int, int]]:
        if not self.total.by_hour:
            return []
        first, last = min(self.total.by_hour), max(self.total.by_hour)
        return [(h, self.total.by_hour.get(h, 0)) for h in range(first, last + 1)]

    def chart_hours(self) -> dict[str, Any]:
        hours = self.hours()
        return {
            "type": "bar",
            "labels": [f"{h:02d}.00" for h, _ in hours],
            "series": [{"label": _("Kedatangan (lapor hadir)"), "kind": "bar",
                        "values": [n for _, n in hours]}],
            "unit": "number",
        }  # fmt: skip


def facility_report(
    facility: Facility, *, start: dt.date, end: dt.date, poli_id: int | None = None
) -> FacilityReport:
    tickets = Ticket.objects.filter(
        facility=facility, service_date__gte=start, service_date__lte=end
    )
    if poli_id:
        tickets = tickets.filter(poli_id=poli_id)
    days: dict[dt.date, Summary] = {}
    day = start
    while day <= end:
        days[day] = Summary()
        day += dt.timedelta(days=1)
    polis: dict[int, Summary] = defaultdict(Summary)
    total = Summary()
    for row in _rows(tickets):
        total.add(row)
        days[row["service_date"]].add(row)
        polis[row["poli_id"]].add(row)
    # Closed days (no tickets) would flatten the charts: keep days with data, or all if none.
    kept = {d: s for d, s in days.items() if s.arrivals} or days
    return FacilityReport(
        facility=facility, start=start, end=end, standard=waiting_standard(), total=total,
        days=kept, polis=dict(polis),
        poli_names=dict(facility.polis.values_list("pk", "name")),
    )  # fmt: skip


@dataclass
class ProvinceRow:
    facility: Facility
    summary: Summary


def province_report(
    facilities: QuerySet[Facility], *, start: dt.date, end: dt.date
) -> tuple[list[ProvinceRow], Summary, dict[str, Summary]]:
    """Per facility, in total, and per kabupaten/kota, for the facilities given (scoped)."""
    by_facility: dict[int, Summary] = defaultdict(Summary)
    tickets = Ticket.objects.filter(
        facility__in=facilities, service_date__gte=start, service_date__lte=end
    )
    total = Summary()
    for row in _rows(tickets):
        by_facility[row["facility_id"]].add(row)
        total.add(row)
    rows = [
        ProvinceRow(f, by_facility[f.pk])
        for f in facilities.select_related("kabupaten").order_by("kabupaten__name", "name")
    ]
    by_kabupaten: dict[str, Summary] = defaultdict(Summary)
    for province_row in rows:
        if province_row.summary.arrivals:
            _merge(by_kabupaten[province_row.facility.kabupaten.name], province_row.summary)
    return rows, total, dict(sorted(by_kabupaten.items()))


def _merge(into: Summary, other: Summary) -> None:
    into.arrivals += other.arrivals
    into.by_channel.update(other.by_channel)
    into.served += other.served
    into.no_show += other.no_show
    into.cancelled += other.cancelled
    into.waits.extend(other.waits)
    into.services.extend(other.services)
    into.eta_errors.extend(other.eta_errors)
    into.by_hour.update(other.by_hour)
