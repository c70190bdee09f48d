"""Test helpers of this app, including the sample URL parameters the project's role-matrix
test (garda/core/tests/test_role_matrix.py) needs for this app's parameterised routes."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from garda.core.calendar import NonWorkingDay, NonWorkingKind
from garda.core.models import Unit
from garda.core.org.services import unit_create
from garda.queueing.models import Counter, Facility, OpeningHours, Poli
from garda.queueing.services import ticket_issue

# url name -> reason it is left out of the role matrix (e.g. POST only, covered elsewhere)
ROLE_MATRIX_SKIP: dict[str, str] = {}

_codes = itertools.count(1)

POLIS = [("001", "Poli Umum", "A"), ("002", "Poli Gigi & Mulut", "B"), ("003", "Poli KIA", "C")]


def _unit(code: str, name: str, kind: str, parent: Unit | None = None) -> Unit:

    existing = Unit.objects.filter(code=code).first()
    return existing or unit_create(actor=None, code=code, name=name, kind=kind, parent=parent)


def keep_calendar_years() -> None:
    """Make this year and the next "kept" in core's calendar with no national holiday but
    31 December, so a test's dates never fall on a holiday by accident of the day it runs."""
    year = timezone.localdate().year
    for y in (year, year + 1):
        NonWorkingDay.objects.get_or_create(
            date=dt.date(y, 12, 31),
            defaults={"kind": NonWorkingKind.CUTI_BERSAMA, "name": "Uji"},
        )


def make_facility(
    *,
    code: str | None = None,
    unit: Unit | None = None,
    always_open: bool = True,
    counters: int = 1,
    **extra: Any,
) -> Facility:
    """A puskesmas with polis 001/002/003 (A/B/C) and one counter each. `always_open` opens it
    00:00-23:59 every day, so tests do not depend on the hour they run."""
    n = next(_codes)
    code = code or f"UJI{n:03d}"
    kabupaten = _unit("UJI-KAB", "Kabupaten Uji", "instansi")
    if unit is None:
        unit = _unit(f"UJI-PKM-{code}", f"Puskesmas {code}", "puskesmas", kabupaten)
    facility = Facility.objects.create(
        code=code, name=f"Puskesmas Uji {code}", kabupaten=kabupaten, unit=unit, **extra
    )
    for weekday in range(7 if always_open else 6):
        OpeningHours.objects.create(
            facility=facility,
            weekday=weekday,
            opens=dt.time(0, 0) if always_open else dt.time(7, 30),
            closes=dt.time(23, 59, 59) if always_open else dt.time(14, 0),
        )
    for bpjs_code, name, prefix in POLIS:
        poli = Poli.objects.create(facility=facility, bpjs_code=bpjs_code, name=name, prefix=prefix)
        for i in range(counters):
            Counter.objects.create(poli=poli, name=f"Ruang {prefix}{i + 1}")
    keep_calendar_years()
    return facility


_matrix_facilities: dict[int | None, Facility] = {}


def _matrix_facility(user: Any) -> Facility:
    """A facility in the user's own unit, so every staff role that may run a console may run
    this one (and the others must still be refused by role)."""
    unit = getattr(user, "unit", None)
    key = unit.pk if unit is not None else None
    facility = _matrix_facilities.get(key)
    # A test rolled back may leave a remembered facility whose id a later test reuses for
    # another one: the code must match too.
    if (
        facility is None
        or not Facility.objects.filter(pk=facility.pk, code=facility.code, unit=unit).exists()
    ):
        facility = make_facility(unit=unit) if unit is not None else make_facility()
        _matrix_facilities[key] = facility
    return facility


def _matrix_ticket(facility: Facility) -> str:

    ticket = facility.tickets.first() or ticket_issue(
        actor=None,
        poli_id=facility.polis.get(bpjs_code="001").pk,
        service_date=timezone.localdate(),
        channel="kiosk",
    )
    return ticket.booking_code


def role_matrix_params() -> dict[str, Any]:
    """url name -> kwargs dict, or a callable(user) -> kwargs dict."""

    def code(user: Any) -> dict[str, Any]:
        return {"code": _matrix_facility(user).code}

    def booking(user: Any) -> dict[str, Any]:
        return {"booking_code": _matrix_ticket(_matrix_facility(user))}

    def receipt(user: Any) -> dict[str, Any]:
        facility = _matrix_facility(user)
        return {"code": facility.code, "booking_code": _matrix_ticket(facility)}

    def counter(user: Any) -> dict[str, Any]:
        facility = _matrix_facility(user)
        first = Counter.objects.filter(poli__facility=facility).order_by("pk").first()
        return {"code": facility.code, "counter_id": first.pk if first else 0}

    def action(user: Any) -> dict[str, Any]:
        return {**counter(user), "action": "panggil"}

    by_code = [
        "facility", "facility_board", "book", "kiosk", "kiosk_check_in", "kiosk_walk_in",
        "display", "display_feed", "console_facility", "console_check_in", "console_issue",
        "analytics_facility", "analytics_facility_excel", "manage_facility", "manage_hours",
        "manage_rule",
    ]  # fmt: skip
    by_booking = ["ticket", "ticket_status", "ticket_cancel", "api:queue-ticket-detail"]
    params: dict[str, Any] = {f"queueing:{name}": code for name in by_code}
    params.update({name if ":" in name else f"queueing:{name}": booking for name in by_booking})
    params["queueing:kiosk_receipt"] = receipt
    params["queueing:console_counter"] = counter
    params["queueing:console_counter_fragment"] = counter
    params["queueing:console_action"] = action

    def part(user: Any) -> dict[str, Any]:
        facility = _matrix_facility(user)
        return {"code": facility.code, "kind": "poli", "pk": facility.polis.first().pk}  # type: ignore[union-attr]

    params["queueing:manage_part_new"] = lambda user: {**code(user), "kind": "dokter"}
    params["queueing:manage_part"] = part
    params["queueing:manage_part_delete"] = part
    params["queueing:manage_parameter"] = {"key": "retention_days"}
    return params
