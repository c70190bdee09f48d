"""/api/v1/programs/, /batches/ (public, aggregates only) and /enrollments/ (signed in,
scoped), calling the same selectors and services as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from garda.core.permissions import HasRole, signed_in_user
from garda.learning import selectors, services
from garda.learning.access import APPROVERS, PUBLIC_ACCESS, SIGNED_IN_ACCESS
from garda.learning.filters import BatchFilter, EnrollmentFilter, ProgramFilter
from garda.learning.models import Batch, Enrollment, Program


class ProgramSerializer(serializers.ModelSerializer[Program]):
    form_name = serializers.CharField(source="form.name", read_only=True)
    provider_label = serializers.CharField(read_only=True)

    class Meta:
        model = Program
        fields = [
            "id", "code", "title", "description", "form", "form_name", "jp", "competencies",
            "mode", "provider", "provider_label", "cost_per_participant", "prerequisites",
            "target_jabatan_kinds", "target_golongan", "needs_atasan", "needs_admin_opd",
            "needs_bpsdm", "needs_surat_tugas", "min_attendance_percent",
            "post_test_required", "pass_mark", "evaluation_delay_months",
        ]  # fmt: skip
        read_only_fields = fields


class BatchSerializer(serializers.ModelSerializer[Batch]):
    seats_taken = serializers.IntegerField(read_only=True)
    waitlist = serializers.IntegerField(read_only=True)
    budget_line = serializers.IntegerField(source="budget_line_id", read_only=True)

    class Meta:
        model = Batch
        fields = [
            "id", "program", "name", "place", "online_link", "seats", "seats_taken",
            "waitlist", "registration_opens", "registration_closes", "starts_on", "ends_on",
            "status", "cost", "budget_line",
        ]  # fmt: skip
        read_only_fields = fields


class EnrollmentSerializer(serializers.ModelSerializer[Enrollment]):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)

    class Meta:
        model = Enrollment
        fields = ["id", "batch", "employee", "employee_name", "status", "refusal_reason",
                  "created_at", "completed_at"]  # fmt: skip
        read_only_fields = fields


class RefuseSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


class ProgramViewSet(viewsets.ReadOnlyModelViewSet[Program]):
    """The public training catalog: programs with their JP, prerequisites and the jabatan and
    golongan they are meant for. Public."""

    access = PUBLIC_ACCESS
    permission_classes = [HasRole]
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilter
    queryset = Program.objects.none()

    def get_queryset(self) -> Any:
        return selectors.program_list_public().prefetch_related(
            "prerequisites", "target_jabatan_kinds", "target_golongan"
        )


class AnnotatedPagination(PageNumberPagination):
    """The project's capped pagination re-reads a page's rows by id, which drops the seat
    counts annotated on batches; a batch list is short, so the plain paginator serves."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class BatchViewSet(viewsets.ReadOnlyModelViewSet[Batch]):
    """Batches (angkatan) of the catalog's programs with their dates and free seats. Public;
    registering needs a signed-in ASN."""

    access = PUBLIC_ACCESS
    permission_classes = [HasRole]
    pagination_class = AnnotatedPagination
    serializer_class = BatchSerializer
    filterset_class = BatchFilter
    queryset = Batch.objects.none()

    def get_queryset(self) -> Any:
        return selectors.batch_list_public()

    @extend_schema(request=None, responses={201: EnrollmentSerializer},
                   summary="Daftarkan diri ke angkatan ini (ASN)")  # fmt: skip
    @action(detail=True, methods=["post"], access=SIGNED_IN_ACCESS)
    def register(self, request: Request, pk: str | None = None) -> Response:
        """The signed-in ASN registers for this batch; the enrolment then waits for its
        approvals (atasan, then the organiser)."""
        enrollment = services.enrollment_register(
            actor=signed_in_user(request._request), batch_id=self.get_object().pk
        )
        return Response(EnrollmentSerializer(enrollment).data, status=status.HTTP_201_CREATED)


class EnrollmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Enrollment]
):
    """Enrolments the caller may see: an ASN its own, an atasan and admins those of their
    scope, newest first."""

    access = SIGNED_IN_ACCESS
    permission_classes = [HasRole]
    serializer_class = EnrollmentSerializer
    filterset_class = EnrollmentFilter
    queryset = Enrollment.objects.none()

    def get_queryset(self) -> Any:
        return selectors.enrollment_list(user=self.request.user).order_by("-created_at")

    @extend_schema(request=None, responses={200: EnrollmentSerializer},
                   summary="Setujui tahap persetujuan berikutnya")  # fmt: skip
    @action(detail=True, methods=["post"], access=APPROVERS)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """Approve the enrolment's next approval step, as the approver that step needs."""
        enrollment = services.enrollment_approve(
            actor=signed_in_user(request._request), enrollment_id=self.get_object().pk
        )
        return Response(EnrollmentSerializer(enrollment).data)

    @extend_schema(request=RefuseSerializer, responses={200: EnrollmentSerializer},
                   summary="Tolak pendaftaran dengan alasan")  # fmt: skip
    @action(detail=True, methods=["post"], access=APPROVERS)
    def refuse(self, request: Request, pk: str | None = None) -> Response:
        """Refuse the enrolment, with the reason the ASN will read."""
        data = RefuseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrollment = services.enrollment_refuse(
            actor=signed_in_user(request._request), enrollment_id=self.get_object().pk,
            reason=data.validated_data["reason"],
        )  # fmt: skip
        return Response(EnrollmentSerializer(enrollment).data)
