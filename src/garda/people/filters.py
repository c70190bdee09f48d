"""One FilterSet per list, shared by the page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from garda.core.access import subtree_ids
from garda.core.filters import IdFilter
from garda.core.models import Unit, UnitKind, User
from garda.people.models import (
    EducationLevel,
    Employee,
    EmployeeKind,
    EmployeeStatus,
    EmployeeWord,
    Golongan,
    JabatanKind,
)
from garda.people.selectors import employee_search, employee_search_ids

# Menus whose value is on the employee row only, not on its search words.
EMPLOYEE_ROW_FILTERS = ("kind", "golongan", "jabatan_kind", "education", "status")


class UnitFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    q = django_filters.CharFilter(method="filter_search", label=_("Cari"))
    search = django_filters.CharFilter(method="filter_search", label=_("Cari"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Jenis"))
    parent = IdFilter(field_name="parent_id", label=_("Induk"))

    class Meta:
        model = Unit
        fields = ["kind", "parent"]

    def filter_search(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        return queryset.filter(name__icontains=value) | queryset.filter(code__istartswith=value)


def _subtree(queryset: QuerySet[Employee], unit_id: int | None) -> QuerySet[Employee]:
    if not unit_id:
        return queryset
    unit = Unit.objects.filter(pk=unit_id).only("path").first()
    if unit is None:
        return queryset.none()
    return queryset.filter(unit__in=subtree_ids(unit))


class EmployeeFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    q = django_filters.CharFilter(method="filter_search", label=_("Cari nama atau NIP"))
    # The API's conventional name for the same search.
    search = django_filters.CharFilter(method="filter_search", label=_("Cari"))
    instansi = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.filter(kind=UnitKind.INSTANSI),
        method="in_subtree",
        label=_("Instansi"),
    )
    opd = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.filter(kind=UnitKind.OPD), method="in_subtree", label=_("OPD")
    )
    unit = IdFilter(method="in_subtree_id", label=_("Unit kerja"))
    kind = django_filters.ChoiceFilter(choices=EmployeeKind.choices, label=_("Jenis pegawai"))
    golongan = django_filters.ModelChoiceFilter(
        queryset=Golongan.objects.all(), label=_("Golongan")
    )
    jabatan_kind = django_filters.ModelChoiceFilter(
        queryset=JabatanKind.objects.all(), label=_("Jenis jabatan")
    )
    education = django_filters.ModelChoiceFilter(
        field_name="education_level",
        queryset=EducationLevel.objects.all(),
        label=_("Pendidikan"),
    )
    status = django_filters.ChoiceFilter(choices=EmployeeStatus.choices, label=_("Status"))

    class Meta:
        model = Employee
        fields = ["kind", "golongan", "jabatan_kind", "status"]

    def filter_search(
        self, queryset: QuerySet[Employee], name: str, value: str
    ) -> QuerySet[Employee]:
        return employee_search(queryset, value)

    def ordered_ids(self, user: User | AnonymousUser) -> QuerySet[EmployeeWord, int] | None:
        """The filtered list's ids in order from the search words alone
        (`employee_search_ids`), when nothing but one search and the unit menus narrow it;
        None otherwise (another menu needs the employee row, or the search is a NIP)."""
        if not self.is_valid():
            return None
        data = self.form.cleaned_data
        if any(data.get(name) for name in EMPLOYEE_ROW_FILTERS):
            return None
        texts = [text for text in (data.get("q"), data.get("search")) if text]
        if len(texts) != 1:
            return None
        within = [data[name] for name in ("instansi", "opd") if data.get(name)]
        if data.get("unit"):
            unit = Unit.objects.filter(pk=data["unit"]).only("path").first()
            if unit is None:
                return None
            within.append(unit)
        return employee_search_ids(user=user, text=texts[0], within=within)

    def in_subtree(self, queryset: QuerySet[Employee], name: str, value: Any) -> QuerySet[Employee]:
        return _subtree(queryset, value.pk if value else None)

    def in_subtree_id(
        self, queryset: QuerySet[Employee], name: str, value: int | None
    ) -> QuerySet[Employee]:
        return _subtree(queryset, value)
