"""Test helpers of the budget and open-data parts: real files to import, a small budget with
hand-checkable figures, and the sample parameters the project's role matrix needs.

The role-matrix test (garda/core/tests/test_role_matrix.py) passes
`**budget_role_matrix_params()` into its `params`.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from garda.transparency.budget.importing import BUDGET_LAYOUT, REALISASI_LAYOUT
from garda.transparency.budget.models import BudgetLine
from garda.transparency.budget.services import budget_import, realisasi_import
from garda.transparency.opendata.services import opendata_generate_all

BUDGET_HEADERS = [header for _key, header in BUDGET_LAYOUT.columns[:6]]
REALISASI_HEADERS = [header for _key, header in REALISASI_LAYOUT.columns]


def write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  # a new workbook always has one sheet
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]], delimiter: str = ","
) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


# A budget small enough to check by hand (2026), in import-file form.
# Province (instansi 15): BPSDM two lines, DINKES one. Kota Jambi (15.71): DINKES one.
HAND_BUDGET: list[list[Any]] = [
    [2026, "15.BPSDM", "5.04.02.1.01.0001", "Pelatihan Kepemimpinan Administrator",
     "1.000.000", ""],
    [2026, "15.BPSDM", "5.04.02.1.01.0002", "Pelatihan Teknis e-Government",
     "2.000.000", "3.000.000"],
    [2026, "15.DINKES", "1.02.02.1.02.0016", "Pengelolaan Kesehatan Lingkungan", "4.000.000", ""],
    [2026, "15.71.DINKES", "1.02.02.2.02.0016", "Pengelolaan Kesehatan Lingkungan", "500.000", ""],
]  # fmt: skip
# Monthly realisasi: (unit, code, month, amount).
HAND_REALISASI: list[list[Any]] = [
    [2026, 1, "15.BPSDM", "5.04.02.1.01.0001", "250.000"],
    [2026, 2, "15.BPSDM", "5.04.02.1.01.0001", "625.000"],
    [2026, 1, "15.BPSDM", "5.04.02.1.01.0002", "1.500.000"],
    [2026, 3, "15.BPSDM", "5.04.02.1.01.0002", "900.000"],
    [2026, 2, "15.DINKES", "1.02.02.1.02.0016", "1.000.000"],
    [2026, 3, "15.71.DINKES", "1.02.02.2.02.0016", "600.000"],
]
# What those give, by hand:
#   BPSDM   line 1: pagu 1.000.000, realisasi 875.000 (87,5%), sisa 125.000
#           line 2: pagu 3.000.000 (perubahan), realisasi 2.400.000 (80,0%), sisa 600.000
#   DINKES  pagu 4.000.000, realisasi 1.000.000 (25,0%)
#   Kota    pagu 500.000, realisasi 600.000 (120,0%): over pagu, flagged, sisa -100.000
#   Province (15): pagu 8.000.000, realisasi 4.275.000 (53,4%)
#   All:    pagu 8.500.000, realisasi 4.875.000 (57,4%); months 1.750.000, 1.625.000,
#           1.500.000 -> cumulative 1.750.000, 3.375.000, 4.875.000


def load_hand_budget(folder: Path) -> None:
    """Import HAND_BUDGET and HAND_REALISASI through the real import services."""

    budget = write_csv(folder / "anggaran.csv", BUDGET_HEADERS, HAND_BUDGET)
    report = budget_import(actor=None, source=budget, filename=budget.name)
    if not report.ok:
        raise AssertionError(report.problems())
    realisasi = write_csv(folder / "realisasi.csv", REALISASI_HEADERS, HAND_REALISASI)
    report = realisasi_import(actor=None, source=realisasi, filename=realisasi.name)
    if not report.ok:
        raise AssertionError(report.problems())


def budget_role_matrix_params() -> dict[str, Any]:
    """Sample URL parameters for every parameterised route of the budget portal, open data
    and their API, with the data they need created (a line, its realisasi, a dataset
    version)."""

    if not BudgetLine.objects.filter(year=2026).exists():
        with tempfile.TemporaryDirectory() as folder:
            load_hand_budget(Path(folder))
    opendata_generate_all(actor=None)
    line = BudgetLine.objects.filter(year=2026).order_by("pk").first()
    assert line is not None  # noqa: S101  # just loaded
    return {
        "transparency:budget:year": {"year": 2026},
        "transparency:budget:unit": {"year": 2026, "code": "15.BPSDM"},
        "transparency:budget:lines": {"year": 2026},
        "transparency:budget:line": {"year": 2026, "pk": line.pk},
        "transparency:budget:download": {"year": 2026, "table": "rincian", "fmt": "csv"},
        "transparency:opendata:dataset": {"slug": "anggaran-2026"},
        "transparency:opendata:version": {"slug": "anggaran-2026", "version": 1},
        "transparency:opendata:datapackage": {"slug": "anggaran-2026"},
        "api:budget-line-detail": {"pk": line.pk},
        "api:dataset-detail": {"slug": "anggaran-2026"},
    }
