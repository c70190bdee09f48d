"""API of the ASN registry and the unit tree: the same filters, scoping and services as pages."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from garda.core.api_rows import PreparedRepresentation
from garda.core.models import Unit
from garda.core.org.selectors import unit_list
from garda.core.permissions import SIGNED_IN, HasRole, access_for
from garda.people import selectors, services
from garda.people.filters import EmployeeFilter, UnitFilter
from garda.people.models import Employee
from garda.people.views import EMPLOYEE_ADMINS, EMPLOYEE_DETAIL_ACCESS


class UnitSerializer(serializers.ModelSerializer[Unit]):
    # The head is kept by the registry (people.UnitHead); the field stays as it always was.
    head = serializers.IntegerField(
        source="head_post.employee_id", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent", "head", "active_from", "active_until"]


class UnitViewSet(viewsets.ReadOnlyModelViewSet[Unit]):
    """The organisation tree: governments (instansi), OPD and their units with their parent,
    head and period of validity."""

    access = SIGNED_IN
    permission_classes = [HasRole]
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    queryset = Unit.objects.none()

    def get_queryset(self) -> Any:
        return unit_list(user=self.request.user).select_related("head_post")


class EmployeeSerializer(PreparedRepresentation, serializers.ModelSerializer[Employee]):
    """Rows written by readers prepared once (core.api_rows): 50 rows of 23 fields per list
    page went through DRF's per-field attribute machinery on every request."""

    full_name = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    golongan_code = serializers.CharField(source="golongan.code", default=None, read_only=True)

    class Meta:
        model = Employee
        fields = [
            "id", "nip", "kind", "name", "gelar_depan", "gelar_belakang", "full_name",
            "birth_place", "birth_date", "gender", "golongan", "golongan_code", "tmt_golongan",
            "jabatan_name", "jabatan_kind", "unit", "unit_name", "education_level",
            "education_major", "education_institution", "email", "phone", "status",
        ]  # fmt: skip
        read_only_fields = ["id", "nip"]


# What EmployeeSerializer reads: its model fields (a relation's id is on the row), the unit's
# name and the golongan's code (its declared fields; `full_name` is made from name and titles).
EMPLOYEE_LIST_COLUMNS = (
    *(
        name
        for name in EmployeeSerializer.Meta.fields
        if name not in {"full_name", "unit_name", "golongan_code"}
    ),
    "unit__name",
    "golongan__code",
)


class EmployeeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Employee],
):
    """List and read the employees you may see; admins change them (PATCH) via the service."""

    access = EMPLOYEE_DETAIL_ACCESS
    permission_classes = [HasRole]
    serializer_class = EmployeeSerializer
    filterset_class = EmployeeFilter
    queryset = Employee.objects.none()
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        user = self.request.user
        narrowed = selectors.employee_list_is_narrowed(user=user, params=self.request.query_params)
        return selectors.employee_ordered(selectors.employee_list(user=user), narrowed=narrowed)

    def ordered_ids(self, queryset: Any) -> Any:
        """The page's ids from the search words when only a search narrows (GardaPageNumber-
        Pagination asks; see EmployeeFilter.ordered_ids)."""
        filtered = EmployeeFilter(self.request.query_params, queryset=queryset)
        return filtered.ordered_ids(self.request.user)

    def page_rows(self, ids: list[int]) -> list[Employee]:
        """A list page's employees with only the columns the serializer shows (GardaPageNumber-
        Pagination asks): no timestamps to parse, no jabatan kind or education level rows to
        build, for fields that show their ids only (decision 0020, Revision 2)."""
        return selectors.employees_with_columns(ids, EMPLOYEE_LIST_COLUMNS)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not access_for(*EMPLOYEE_ADMINS).allows(request.user):
            self.permission_denied(request)
        employee = self.get_object()
        serializer = self.get_serializer(employee, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = {}
        for name, value in serializer.validated_data.items():
            field = Employee._meta.get_field(name)
            values[f"{name}_id" if field.is_relation else name] = (
                value.pk if field.is_relation and value is not None else value
            )
        change = services.employee_update(actor=request.user, employee=employee, values=values)  # type: ignore[arg-type]  # HasRole admitted a signed-in user
        return Response(self.get_serializer(change.employee).data)
