"""Reading the conversion rules and targets from their rows, for a given employee and year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from garda.core.errors import ValidationFailed
from garda.learning.ledger.conversion import Activity, PastEntry, Rule, compute_jp, usage_from
from garda.learning.ledger.models import ConversionRule, EntryStatus, JPTarget, LedgerEntry


def rule_for(form_id: int) -> Rule:
    row = ConversionRule.objects.filter(form_id=form_id).first()
    if row is None:
        # A form an admin added without a rule counts what its certificate states.
        return Rule(unit="stated")
    return Rule(
        unit=row.unit,
        jp_per_unit=row.jp_per_unit,
        cap_per_day=row.cap_per_day,
        cap_sessions_per_month=row.cap_sessions_per_month,
        abroad_bonus_percent=row.abroad_bonus_percent,
    )


def jp_for_activity(*, employee_id: int, form_id: int, activity: Activity) -> Decimal:
    """JP of an activity, with the caps across the employee's other valid entries of the same
    form in the days (and month) it touches."""
    rule = rule_for(form_id)
    if rule.unit == "stated" and activity.stated_jp is None:
        raise ValidationFailed(
            "Isi JP yang tercantum pada sertifikat.",
            "Enter the JP stated on the certificate.",
            errors=[{"field": "stated_jp", "message": "JP pada sertifikat wajib diisi."}],
        )
    month_start = activity.started_on.replace(day=1)
    window_start = min(month_start, activity.started_on)
    window_end = max(activity.finished_on, _month_end(activity.started_on))
    past = [
        PastEntry(started_on=s, finished_on=f, jp=jp, quantity=q)
        for s, f, jp, q in LedgerEntry.objects.filter(
            employee_id=employee_id,
            form_id=form_id,
            status=EntryStatus.VALID,
            started_on__lte=window_end,
            finished_on__gte=window_start,
        ).values_list("started_on", "finished_on", "jp", "quantity")
    ]
    return compute_jp(rule, activity, usage_from(past, rule.unit))


def _month_end(day: dt.date) -> dt.date:
    first_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def targets_for_year(year: int) -> dict[str, Decimal]:
    """employee kind -> target JP for `year` (the latest row valid from that year or before)."""
    found: dict[str, Decimal] = {}
    for row in JPTarget.objects.filter(valid_from_year__lte=year).order_by(
        "employee_kind", "-valid_from_year"
    ):
        found.setdefault(row.employee_kind, row.target_jp)
    return found
