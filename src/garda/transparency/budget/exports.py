"""Every table of the portal as CSV and .xlsx, built from the same figures as the pages.

Written by the spreadsheet kit's one writer (garda.core.spreadsheets.export), which
neutralises text a spreadsheet would run as a formula; numbers stay numbers. CSV: UTF-8 with
BOM (Excel), comma, dot decimals, amounts in whole rupiah.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.dates import MONTHS

from garda.core.errors import NotFound
from garda.core.spreadsheets import export as spreadsheets
from garda.transparency.budget import selectors
from garda.transparency.budget.cache import cached_value

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FIGURE_HEADERS = ["Pagu Murni", "Pagu", "Realisasi", "Serapan (%)", "Sisa", "Jumlah Sub Kegiatan",
                  "Melebihi Pagu"]  # fmt: skip


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]
    percent_columns: frozenset[int] = frozenset()
    text_columns: frozenset[int] = frozenset()


def _percent(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _figure_cells(figures: selectors.Figures) -> list[Any]:
    return [
        figures.pagu_murni, figures.pagu, figures.realisasi, _percent(figures.serapan),
        figures.sisa, figures.lines, figures.over_pagu,
    ]  # fmt: skip


def table_summary(year: int, unit_code: str | None) -> Table:
    overview = selectors.budget_overview(year=year, unit_code=unit_code)
    heading = "Instansi" if overview.children_kind == "instansi" else "Unit"
    return Table(
        f"Ringkasan {year}",
        ["Tahun", f"Kode {heading}", f"Nama {heading}", *FIGURE_HEADERS],
        [[year, row.code, row.name, *_figure_cells(row.figures)] for row in overview.children],
        percent_columns=frozenset({6}),
        text_columns=frozenset({1}),
    )


def table_programs(year: int, unit_code: str | None) -> Table:
    overview = selectors.budget_overview(year=year, unit_code=unit_code)
    return Table(
        f"Program {year}",
        ["Tahun", "Kode Program", "Nama Program", *FIGURE_HEADERS],
        [[year, row.code, row.name, *_figure_cells(row.figures)] for row in overview.programs],
        percent_columns=frozenset({6}),
        text_columns=frozenset({1}),
    )


def table_months(year: int, unit_code: str | None, line_id: int | None = None) -> Table:
    """Realisasi per month of a scope, or of one sub-kegiatan when `line_id` is given."""
    months = (
        selectors.budget_line_detail(year=year, line_id=line_id).months
        if line_id is not None
        else selectors.budget_overview(year=year, unit_code=unit_code).months
    )
    return Table(
        f"Realisasi bulanan {year}",
        [
            "Tahun",
            "Bulan",
            "Nama Bulan",
            "Realisasi Bulan Ini",
            "Realisasi Kumulatif",
            "Kumulatif terhadap Pagu (%)",
        ],
        [
            [year, m.month, _month_name(m.month), m.amount, m.cumulative, _percent(m.percent)]
            for m in months
        ],
        percent_columns=frozenset({5}),
    )


LINE_HEADERS = [
    "Tahun", "Kode Unit", "Nama Unit", "Kode Program", "Kode Kegiatan", "Kode Sub Kegiatan",
    "Nama Sub Kegiatan", "Pagu Murni", "Pagu Perubahan", "Pagu", "Realisasi", "Serapan (%)",
    "Sisa", "Melebihi Pagu",
]  # fmt: skip


def line_cells(row: selectors.LineRow) -> list[Any]:
    return [
        row.year, row.unit_code, row.unit_name, row.program_code, row.kegiatan_code, row.code,
        row.name, row.pagu_murni, row.pagu_perubahan, row.pagu, row.realisasi,
        _percent(row.serapan), row.sisa, "Ya" if row.over_pagu else "Tidak",
    ]  # fmt: skip


def table_lines(year: int, unit_code: str | None, program_code: str | None = None) -> Table:
    unit = selectors.unit_info(code=unit_code) if unit_code else None
    lines = selectors.budget_lines_queryset(year=year, unit=unit, program_code=program_code)
    return Table(
        f"Rincian {year}",
        LINE_HEADERS,
        [line_cells(row) for row in selectors.line_rows(lines)],
        percent_columns=frozenset({11}),
        text_columns=frozenset({1, 3, 4, 5}),
    )


TABLES: dict[str, Callable[..., Table]] = {
    "ringkasan": table_summary,
    "program": table_programs,
    "bulanan": table_months,
    "rincian": table_lines,
}


def _month_name(month: int) -> str:

    with translation.override("id"):
        return str(MONTHS[month])


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return spreadsheets.csv_bytes(headers, rows)  # with a BOM, so Excel opens it as UTF-8


def xlsx_bytes(table: Table) -> bytes:
    return spreadsheets.xlsx_bytes(
        [
            spreadsheets.Sheet(
                table.title,
                table.headers,
                table.rows,
                text_columns=table.text_columns,
                int_format="#,##0",
                float_format="0.0",
            )
        ]
    )


def download(
    *,
    table: str,
    fmt: str,
    year: int,
    unit_code: str | None,
    program_code: str | None,
    line_id: int | None = None,
) -> bytes:
    """The bytes of one download, built once per data version."""
    if table not in TABLES or fmt not in FORMATS:
        raise NotFound
    selectors.year_checked(year)

    def build() -> bytes:
        if unit_code:
            selectors.unit_info(code=unit_code)  # NotFound for an unknown unit: not cached
        if table == "rincian":
            result = table_lines(year, unit_code, program_code)
        elif table == "bulanan":
            result = table_months(year, unit_code, line_id)
        else:
            result = TABLES[table](year, unit_code)
        return csv_bytes(result.headers, result.rows) if fmt == "csv" else xlsx_bytes(result)

    key = f"download:{table}:{fmt}:{year}:{unit_code or '*'}:{program_code or '*'}:{line_id}"
    return cached_value("budget", key, build)
