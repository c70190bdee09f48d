"""Reading the conversion rules and targets from their rows, and applying a rule to one
activity: `apply_rule` is the one place where a stated JP meets the form's rule (the entry gets
min(stated, rule)); every ledger write reaches it through `services.ledger_entries_record`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from garda.core.errors import ValidationFailed
from garda.learning.ledger.conversion import Activity, PastEntry, Rule, compute_jp, usage_from
from garda.learning.ledger.models import ConversionRule, JPTarget
from garda.learning.ledger.models_rules import RuleUnit

# A form an admin added without a rule counts what its certificate states.
STATED_AS_IS = Rule(unit=RuleUnit.STATED)


def _rule(row: ConversionRule) -> Rule:
    return Rule(
        unit=row.unit,
        jp_per_unit=row.jp_per_unit,
        cap_per_day=row.cap_per_day,
        cap_sessions_per_month=row.cap_sessions_per_month,
        abroad_bonus_percent=row.abroad_bonus_percent,
    )


def rule_for(form_id: int) -> Rule:
    row = ConversionRule.objects.filter(form_id=form_id).first()
    return STATED_AS_IS if row is None else _rule(row)


def rules_for(form_ids: Iterable[int]) -> dict[int, Rule]:
    """The rules of many forms in one query (forms without a row count as stated)."""
    wanted = set(form_ids)
    found = {row.form_id: _rule(row) for row in ConversionRule.objects.filter(form_id__in=wanted)}
    return {form_id: found.get(form_id, STATED_AS_IS) for form_id in wanted}


def needs_history(rule: Rule) -> bool:
    """Whether the ASN's other entries of the form can lower this one (a cap across entries)."""
    return rule.cap_per_day is not None or rule.cap_sessions_per_month is not None


@dataclass(frozen=True)
class JPOutcome:
    """What a write records: `jp`, and why — what the rule gives and what the source stated."""

    jp: Decimal
    rule_jp: Decimal
    stated_jp: Decimal | None

    @property
    def capped(self) -> bool:
        return self.stated_jp is not None and self.jp < self.stated_jp


def require_stated(rule: Rule, stated_jp: Decimal | None) -> None:
    if rule.unit == RuleUnit.STATED and stated_jp is None:
        raise ValidationFailed(
            "Isi JP yang tercantum pada sertifikat.",
            "Enter the JP stated on the certificate.",
            errors=[{"field": "stated_jp", "message": "JP pada sertifikat wajib diisi."}],
        )


def apply_rule(rule: Rule, activity: Activity, earlier: Iterable[PastEntry]) -> JPOutcome:
    """JP of `activity` under `rule`, with the caps across the ASN's `earlier` entries of the
    same form. A "stated" form takes the certificate's figure as its input (capped per day,
    abroad bonus after the caps); any other form gives its own figure, and a certificate that
    states fewer JP than that keeps its lower figure: min(stated, rule)."""
    rule_jp = compute_jp(rule, activity, usage_from(earlier, rule.unit))
    stated = activity.stated_jp
    if rule.unit == RuleUnit.STATED or stated is None:
        return JPOutcome(jp=rule_jp, rule_jp=rule_jp, stated_jp=stated)
    return JPOutcome(jp=min(stated, rule_jp), rule_jp=rule_jp, stated_jp=stated)


def history_window(activity: Activity) -> tuple[dt.date, dt.date]:
    """The days whose entries can cap `activity`: its span and its start's calendar month."""
    month_start = activity.started_on.replace(day=1)
    return min(month_start, activity.started_on), max(
        activity.finished_on, _month_end(activity.started_on)
    )


def _month_end(day: dt.date) -> dt.date:
    first_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def _number(value: Decimal | int, lang: str) -> str:
    text = f"{Decimal(value).normalize():f}"
    return text if lang == "en" else text.replace(".", ",")


def describe_rule(rule: Rule, lang: str = "id") -> str:
    """The rule in words, for the warning on a capped row ("3 JP per hari")."""
    en = lang.startswith("en")
    lang = "en" if en else "id"
    per = _number(rule.jp_per_unit or 0, lang)
    if rule.unit == RuleUnit.STATED:
        if rule.cap_per_day is None:
            return "JP as stated on the certificate" if en else "JP sesuai sertifikat"
        cap = _number(rule.cap_per_day, lang)
        return f"at most {cap} JP per day" if en else f"paling banyak {cap} JP per hari"
    if rule.unit == RuleUnit.SESSION:
        text = f"{per} JP per session" if en else f"{per} JP per sesi"
        if rule.cap_sessions_per_month is not None:
            n = rule.cap_sessions_per_month
            text += (
                f", at most {n} sessions a month" if en else f", paling banyak {n} sesi per bulan"
            )
        return text
    unit = {
        RuleUnit.DAY: ("per day", "per hari"),
        RuleUnit.SEMESTER: ("per semester", "per semester"),
        RuleUnit.ACTIVITY: ("per activity", "per kegiatan"),
    }.get(RuleUnit(rule.unit), ("", ""))
    text = f"{per} JP {unit[0] if en else unit[1]}"
    if rule.unit == RuleUnit.DAY and rule.cap_per_day is not None:
        cap = _number(rule.cap_per_day, lang)
        text += f", at most {cap} JP a day" if en else f", paling banyak {cap} JP per hari"
    return text


def cap_warning(outcome: JPOutcome, rule: Rule, lang: str = "id") -> str:
    """ "JP dibatasi aturan konversi dari 10 menjadi 6 (paling banyak 3 JP per hari)"."""
    en = lang.startswith("en")
    code = "en" if en else "id"
    stated = _number(outcome.stated_jp or 0, code)
    jp = _number(outcome.jp, code)
    rule_text = describe_rule(rule, code)
    if en:
        return f"JP capped by the conversion rule from {stated} to {jp} ({rule_text})"
    return f"JP dibatasi aturan konversi dari {stated} menjadi {jp} ({rule_text})"


def targets_for_year(year: int) -> dict[str, Decimal]:
    """employee kind -> target JP for `year` (the latest row valid from that year or before)."""
    found: dict[str, Decimal] = {}
    for row in JPTarget.objects.filter(valid_from_year__lte=year).order_by(
        "employee_kind", "-valid_from_year"
    ):
        found.setdefault(row.employee_kind, row.target_jp)
    return found
