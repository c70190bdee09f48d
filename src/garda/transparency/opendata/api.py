"""Public API of the open-data catalog: datasets with Satu Data metadata and versions."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers, viewsets

from garda.core.permissions import HasRole, access_for
from garda.core.roles import PUBLIC
from garda.transparency.opendata import selectors
from garda.transparency.opendata.models import Dataset, DatasetVersion


class DatasetVersionSerializer(serializers.ModelSerializer[DatasetVersion]):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DatasetVersion
        fields = ["version", "generated_at", "sha256", "row_count", "byte_size", "download_url"]

    def get_download_url(self, version: DatasetVersion) -> str:
        return selectors.absolute(
            reverse(
                "transparency:opendata:version",
                kwargs={"slug": version.dataset.slug, "version": version.version},
            )
        )


class DatasetSerializer(serializers.ModelSerializer[Dataset]):
    versions = DatasetVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Dataset
        fields = [
            "slug", "title", "description", "keywords", "produsen", "konsep", "definisi",
            "satuan", "klasifikasi", "rumus", "periode", "tahun", "metodologi", "pemelihara",
            "pemelihara_email", "urusan", "license_url", "versions",
        ]  # fmt: skip


class DatasetViewSet(viewsets.ReadOnlyModelViewSet[Dataset]):
    """The open datasets and their versions. Public."""

    access = access_for(PUBLIC)
    permission_classes = [HasRole]
    serializer_class = DatasetSerializer
    lookup_field = "slug"
    queryset = Dataset.objects.none()
    filterset_fields: list[str] = []

    def get_queryset(self) -> Any:
        return selectors.dataset_list().prefetch_related("versions__dataset")
