"""The officers' request list filters, shared by the console page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from garda.core.access import subtree_ids
from garda.core.filters import IdFilter
from garda.core.models import Unit
from garda.transparency.ppid.models import Channel, Decision, InformationRequest, RequestStatus
from garda.transparency.ppid.selectors import overdue_filter, request_search

YES_NO = [("1", _("Ya")), ("0", _("Tidak"))]


class RequestFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    q = django_filters.CharFilter(method="filter_search", label=_("Cari kode atau nama"))
    # The API's conventional name for the same search.
    search = django_filters.CharFilter(method="filter_search", label=_("Cari"))
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label=_("Lewat batas waktu")
    )
    extended = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_extended", label=_("Diperpanjang")
    )
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Cara masuk"))
    decision = django_filters.ChoiceFilter(choices=Decision.choices, label=_("Keputusan"))
    year = django_filters.NumberFilter(
        field_name="received_on", lookup_expr="year", min_value=2000, max_value=2200,
        label=_("Tahun diterima"),
    )  # fmt: skip
    unit = IdFilter(method="filter_unit", label=_("Instansi/OPD"))

    class Meta:
        model = InformationRequest
        fields = ["status", "channel", "decision"]

    def filter_search(
        self, queryset: QuerySet[InformationRequest], name: str, value: str
    ) -> QuerySet[InformationRequest]:
        return request_search(queryset, value)

    def filter_overdue(
        self, queryset: QuerySet[InformationRequest], name: str, value: str
    ) -> QuerySet[InformationRequest]:
        condition = overdue_filter(timezone.localdate())
        return queryset.filter(condition) if value == "1" else queryset.exclude(condition)

    def filter_extended(
        self, queryset: QuerySet[InformationRequest], name: str, value: str
    ) -> QuerySet[InformationRequest]:
        return queryset.filter(Q(extended_on__isnull=value != "1"))

    def filter_unit(
        self, queryset: QuerySet[InformationRequest], name: str, value: Any
    ) -> QuerySet[InformationRequest]:
        if not value:
            return queryset
        unit = Unit.objects.filter(pk=value).only("path").first()
        return queryset.filter(unit__in=subtree_ids(unit)) if unit else queryset.none()
