"""FilterSets shared by the catalog page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from garda.core.filters import IdFilter
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Batch, BatchStatus, Enrollment, EnrollmentStatus, Mode, Program


class ProgramFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    q = django_filters.CharFilter(method="search", label=_("Cari"), max_length=100)
    bentuk = django_filters.ModelChoiceFilter(
        field_name="form", queryset=LearningForm.objects.all(), label=_("Bentuk")
    )
    mode = django_filters.ChoiceFilter(choices=Mode.choices, label=_("Moda"))

    class Meta:
        model = Program
        fields = ["q", "bentuk", "mode"]

    def search(self, queryset: QuerySet[Program], name: str, value: str) -> QuerySet[Program]:
        return queryset.filter(Q(title__icontains=value) | Q(competencies__icontains=value))


class BatchFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    program = IdFilter(field_name="program_id")
    status = django_filters.ChoiceFilter(choices=BatchStatus.choices)

    class Meta:
        model = Batch
        fields = ["program", "status"]


class EnrollmentFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    batch = IdFilter(field_name="batch_id")
    status = django_filters.ChoiceFilter(choices=EnrollmentStatus.choices)

    class Meta:
        model = Enrollment
        fields = ["batch", "status"]
