"""/api/v1/study-assignments/ (signed in, scoped) with the eligibility decision and the
approval step as actions, calling the same selectors and services as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from garda.core.permissions import HasRole, signed_in_user
from garda.studies.access import APPROVERS, SIGNED_IN_ACCESS
from garda.studies.models import AccreditedProgram, StudyAssignment, StudyKind, StudyLevel
from garda.studies.selectors import studies as selectors
from garda.studies.selectors.eligibility import study_check
from garda.studies.services import applications
from garda.studies.views import employee_for


class StudyAssignmentSerializer(serializers.ModelSerializer[StudyAssignment]):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    institution = serializers.CharField(source="program.institution", read_only=True)
    program_name = serializers.CharField(source="program.name", read_only=True)
    funding = serializers.CharField(source="funding_source.code", read_only=True)

    class Meta:
        model = StudyAssignment
        fields = [
            "id",
            "employee",
            "employee_name",
            "kind",
            "level",
            "program",
            "institution",
            "program_name",
            "funding",
            "starts_on",
            "planned_months",
            "extended_months",
            "status",
            "next_step",
            "decree_code",
            "released_from_post",
            "return_planned_on",
            "returned_on",
            "return_post",
            "return_uses_degree",
            "graduated_on",
            "degree",
            "created_at",
        ]
        read_only_fields = fields


class EligibilityQuery(serializers.Serializer[Any]):
    nip = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=StudyKind.choices)
    level = serializers.ChoiceField(choices=StudyLevel.choices)
    on = serializers.DateField()
    program = serializers.PrimaryKeyRelatedField(
        queryset=AccreditedProgram.objects.select_related("grade"),
        required=False,
        allow_null=True,
        default=None,
    )
    exception_3t = serializers.BooleanField(required=False, default=False)


class DecisionSerializer(serializers.Serializer[Any]):
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    not_checked = serializers.ListField(child=serializers.CharField())


class DecideSerializer(serializers.Serializer[Any]):
    approved = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class StudyAssignmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[StudyAssignment]
):
    """Tugas belajar and izin belajar in the caller's scope, from application to service bond."""

    access = SIGNED_IN_ACCESS
    permission_classes = [HasRole]
    serializer_class = StudyAssignmentSerializer
    queryset = StudyAssignment.objects.none()

    def get_queryset(self) -> Any:
        return selectors.assignment_list(user=self.request.user)

    # POST, so that a NIP never sits in a URL (access logs); it reads and writes nothing.
    @extend_schema(
        request=EligibilityQuery,
        responses={200: DecisionSerializer},
        summary="Periksa syarat tugas/izin belajar (nip kosong: diri sendiri)",
    )
    @action(detail=False, methods=["post"], access=SIGNED_IN_ACCESS)
    def eligibility(self, request: Request) -> Response:
        """Decide eligibility for a degree study: a NIP, the kind, the level and a date (and a
        programme, optionally); the answer names each reason for a refusal."""
        query = EligibilityQuery(data=request.data)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        user = signed_in_user(request._request)
        decision = study_check(
            employee=employee_for(user, data["nip"]),
            kind=data["kind"],
            level=data["level"],
            on=data["on"],
            program=data["program"],
            exception_3t=data["exception_3t"],
        )
        return Response(decision.as_dict())

    @extend_schema(
        request=DecideSerializer,
        responses={200: StudyAssignmentSerializer},
        summary="Putuskan tahap persetujuan berikutnya",
    )
    @action(detail=True, methods=["post"], access=APPROVERS)
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """Approve or refuse the next step of an application's chain (atasan, head of OPD,
        BKD); someone outside the chain is refused and nothing changes."""
        data = DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        study = applications.application_decide(
            actor=signed_in_user(request._request),
            assignment_id=self.get_object().pk,
            approved=data.validated_data["approved"],
            note=data.validated_data["note"],
        )
        return Response(StudyAssignmentSerializer(study).data)


def register(router: DefaultRouter) -> None:
    router.register("study-assignments", StudyAssignmentViewSet, basename="study-assignment")
