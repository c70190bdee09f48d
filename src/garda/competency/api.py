"""/api/v1/competencies/, /api/v1/competency-standards/, /api/v1/competency-assessments/
(list, create by an assessor), /api/v1/competency-gaps/ (per ASN: gaps, JPM, bands),
/api/v1/development-plans/ and /api/v1/competency-plan/ (the province plan of a year): the
selectors and services the pages use, with the same access declarations, scoped."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from garda.competency import access, selectors, services
from garda.competency.models import Assessment, Competency, DevelopmentPlan, PlanItem, Standard
from garda.competency.selectors import annual
from garda.competency.selectors import dictionary as dictionary_selectors
from garda.core.access import scope_by_unit
from garda.core.params import year_from
from garda.core.permissions import HasRole, signed_in_user
from garda.people.models import Employee
from garda.people.selectors import employee_by_nip_required


class LevelSerializer(serializers.Serializer[Any]):
    level = serializers.IntegerField()
    description = serializers.CharField()


class CompetencySerializer(serializers.ModelSerializer[Competency]):
    levels = LevelSerializer(many=True, read_only=True)
    instansi_code = serializers.CharField(source="instansi.code", default=None, read_only=True)

    class Meta:
        model = Competency
        fields = ["id", "code", "name", "kind", "description", "instansi", "instansi_code",
                  "edition", "levels"]  # fmt: skip
        read_only_fields = fields


class CompetencyViewSet(viewsets.ReadOnlyModelViewSet[Competency]):
    """The dictionary: national competencies and the caller's instansi's technical ones."""

    access = access.SIGNED_IN_ACCESS
    permission_classes = [HasRole]
    serializer_class = CompetencySerializer
    queryset = Competency.objects.none()

    def get_queryset(self) -> Any:
        return dictionary_selectors.competency_list(user=self.request.user).order_by("order", "pk")


class StandardSerializer(serializers.ModelSerializer[Standard]):
    competency_code = serializers.CharField(source="competency.code", read_only=True)
    jabatan_kind_code = serializers.CharField(source="jabatan_kind.code", read_only=True)

    class Meta:
        model = Standard
        fields = ["id", "instansi", "jabatan_kind", "jabatan_kind_code", "jabatan_name",
                  "jabatan_key", "competency", "competency_code", "level"]  # fmt: skip
        read_only_fields = fields


class StandardViewSet(viewsets.ReadOnlyModelViewSet[Standard]):
    """Competency standards per jabatan kind and jabatan: the level each competency needs, in
    the caller's scope."""

    access = access.ADMIN_READ
    permission_classes = [HasRole]
    serializer_class = StandardSerializer
    queryset = Standard.objects.none()

    def get_queryset(self) -> Any:
        return dictionary_selectors.standard_list(
            user=self.request.user, instansi_id=None
        ).order_by("pk")


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    nip = serializers.CharField(write_only=True)
    competency_code = serializers.CharField(source="competency.code", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "employee", "nip", "competency", "competency_code", "level",
                  "assessed_on", "method", "institution", "created_at"]  # fmt: skip
        read_only_fields = ["id", "employee", "competency_code", "created_at"]


class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Assessment],
):
    """Assessment results in scope (an ASN its own); POST records one (assessors only)."""

    access = access.SIGNED_IN_ACCESS
    permission_classes = [HasRole]
    serializer_class = AssessmentSerializer
    queryset = Assessment.objects.none()

    def get_queryset(self) -> Any:
        return selectors.assessments_visible(user=self.request.user).order_by("-assessed_on", "pk")

    def perform_create(self, serializer: Any) -> None:
        user = signed_in_user(self.request)
        data = serializer.validated_data
        employee = employee_by_nip_required(user=user, nip=data["nip"])
        serializer.instance = services.assessment_record(
            actor=user, employee_id=employee.pk, competency_id=data["competency"].pk,
            level=data["level"], assessed_on=data["assessed_on"], method=data["method"],
            institution=data.get("institution", ""),
        )  # fmt: skip


class GapLineSerializer(serializers.Serializer[Any]):
    """One competency of an ASN: standard, achieved level and gap (the schema of the answer)."""

    competency = serializers.CharField()
    standard = serializers.IntegerField(allow_null=True)
    achieved = serializers.IntegerField(allow_null=True)
    gap = serializers.IntegerField(allow_null=True)
    assessed_on = serializers.DateField(allow_null=True)


