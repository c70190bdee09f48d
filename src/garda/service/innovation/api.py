"""/api/v1/innovations/: anyone reads the published innovations (with their measured impact);
a signed-in editor also reads the drafts in its scope and registers or edits innovations
through the same services as the pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from garda.core.filters import MAX_ID
from garda.core.models import User
from garda.core.permissions import HasRole, access_for
from garda.core.roles import PUBLIC
from garda.service.innovation import services
from garda.service.innovation.models import Innovation
from garda.service.innovation.selectors import registry as selectors
from garda.service.innovation.selectors.impact import impacts_of
from garda.service.innovation.services.registry import EDITABLE_FIELDS

if TYPE_CHECKING:
    from rest_framework.permissions import _SupportsHasPermission


class InnovationSerializer(serializers.ModelSerializer[Innovation]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    instansi_code = serializers.CharField(source="instansi.code", read_only=True)
    instansi_name = serializers.CharField(source="instansi.name", read_only=True)
    impacts = serializers.SerializerMethodField()

    class Meta:
        model = Innovation
        fields = [
            "id",
            "title",
            "unit",
            "unit_name",
            "instansi_code",
            "instansi_name",
            "status",
            "stage",
            "initiated_on",
            "trial_on",
            "applied_on",
            "sector",
            "kind",
            "form",
            "problem",
            "idea",
            "change",
            "beneficiaries",
            "beneficiary_count",
            "cost",
            "video_url",
            "stopped_on",
            "impacts",
        ]
        read_only_fields = fields

    def get_impacts(self, obj: Innovation) -> list[dict[str, Any]]:
        return impacts_of(obj)


class InnovationWriteSerializer(serializers.ModelSerializer[Innovation]):
    unit = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)

    class Meta:
        model = Innovation
        fields = ["unit", *EDITABLE_FIELDS]
        extra_kwargs = {"title": {"required": False}}


class InnovationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Innovation],
):
    """Innovations of ASN and units: anyone reads the published ones; a signed-in user also
    reads and writes the drafts of its scope."""

    # A path id that is not a number is "not found", not a crash in int() below.
    lookup_value_regex = r"[0-9]{1,18}"

    # Reads are public (published items); writes need a signed-in user, and the services
    # decide the rest (editor role, scope, an ASN's own unit).
    access = access_for(PUBLIC)
    permission_classes = [HasRole]
    serializer_class = InnovationSerializer
    queryset = Innovation.objects.none()

    def get_permissions(self) -> Sequence[_SupportsHasPermission]:
        if self.action in {"list", "retrieve"}:
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_queryset(self) -> Any:
        return selectors.innovations_readable(user=self.request.user).order_by("pk")

    def _user(self) -> User:
        user = self.request.user
        assert isinstance(user, User)  # noqa: S101  # HasRole let only signed-in users through
        return user

    @extend_schema(request=InnovationWriteSerializer, responses={201: InnovationSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = InnovationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        user = self._user()
        unit_id = data.pop("unit", None) or user.unit_id
        created = services.innovation_create(actor=user, unit_id=unit_id or 0, **data)
        return Response(InnovationSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InnovationWriteSerializer, responses={200: InnovationSerializer})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = InnovationWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("unit", None)
        updated = services.innovation_update(
            actor=self._user(), innovation_id=int(kwargs["pk"]), **data
        )
        return Response(InnovationSerializer(updated).data)
