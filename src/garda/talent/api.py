"""/api/v1/ip-asn/: the IP ASN of each ASN in the caller's scope (an ASN: itself) for a year,
the rows `garda ip_asn` prints, paged."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound as DrfNotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from garda.core.errors import NotFound
from garda.core.pagination import GardaPageNumberPagination
from garda.core.params import year_from as parse_year
from garda.core.permissions import HasRole
from garda.talent import policy
from garda.talent.params import unit_param
from garda.talent.selectors.ipasn import ip_asn_rows

ROW = inline_serializer(
    "IpAsnRow",
    {
        "nip": serializers.CharField(),
        "kualifikasi": serializers.FloatField(),
        "kompetensi": serializers.FloatField(),
        "kinerja": serializers.FloatField(),
        "disiplin": serializers.FloatField(),
        "total": serializers.FloatField(),
        "kategori": serializers.CharField(),
        "missing": serializers.ListField(child=serializers.CharField()),
    },
)


class ListPagination(PageNumberPagination):
    """Garda's page sizes over a computed list (Django's paginator; no ids to page by)."""

    django_paginator_class = Paginator
    page_size = GardaPageNumberPagination.page_size
    page_size_query_param = "page_size"
    max_page_size = GardaPageNumberPagination.max_page_size


class IpAsnViewSet(viewsets.ViewSet):
    """Indeks Profesionalitas ASN per ASN for a year (?tahun=), in the caller's scope: the four
    dimensions, the total, the category and what is missing."""

    access = policy.API_READ
    permission_classes = [HasRole]

    @extend_schema(
        parameters=[
            OpenApiParameter("tahun", int, description="Tahun (bawaan: tahun ini)"),
            OpenApiParameter("unit", int, description="Id instansi/OPD sebagai akar"),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses=ROW,
        summary="Indeks Profesionalitas ASN per ASN",
    )
    def list(self, request: Request) -> Response:
        year = parse_year(request.query_params.get("tahun"))
        try:
            root = unit_param(request.user, request.query_params.get("unit"))
            rows: list[dict[str, Any]] = list(ip_asn_rows(user=request.user, year=year, root=root))
        except NotFound as error:
            raise DrfNotFound(error.message) from error
        paginator = ListPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(page)
