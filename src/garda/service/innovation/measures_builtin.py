"""The measures Garda already keeps: the puskesmas queue (waiting time, no-shows), PPID answers
on time, JP compliance; the SKM index joins them when the survey app is present."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from garda.core.models import Unit
from garda.learning.ledger.models import LedgerEntry
from garda.learning.ledger.rules import targets_for_year
from garda.learning.ledger.selectors import employees_in_scope, valid_entries
from garda.queueing.analytics import waiting_standard
from garda.queueing.selectors import no_shows_of_units, waits_of_units
from garda.service.innovation.measures import Figure, Measure, Observations, measure_register
from garda.transparency.ppid.models import InformationRequest

MINUTES = _("menit")
PERCENT = "%"


def _waits(unit_id: int, start: dt.date, end: dt.date) -> Observations:
    return waits_of_units(unit_id=unit_id, start=start, end=end)


def _no_shows(unit_id: int, start: dt.date, end: dt.date) -> Observations:
    return no_shows_of_units(unit_id=unit_id, start=start, end=end)


def _ppid_on_time(unit_id: int, start: dt.date, end: dt.date) -> Observations:
    """Decided requests received start..end: 1 when decided by the (extended) due date."""
    rows = (
        InformationRequest.objects.filter(
            unit__in=Unit.objects.filter(
                path__startswith=Unit.objects.filter(pk=unit_id).values("path")[:1]
            ).values("pk"),
            received_on__gte=start,
            received_on__lte=end,
            decided_on__isnull=False,
        )
        .values_list("received_on", "decided_on", "due_on")
        .order_by()
    )
    return [
        (received, 1.0 if decided <= due else 0.0)
        for received, decided, due in rows
        if decided is not None
    ]


def _jp_compliance(unit_id: int, start: dt.date, end: dt.date) -> Observations:
    """Per serving employee of the unit: 1 when the JP finished in start..end, scaled to a
    year, reach the employee kind's yearly target."""
    root = Unit.objects.filter(pk=unit_id).first()
    if root is None:
        return []
    days = (end - start).days + 1
    targets = targets_for_year(start.year)
    employees = dict(employees_in_scope(user=None, root=root).values_list("pk", "kind"))
    earned: dict[int, Decimal] = defaultdict(Decimal)
    entries = valid_entries(
        LedgerEntry.objects.filter(
            employee_id__in=list(employees), finished_on__gte=start, finished_on__lte=end
        )
    ).values_list("employee_id", "jp")
    for employee_id, jp in entries:
        earned[employee_id] += jp
    found: Observations = []
    for employee_id, kind in sorted(employees.items()):
        target = targets.get(kind)
        if not target:
            continue
        yearly = earned.get(employee_id, Decimal(0)) * Decimal(365) / Decimal(days)
        found.append((start, 1.0 if yearly >= target else 0.0))
    return found


QUEUE_WAIT = Measure(
    key="queue_wait",
    label=_("Waktu tunggu antrean puskesmas"),
    description=_(
        "Menit dari hadir sampai dipanggil pertama kali, pasien yang dipanggil (tanpa yang "
        "tidak hadir)."
    ),
    source=_waits,
    figures=(
        Figure("mean", _("Rata-rata"), "mean", MINUTES, lower_is_better=True),
        Figure("p90", _("Persentil 90"), "quantile", MINUTES, lower_is_better=True, share=0.9),
        Figure(
            "within_standard",
            _("Dipanggil dalam standar waktu tunggu"),
            "at_most",
            PERCENT,
            lower_is_better=False,
            threshold=lambda: float(waiting_standard()),
        ),
    ),
    weekly=True,
)
QUEUE_NO_SHOW = Measure(
    key="queue_no_show",
    label=_("Pasien tidak hadir (antrean)"),
    description=_(
        "Tiket yang tidak hadir dari tiket yang seharusnya datang (selesai + tidak hadir)."
    ),
    source=_no_shows,
    figures=(Figure("rate", _("Tingkat tidak hadir"), "mean", PERCENT, True, scale=100.0),),
    weekly=True,
)
PPID_ON_TIME = Measure(
    key="ppid_on_time",
    label=_("Permohonan informasi diputus tepat waktu"),
    description=_(
        "Permohonan PPID yang diterima dalam periode dan diputus paling lambat batas waktunya."
    ),
    source=_ppid_on_time,
    figures=(Figure("on_time", _("Tepat waktu"), "mean", PERCENT, False, scale=100.0),),
    weekly=False,
)
JP_COMPLIANCE = Measure(
    key="jp_compliance",
    label=_("Kepatuhan JP ASN"),
    description=_("ASN unit yang JP-nya dalam periode, disetahunkan, mencapai target JP tahunan."),
    source=_jp_compliance,
    figures=(Figure("compliant", _("ASN patuh JP"), "mean", PERCENT, False, scale=100.0),),
    weekly=False,
)


def register_all() -> None:
    for measure in (QUEUE_WAIT, QUEUE_NO_SHOW, PPID_ON_TIME, JP_COMPLIANCE):
        measure_register(measure)
