"""Public API of the budget: the same lines and figures as the portal, read-only."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers, viewsets

from garda.core.permissions import HasRole, access_for
from garda.core.roles import PUBLIC
from garda.transparency.budget.amounts import serapan
from garda.transparency.budget.filters import BudgetLineFilter
from garda.transparency.budget.models import BudgetLine


class BudgetLineSerializer(serializers.ModelSerializer[BudgetLine]):
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    instansi_code = serializers.CharField(source="instansi.code", read_only=True)
    pagu = serializers.IntegerField(read_only=True)
    realisasi = serializers.IntegerField(source="realisasi_total", read_only=True)
    serapan = serializers.SerializerMethodField()
    sisa = serializers.SerializerMethodField()
    over_pagu = serializers.BooleanField(source="is_over_pagu", read_only=True)

    class Meta:
        model = BudgetLine
        fields = [
            "id", "year", "instansi_code", "unit_code", "unit_name", "program_code",
            "kegiatan_code", "code", "name", "pagu_murni", "pagu_perubahan", "pagu",
            "realisasi", "serapan", "sisa", "over_pagu",
        ]  # fmt: skip

    def get_serapan(self, line: BudgetLine) -> str | None:
        """Serapan in percent, one decimal, as a string (exact)."""
        value = serapan(line.realisasi_total, line.pagu)
        return str(value) if value is not None else None

    def get_sisa(self, line: BudgetLine) -> int:
        return line.pagu - line.realisasi_total


class BudgetLineViewSet(viewsets.ReadOnlyModelViewSet[BudgetLine]):
    """Budget lines (sub kegiatan) with pagu, realisasi, serapan and sisa. Public."""

    access = access_for(PUBLIC)
    permission_classes = [HasRole]
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilter
    queryset = BudgetLine.objects.none()

    def get_queryset(self) -> Any:
        return BudgetLine.objects.select_related("unit", "instansi").order_by(
            "year", "code", "unit__code", "pk"
        )
