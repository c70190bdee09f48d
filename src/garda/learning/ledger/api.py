"""/api/v1/jp-ledger/ (entries in scope), /api/v1/jp-compliance/ (per ASN per year) and
/api/v1/jp-external/ (submit, list, approve, refuse): the selectors and services the pages
use, with the same access declarations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound as DrfNotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from garda.core.access import scope_by_unit
from garda.core.errors import NotFound
from garda.core.org.selectors import unit_get
from garda.core.pagination import GardaPageNumberPagination
from garda.core.params import id_from
from garda.core.permissions import HasRole, signed_in_user
from garda.learning.ledger import policy, selectors
from garda.learning.ledger.filters import LedgerEntryFilter
from garda.learning.ledger.models import ExternalLearning, LearningForm, LedgerEntry
from garda.learning.ledger.rules import targets_for_year
from garda.learning.ledger.services.external import (
    external_approve,
    external_refuse,
    external_submit,
)
from garda.learning.ledger.views import year_from
from garda.people.models import Employee


class LedgerEntrySerializer(serializers.ModelSerializer[LedgerEntry]):
    form_code = serializers.CharField(source="form.code", read_only=True)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)

    class Meta:
        model = LedgerEntry
        fields = [
            "id", "employee", "employee_name", "year", "started_on", "finished_on", "form",
            "form_code", "title", "provider", "jp", "stated_jp", "quantity", "abroad",
            "certificate_number", "source_kind", "status", "revoked_reason", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class LedgerEntryViewSet(viewsets.ReadOnlyModelViewSet[LedgerEntry]):
    """Ledger entries: an ASN its own, atasan/admins/auditors those of their scope."""

    access = policy.READ_ACCESS
    permission_classes = [HasRole]
    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilter
    queryset = LedgerEntry.objects.none()

    def get_queryset(self) -> Any:
        return selectors.entries_visible(user=self.request.user).order_by("-finished_on", "-pk")


class ComplianceRowSerializer(serializers.Serializer[Employee]):
    employee = serializers.IntegerField(source="pk")
    nip = serializers.CharField()
    name = serializers.CharField(source="full_name")
    kind = serializers.CharField()
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.CharField(source="unit.name")
    year = serializers.SerializerMethodField()
    total_jp = serializers.DecimalField(max_digits=7, decimal_places=1)
    target_jp = serializers.SerializerMethodField()
    compliant = serializers.SerializerMethodField()

    def _target(self, obj: Employee) -> Decimal:
        targets: dict[str, Decimal] = self.context["targets"]
        return targets.get(obj.kind, Decimal("0"))

    def get_year(self, obj: Employee) -> int:
        return int(self.context["year"])

    def get_target_jp(self, obj: Employee) -> str:
        return f"{self._target(obj):.1f}"

    def get_compliant(self, obj: Employee) -> bool:
        return bool(getattr(obj, "total_jp", 0) >= self._target(obj))


class AnnotatedPagination(PageNumberPagination):
    """Django's paginator: the rows carry the year's total, which an id-first reload drops."""

    django_paginator_class = Paginator
    page_size = GardaPageNumberPagination.page_size
    page_size_query_param = "page_size"
    max_page_size = GardaPageNumberPagination.max_page_size


class ComplianceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Employee]):
    """Each ASN in scope with its JP of `year` (default this year) against the target."""

    access = policy.DASHBOARD_ACCESS
    permission_classes = [HasRole]
    serializer_class = ComplianceRowSerializer
    pagination_class = AnnotatedPagination
    queryset = Employee.objects.none()
    filterset_class = None

    def _year(self) -> int:
        return year_from(self.request._request)

    def get_queryset(self) -> Any:
        user = self.request.user
        root = None
        raw = self.request.query_params.get("unit", "")
        if raw:
            unit_id = id_from(raw)
            if unit_id is None:
                raise DrfNotFound
            try:  # one query: the unit read through the scope rule (core.org)
                root = unit_get(user=user, unit_id=unit_id)
            except NotFound:
                raise DrfNotFound from None
        return selectors.compliance_rows(user=user, year=self._year(), root=root)

    def get_serializer_context(self) -> dict[str, Any]:
        year = self._year()
        context = dict(super().get_serializer_context())
        context.update(year=year, targets=targets_for_year(year))
        return context

    @extend_schema(
        parameters=[
            OpenApiParameter("tahun", int, description="Tahun (bawaan: tahun ini)"),
            OpenApiParameter("unit", int, description="Id instansi/OPD sebagai akar"),
        ],
        summary="Kepatuhan JP per ASN",
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


class ExternalLearningSerializer(serializers.ModelSerializer[ExternalLearning]):
    form = serializers.PrimaryKeyRelatedField(queryset=LearningForm.objects.filter(active=True))
    evidence = serializers.FileField(write_only=True)
    entry_jp = serializers.DecimalField(
        source="entry.jp", max_digits=5, decimal_places=1, read_only=True, default=None
    )

    class Meta:
        model = ExternalLearning
        fields = [
            "id", "employee", "form", "title", "provider", "started_on", "finished_on",
            "quantity", "stated_jp", "abroad", "certificate_number", "evidence", "status",
            "refusal_reason", "decided_at", "entry", "entry_jp", "created_at",
        ]  # fmt: skip
        read_only_fields = [
            "id", "employee", "status", "refusal_reason", "decided_at", "entry", "entry_jp",
            "created_at",
        ]  # fmt: skip


class ExternalRefuseSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=300)


class ExternalLearningViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[ExternalLearning],
):
    """An ASN submits learning done elsewhere (multipart, with `evidence`); an admin in
    scope approves it (the JP is computed then) or refuses it with a reason."""

    access = policy.OWN_ACCESS
    permission_classes = [HasRole]
    serializer_class = ExternalLearningSerializer
    parser_classes = [MultiPartParser, FormParser]
    queryset = ExternalLearning.objects.none()

    def get_queryset(self) -> Any:

        return scope_by_unit(
            ExternalLearning.objects.select_related("entry", "form"),
            self.request.user,
            unit_field="employee__unit",
            self_field="employee__user",
        ).order_by("-created_at")

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = external_submit(
            actor=signed_in_user(self.request._request),
            form_id=data["form"].pk,
            title=data["title"],
            provider=data["provider"],
            started_on=data["started_on"],
            finished_on=data["finished_on"],
            quantity=data.get("quantity") or 0,
            stated_jp=data.get("stated_jp"),
            abroad=data.get("abroad", False),
            certificate_number=data.get("certificate_number", ""),
            evidence=data["evidence"],
        )

    @extend_schema(request=None, responses=LedgerEntrySerializer, summary="Setujui pengajuan")
    @action(detail=True, methods=["post"], parser_classes=[FormParser, MultiPartParser])
    def approve(self, request: Request, pk: str) -> Response:
        if not policy.VERIFY_ACCESS.allows(request.user):
            self.permission_denied(request)
        entry = external_approve(actor=signed_in_user(request._request), submission_id=int(pk))
        return Response(LedgerEntrySerializer(entry).data)

    @extend_schema(request=ExternalRefuseSerializer, responses=ExternalLearningSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request: Request, pk: str) -> Response:
        if not policy.VERIFY_ACCESS.allows(request.user):
            self.permission_denied(request)
        body = ExternalRefuseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        submission = external_refuse(
            actor=signed_in_user(request._request),
            submission_id=int(pk),
            reason=body.validated_data["reason"],
        )
        return Response(ExternalLearningSerializer(submission).data)
