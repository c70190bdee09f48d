"""Core API: who am I, job progress, the audit log for auditors."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from garda.core import selectors
from garda.core.audit.models import NEWEST_FIRST, AuditEntry, SignedTreeHead
from garda.core.models import Job, User
from garda.core.permissions import SIGNED_IN, HasRole, access_for
from garda.core.roles import PUBLIC, Role


class MeSerializer(serializers.Serializer[User]):
    """Declared field by field: a ModelSerializer builds its fields again from the model on
    every answer, which was a fifth of this endpoint's time."""

    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)
    unit = serializers.IntegerField(source="unit_id", allow_null=True, read_only=True)
    unit_name = serializers.CharField(source="unit.name", default=None, read_only=True)


class MeView(APIView):
    """The signed-in account: username, name, role and unit. Any signed-in role."""

    access = SIGNED_IN
    permission_classes = [HasRole]

    @extend_schema(responses=MeSerializer, summary="Pengguna yang sedang masuk")
    def get(self, request: Request) -> Response:
        """The signed-in account: username, name, role and unit (with its name)."""
        return Response(MeSerializer(request.user).data)  # type: ignore[arg-type]  # HasRole admits only signed-in users


class JobSerializer(serializers.ModelSerializer[Job]):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "status",
            "total",
            "done",
            "percent",
            "message",
            "result",
            "created_at",
            "finished_at",
        ]


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Job]):
    """Background jobs (imports, exports, certificate runs) the caller started, with their
    progress in percent and their result once finished."""

    access = SIGNED_IN
    permission_classes = [HasRole]
    serializer_class = JobSerializer
    queryset = Job.objects.none()

    def get_queryset(self) -> Any:
        return selectors.job_list(user=self.request.user)  # type: ignore[arg-type]

    def get_object(self) -> Job:
        return selectors.job_get(user=self.request.user, job_id=int(self.kwargs["pk"]))  # type: ignore[arg-type]


class AuditEntrySerializer(serializers.ModelSerializer[AuditEntry]):
    class Meta:
        model = AuditEntry
        fields = [
            "seq",
            "created_at",
            "actor",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_label",
            "before",
            "after",
            "leaf_hash",
        ]


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet[AuditEntry]):
    """The append-only audit log, newest first: who did what to which object, before and
    after (personal fields masked), and each entry's leaf hash. Auditors and admin_provinsi."""

    access = access_for(Role.AUDITOR, Role.ADMIN_PROVINSI)
    permission_classes = [HasRole]
    serializer_class = AuditEntrySerializer
    queryset = AuditEntry.objects.order_by(*NEWEST_FIRST)
    lookup_field = "seq"
    filterset_fields = ["action", "object_type", "object_id"]


class TreeHeadSerializer(serializers.ModelSerializer[SignedTreeHead]):
    class Meta:
        model = SignedTreeHead
        fields = ["tree_size", "root_hash", "signed_at", "signature", "key_id"]


class TreeHeadViewSet(viewsets.ReadOnlyModelViewSet[SignedTreeHead]):
    """Signed tree heads of the audit log (RFC 9162 Merkle tree): size, root hash, Ed25519
    signature and key id, largest first. Auditors and admin_provinsi."""

    access = access_for(Role.AUDITOR, Role.ADMIN_PROVINSI)
    permission_classes = [HasRole]
    serializer_class = TreeHeadSerializer
    queryset = SignedTreeHead.objects.order_by("-tree_size", "-signed_at")


class SchemaView(SpectacularAPIView):
    """The OpenAPI document is public: it describes the API, never its data."""

    access = access_for(PUBLIC)
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from local files, its script served separately to satisfy the CSP."""

    access = access_for(PUBLIC)
    permission_classes = [AllowAny]
    template_name = "core/api/swagger_ui.html"
    title = "Garda API"
