"""The rule rows as the rules page lists them (no personal data: the same for every admin)."""

from __future__ import annotations

from django.db.models import QuerySet

from garda.core.errors import NotFound
from garda.studies.models import (
    AccreditationGrade,
    EligibilityRule,
    FundingSource,
    PangkatAdjustment,
)


def rule_list() -> QuerySet[EligibilityRule]:
    return EligibilityRule.objects.order_by("kind", "level")


def rule_get(rule_id: int) -> EligibilityRule:
    rule = EligibilityRule.objects.filter(pk=rule_id).first()
    if rule is None:
        raise NotFound("Aturan tidak ditemukan.", "Rule not found.")
    return rule


def funding_source_list() -> QuerySet[FundingSource]:
    return FundingSource.objects.order_by("name")


def funding_source_get(source_id: int) -> FundingSource:
    source = FundingSource.objects.filter(pk=source_id).first()
    if source is None:
        raise NotFound("Sumber dana tidak ditemukan.", "Funding source not found.")
    return source


def grade_list() -> QuerySet[AccreditationGrade]:
    return AccreditationGrade.objects.order_by("rank", "code")


def pangkat_adjustment_list() -> QuerySet[PangkatAdjustment]:
    return PangkatAdjustment.objects.order_by("level")


def pangkat_adjustment_get(row_id: int) -> PangkatAdjustment:
    row = PangkatAdjustment.objects.filter(pk=row_id).first()
    if row is None:
        raise NotFound("Aturan tidak ditemukan.", "Rule not found.")
    return row
