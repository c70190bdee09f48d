from __future__ import annotations

from typing import Any

from rest_framework import serializers, viewsets

from garda.core.permissions import SIGNED_IN, HasRole
from garda.people import selectors
from garda.people.filters import UnitFilter
from garda.people.models import Unit


class UnitSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent", "active_from", "active_until"]


class UnitViewSet(viewsets.ReadOnlyModelViewSet[Unit]):
    access = SIGNED_IN
    permission_classes = [HasRole]
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    queryset = Unit.objects.none()

    def get_queryset(self) -> Any:
        return selectors.unit_list(user=self.request.user)
