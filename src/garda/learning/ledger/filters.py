"""Filters of the ledger entries, shared by the API and the pages."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from garda.core.access import subtree_ids
from garda.core.filters import IdFilter
from garda.core.models import Unit
from garda.learning.ledger.models import EntryStatus, LearningForm, LedgerEntry, SourceKind


class LedgerEntryFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    year = django_filters.NumberFilter(min_value=2000, max_value=2100, label=_("Tahun"))
    employee = IdFilter(field_name="employee_id", label=_("Pegawai"))
    nip = django_filters.CharFilter(field_name="employee__nip", label=_("NIP"))
    form = django_filters.ModelChoiceFilter(queryset=LearningForm.objects.all(), label=_("Bentuk"))
    status = django_filters.ChoiceFilter(choices=EntryStatus.choices, label=_("Status"))
    source_kind = django_filters.ChoiceFilter(choices=SourceKind.choices, label=_("Sumber"))
    unit = IdFilter(method="filter_unit", label=_("Instansi/OPD"))

    class Meta:
        model = LedgerEntry
        fields: list[str] = []

    def filter_unit(
        self, queryset: QuerySet[LedgerEntry], name: str, value: Any
    ) -> QuerySet[LedgerEntry]:
        root = Unit.objects.filter(pk=value).first()
        if root is None:
            return queryset.none()
        return queryset.filter(employee__unit__in=subtree_ids(root))
