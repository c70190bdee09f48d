"""/api/v1/information-requests/: officers and auditors read the requests in their scope (the
same selector and filters as the console); anyone may submit one (POST, throttled), through
the same service as the public form. No personal data is returned: the name comes masked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, BaseThrottle

from garda.core.filters import MAX_ID

if TYPE_CHECKING:
    from rest_framework.permissions import _SupportsHasPermission
from django.utils import timezone

from garda.core.permissions import HasRole
from garda.transparency.ppid import policy, selectors, services
from garda.transparency.ppid.filters import RequestFilter
from garda.transparency.ppid.intake import RequestInput
from garda.transparency.ppid.models import (
    CopyDelivery,
    InformationRequest,
    ObtainMethod,
    RequesterKind,
)


class InformationRequestSerializer(serializers.ModelSerializer[InformationRequest]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    requester = serializers.CharField(source="masked_name", read_only=True)
    extended = serializers.BooleanField(read_only=True)
    overdue = serializers.SerializerMethodField()
    objection_outcome = serializers.SerializerMethodField()

    class Meta:
        model = InformationRequest
        fields = [
            "id", "tracking_code", "unit", "unit_name", "channel", "requester", "status",
            "received_on", "original_due_on", "due_on", "extended", "extended_on",
            "extension_reason", "processed_on", "decided_on", "decision", "exemption_article",
            "response_days", "overdue", "overdue_on", "objection_outcome",
        ]  # fmt: skip
        read_only_fields = fields

    def get_overdue(self, obj: InformationRequest) -> bool:

        return obj.is_open and obj.due_on < timezone.localdate()

    def get_objection_outcome(self, obj: InformationRequest) -> str | None:
        """None: no objection; "": filed, not answered yet; else the outcome."""
        objection = getattr(obj, "objection", None)
        return None if objection is None else objection.outcome


class SubmitSerializer(serializers.Serializer[Any]):
    """The public form's fields. The answer is the tracking code and the due date."""

    unit = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    requester_kind = serializers.ChoiceField(choices=RequesterKind.choices)
    requester_name = serializers.CharField(max_length=200)
    requester_nik = serializers.CharField(max_length=16, required=False, allow_blank=True)
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    address = serializers.CharField(max_length=2000)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    details = serializers.CharField(max_length=10000)
    purpose = serializers.CharField(max_length=5000)
    obtain_method = serializers.ChoiceField(choices=ObtainMethod.choices)
    copy_delivery = serializers.ChoiceField(
        choices=CopyDelivery.choices, required=False, allow_blank=True
    )
    consent = serializers.BooleanField()


class SubmitReceiptSerializer(serializers.Serializer[Any]):
    tracking_code = serializers.CharField()
    received_on = serializers.DateField()
    due_on = serializers.DateField()


class PublicSubmitThrottle(AnonRateThrottle):
    """Anonymous submissions per client address; signed-in clients are not throttled here."""

    rate = "20/hour"


class InformationRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[InformationRequest],
):
    """Public-information requests (PPID): officers list and read those of their scope; anyone
    may file one (POST, no account, rate-limited)."""

    access = policy.CONSOLE_ACCESS
    permission_classes = [HasRole]
    serializer_class = InformationRequestSerializer
    filterset_class = RequestFilter
    queryset = InformationRequest.objects.none()

    def get_permissions(self) -> Sequence[_SupportsHasPermission]:
        if self.action == "create":
            return [AllowAny()]
        return super().get_permissions()

    def get_throttles(self) -> list[BaseThrottle]:
        if self.action == "create":
            return [PublicSubmitThrottle()]
        return super().get_throttles()

    def get_serializer_class(self) -> Any:
        return SubmitSerializer if self.action == "create" else InformationRequestSerializer

    def get_queryset(self) -> Any:
        return selectors.request_list(user=self.request.user)

    @extend_schema(
        request=SubmitSerializer,
        responses={201: SubmitReceiptSerializer},
        summary="Ajukan permohonan informasi publik (tanpa masuk)",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """File a request for public information; the answer names its number and the date
        by which the PPID must answer (10 working days, UU 14/2008)."""
        serializer = SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        consent = bool(data.pop("consent"))
        data["unit_id"] = data.pop("unit")
        created = services.request_submit(
            actor=request.user, data=RequestInput(**data), consent=consent
        )
        receipt = {
            "tracking_code": created.tracking_code,
            "received_on": created.received_on,
            "due_on": created.due_on,
        }
        return Response(SubmitReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)
