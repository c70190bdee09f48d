"""The OpenAPI document declares the errors the API really answers: every operation lists its
4xx answers as RFC 9457 problem details (`application/problem+json`, the body that
core.api_errors.problem_details_handler writes), so a client generated from the document
knows them.

Which 4xx an operation can give follows from the view, as DRF decides at run time: 400 when
it reads a body or query parameters, 401 and 403 unless it is public, 404 when its path names
an object, 429 when it is throttled.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers
from rest_framework.permissions import AllowAny

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemFieldErrorSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(help_text="Nama field yang ditolak")
    messages = serializers.ListField(child=serializers.CharField())


class ProblemSerializer(serializers.Serializer[Any]):
    """RFC 9457 problem details, with Garda's `code` and per-field `errors`."""

    type = serializers.URLField(help_text="URI jenis masalah")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(help_text="Alamat permintaan yang gagal")
    code = serializers.CharField(help_text="Kode galat Garda (core.errors)")

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        # `errors` is also the name of Serializer's own property: no class attribute then.
        fields["errors"] = ProblemFieldErrorSerializer(many=True, required=False)
        return fields


DESCRIPTIONS = {
    "400": "Permintaan tidak valid (isi atau parameter ditolak)",
    "401": "Belum masuk: kirim token atau sesi",
    "403": "Peran atau cakupan Anda tidak mengizinkan ini",
    "404": "Tidak ditemukan, atau di luar cakupan Anda",
    "429": "Terlalu banyak permintaan; coba lagi setelah Retry-After",
}


class GardaAutoSchema(AutoSchema):
    def _problem_codes(self) -> list[str]:
        view: Any = self.view
        access = getattr(view, "access", None)
        public = bool(getattr(access, "public", False)) or any(
            isinstance(p, AllowAny) for p in view.get_permissions()
        )
        codes = []
        # drf-spectacular leaves these two unannotated; each returns a list of parameters.
        query = [
            *self._get_filter_parameters(),  # type: ignore[no-untyped-call]
            *self._get_pagination_parameters(),  # type: ignore[no-untyped-call]
        ]
        reads_input = self.method in ("POST", "PUT", "PATCH") or bool(query)
        if reads_input:
            codes.append("400")
        if not public:
            codes += ["401", "403"]
        if "{" in self.path:
            codes.append("404")
        if view.get_throttles():
            codes.append("429")
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = super()._get_response_bodies(direction)
        problem = self.resolve_serializer(ProblemSerializer, "response").ref
        for code in self._problem_codes():
            answer = responses.setdefault(code, {"description": DESCRIPTIONS[code]})
            answer.setdefault("content", {})[PROBLEM_MEDIA_TYPE] = {"schema": problem}
        return responses
