"""Filters of the budget lines API (year, unit by code, program, over-pagu)."""

from __future__ import annotations

import django_filters
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from garda.core.models import Unit
from garda.transparency.budget.models import BudgetLine


class BudgetLineFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    year = django_filters.NumberFilter(field_name="year", label=_("Tahun"))
    unit = django_filters.CharFilter(method="filter_unit", label=_("Kode unit"))
    program = django_filters.CharFilter(field_name="program_code", label=_("Kode program"))
    kegiatan = django_filters.CharFilter(field_name="kegiatan_code", label=_("Kode kegiatan"))
    over_pagu = django_filters.BooleanFilter(method="filter_over", label=_("Melebihi pagu"))

    class Meta:
        model = BudgetLine
        fields = ["year"]

    def filter_unit(
        self, queryset: QuerySet[BudgetLine], name: str, value: str
    ) -> QuerySet[BudgetLine]:
        """The unit and everything below it (an instansi, an OPD, a bidang)."""
        return queryset.filter(unit__path__startswith=_path_of(value))

    def filter_over(
        self, queryset: QuerySet[BudgetLine], name: str, value: bool | None
    ) -> QuerySet[BudgetLine]:
        if value is None:
            return queryset
        pagu = Coalesce(F("pagu_perubahan"), F("pagu_murni"))
        return (
            queryset.filter(realisasi_total__gt=pagu)
            if value
            else queryset.exclude(realisasi_total__gt=pagu)
        )


def _path_of(code: str) -> str:

    path = Unit.objects.filter(code=code).values_list("path", flat=True).first()
    return path or "/nowhere/"
