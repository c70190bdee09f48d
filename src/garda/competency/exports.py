"""What the exports hold (the heat map, the gaps per ASN), as header and rows for the
spreadsheet kit's one writer (core.spreadsheets.export)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from garda.competency.models import CurrentGap
from garda.competency.selectors.heatmap import HeatMap
from garda.core.models import Unit

HEATMAP_HEADER = ["Unit", "Kode Kompetensi", "Kompetensi", "Rata-rata Kesenjangan",
                  "Jumlah Dinilai", "Di Bawah Standar"]  # fmt: skip
GAP_HEADER = ["NIP", "Nama", "Unit", "Kode Kompetensi", "Standar", "Capaian", "Kesenjangan",
              "Tanggal Asesmen"]  # fmt: skip


def heatmap_rows(heat: HeatMap) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for _unit_id, name, _deeper, cells in heat.row_cells():
        for (_cid, code, cname), cell in zip(heat.columns, cells, strict=True):
            if cell is not None:
                rows.append([name, code, cname, cell.mean_gap, cell.assessed, cell.below])
    return rows


def gap_rows(*, root: Unit | None) -> tuple[list[str], Iterator[list[Any]]]:
    queryset = CurrentGap.objects.select_related("employee", "employee__unit", "competency")
    if root is not None:
        queryset = queryset.filter(employee__unit__path__startswith=root.path)
    rows = (
        [g.employee.nip, g.employee.name, g.employee.unit.name, g.competency.code, g.standard,
         g.achieved, g.gap, g.assessed_on]
        for g in queryset.order_by("employee__nip", "competency__order").iterator(chunk_size=2000)
    )  # fmt: skip
    return GAP_HEADER, rows
