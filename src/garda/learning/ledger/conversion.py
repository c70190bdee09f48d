"""Turning one learning activity into JP by its form's conversion rule (Peraturan LAN 10/2018
annex, kept as rows in ConversionRule).

`compute_jp` is pure: the caller passes what the ASN already earned in the same form on each
day and the sessions already counted in each month, so the caps apply across entries. Every
figure is rounded half-up to one decimal, as JP are printed on certificates."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from garda.learning.ledger.models_rules import RuleUnit

ZERO = Decimal("0")
ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Rule:
    """The numbers of one ConversionRule row (a plain value so tests need no database)."""

    unit: str
    jp_per_unit: Decimal | None = None
    cap_per_day: Decimal | None = None
    cap_sessions_per_month: int | None = None
    abroad_bonus_percent: Decimal = Decimal("20")


@dataclass(frozen=True)
class Activity:
    started_on: dt.date
    finished_on: dt.date
    # Sessions (per session), semesters (per semester) or days (per day; 0 = from the dates).
    quantity: int = 0
    # The JP on the certificate (unit "stated"), ignored by the other units.
    stated_jp: Decimal | None = None
    abroad: bool = False


@dataclass(frozen=True)
class Usage:
    """What the same ASN already earned in the same form: JP per day, sessions per month."""

    jp_by_day: Mapping[dt.date, Decimal] = field(default_factory=dict)
    sessions_by_month: Mapping[tuple[int, int], int] = field(default_factory=dict)


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def days_of(started_on: dt.date, finished_on: dt.date) -> list[dt.date]:
    return [started_on + dt.timedelta(days=n) for n in range((finished_on - started_on).days + 1)]


def semesters_between(started_on: dt.date, finished_on: dt.date) -> int:
    """Whole or begun semesters (six months) between two dates; at least one."""
    months = (finished_on.year - started_on.year) * 12 + finished_on.month - started_on.month + 1
    return max(1, math.ceil(months / 6))


def _capped_by_day(
    days: list[dt.date], wanted_per_day: Decimal, cap: Decimal | None, usage: Usage
) -> Decimal:
    if cap is None:
        return wanted_per_day * len(days)
    total = ZERO
    for day in days:
        room = max(ZERO, cap - usage.jp_by_day.get(day, ZERO))
        total += min(wanted_per_day, room)
    return total


def compute_jp(rule: Rule, activity: Activity, usage: Usage | None = None) -> Decimal:
    """JP earned by `activity` under `rule`, after the caps and the abroad bonus."""
    usage = usage or Usage()
    if activity.finished_on < activity.started_on:
        raise ValueError("finished_on before started_on")
    per_unit = rule.jp_per_unit or ZERO
    days = days_of(activity.started_on, activity.finished_on)
    if rule.unit == RuleUnit.SEMESTER:
        count = activity.quantity or semesters_between(activity.started_on, activity.finished_on)
        jp = per_unit * count
    elif rule.unit == RuleUnit.DAY:
        if activity.quantity and activity.quantity < len(days):
            days = days[: activity.quantity]  # attended fewer days than the span
        jp = _capped_by_day(days, per_unit, rule.cap_per_day, usage)
    elif rule.unit == RuleUnit.SESSION:
        sessions = max(activity.quantity, 1)
        if rule.cap_sessions_per_month is not None:
            month = (activity.started_on.year, activity.started_on.month)
            room = max(0, rule.cap_sessions_per_month - usage.sessions_by_month.get(month, 0))
            sessions = min(sessions, room)
        jp = per_unit * sessions
    elif rule.unit == RuleUnit.ACTIVITY:
        jp = per_unit
    elif rule.unit == RuleUnit.STATED:
        stated = activity.stated_jp or ZERO
        if rule.cap_per_day is None:
            jp = stated
        else:
            # The certificate's hours spread evenly over its days, each day capped.
            per_day = stated / len(days)
            jp = min(stated, _capped_by_day(days, per_day, rule.cap_per_day, usage))
    else:
        raise ValueError(f"unknown unit {rule.unit!r}")
    if activity.abroad and rule.abroad_bonus_percent:
        jp = jp * (1 + rule.abroad_bonus_percent / 100)
    return _round(jp)


@dataclass(frozen=True)
class PastEntry:
    started_on: dt.date
    finished_on: dt.date
    jp: Decimal
    quantity: int


def usage_from(entries: Iterable[PastEntry], unit: str) -> Usage:
    """Spread earlier entries over their days (JP) or months (sessions) for the caps."""
    jp_by_day: dict[dt.date, Decimal] = {}
    sessions: dict[tuple[int, int], int] = {}
    for entry in entries:
        if unit == RuleUnit.SESSION:
            month = (entry.started_on.year, entry.started_on.month)
            sessions[month] = sessions.get(month, 0) + max(entry.quantity, 1)
            continue
        days = days_of(entry.started_on, entry.finished_on)
        share = entry.jp / len(days)
        for day in days:
            jp_by_day[day] = jp_by_day.get(day, ZERO) + share
    return Usage(jp_by_day=jp_by_day, sessions_by_month=sessions)