class GapRowSerializer(serializers.Serializer[Any]):
    """An assessed ASN's gaps, JPM and bands (the schema of the answer)."""

    employee = serializers.IntegerField()
    nip = serializers.CharField()
    name = serializers.CharField()
    jpm = serializers.FloatField(allow_null=True)
    jpm_capped = serializers.BooleanField()
    bands = serializers.DictField(child=serializers.CharField())
    gaps = GapLineSerializer(many=True)


class PlanLineSerializer(serializers.Serializer[Any]):
    """One line of the province plan (the schema of the answer)."""

    year = serializers.IntegerField()
    key = serializers.CharField()
    title = serializers.CharField()
    program = serializers.IntegerField(allow_null=True)
    provider = serializers.CharField()
    participants = serializers.IntegerField()
    jp = serializers.DecimalField(max_digits=9, decimal_places=1)
    cost = serializers.IntegerField()
    batches = serializers.ListField(child=serializers.IntegerField())


class GapViewSet(viewsets.ReadOnlyModelViewSet[Employee]):
    """Per assessed ASN in scope: the gap per competency, JPM and its bands."""

    access = access.SIGNED_IN_ACCESS
    permission_classes = [HasRole]
    queryset = Employee.objects.none()

    def get_queryset(self) -> Any:
        assessed = selectors.gaps_visible(user=self.request.user).values("employee_id")
        return (
            scope_by_unit(Employee.objects.all(), self.request.user, self_field="user")
            .filter(pk__in=assessed)
            .order_by("pk")
        )

    def get_serializer_class(self) -> Any:
        return GapRowSerializer

    def _row(self, employee: Employee) -> dict[str, Any]:
        jpm = selectors.jpm_for(employee.pk)
        return {
            "employee": employee.pk,
            "nip": employee.nip,
            "name": employee.full_name,
            "jpm": float(jpm.value) if jpm.value is not None else None,
            "jpm_capped": jpm.capped,
            "bands": {scheme: code for scheme, (code, _label) in jpm.bands.items()},
            "gaps": [
                {
                    "competency": g.code,
                    "standard": g.standard,
                    "achieved": g.achieved,
                    "gap": g.gap,
                    "assessed_on": g.assessed_on,
                }
                for g in selectors.gaps_for(employee.pk)
            ],
        }

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = [self._row(e) for e in (page if page is not None else self.get_queryset())]
        return self.get_paginated_response(rows) if page is not None else Response(rows)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self._row(self.get_object()))


class PlanItemSerializer(serializers.ModelSerializer[PlanItem]):
    competency_code = serializers.CharField(source="competency.code", default=None)

    class Meta:
        model = PlanItem
        fields = ["id", "competency_code", "gap", "program", "option", "title", "jp", "cost"]
        read_only_fields = fields


class DevelopmentPlanSerializer(serializers.ModelSerializer[DevelopmentPlan]):
    items = PlanItemSerializer(many=True, read_only=True)

    class Meta:
        model = DevelopmentPlan
        fields = ["id", "employee", "year", "status", "submitted_at", "decided_at", "note",
                  "items"]  # fmt: skip
        read_only_fields = fields


class DevelopmentPlanViewSet(viewsets.ReadOnlyModelViewSet[DevelopmentPlan]):
    """Individual development plans (IDP): the caller's own, those it approves as atasan, or
    those of its scope for an admin."""

    access = access.SIGNED_IN_ACCESS
    permission_classes = [HasRole]
    serializer_class = DevelopmentPlanSerializer
    queryset = DevelopmentPlan.objects.none()

    def get_queryset(self) -> Any:
        return scope_by_unit(
            DevelopmentPlan.objects.prefetch_related("items__competency"),
            self.request.user, unit_field="employee__unit", self_field="employee__user",
        ).order_by("-year", "pk")  # fmt: skip


class PlanLineViewSet(viewsets.ViewSet):
    """The province plan of a year (`?tahun=`): one line per program or option, in scope."""

    access = access.PLAN_READ
    permission_classes = [HasRole]

    @extend_schema(
        parameters=[OpenApiParameter("tahun", int, description="tahun rencana")],
        responses=PlanLineSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        year = year_from(request.query_params.get("tahun"))
        lines = annual.province_plan(user=request.user, year=year)
        return Response([
            {"year": year, "key": ln.key, "title": ln.title, "program": ln.program_id,
             "provider": ln.provider, "participants": ln.participant_count, "jp": ln.jp,
             "cost": ln.cost, "batches": [b.pk for b in ln.batches]}
            for ln in lines
        ])  # fmt: skip
