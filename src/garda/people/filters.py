from __future__ import annotations

import django_filters

from garda.core.filters import IdFilter
from garda.people.models import Unit, UnitKind


class UnitFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    q = django_filters.CharFilter(method="search", label="Cari")
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label="Jenis")
    parent = IdFilter(field_name="parent_id", label="Induk")

    class Meta:
        model = Unit
        fields = ["kind", "parent"]

    def search(self, queryset, name, value):  # type: ignore[no-untyped-def]  # django-filter hook
        return queryset.filter(name__icontains=value) | queryset.filter(code__istartswith=value)
