"""Every table downloads as CSV and .xlsx with the page's figures, formulas neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from garda.transparency.budget.services import budget_import
from garda.transparency.budget.testing import BUDGET_HEADERS, load_hand_budget, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def hand_budget(tmp_path: Path) -> Path:
    load_hand_budget(tmp_path)
    return tmp_path


def download(client: Client, table: str, fmt: str, **query: str) -> bytes:
    response = client.get(reverse("transparency:budget:download", args=[2026, table, fmt]), query)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(content: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_lines_csv_has_the_figures(client: Client, hand_budget: Path) -> None:
    rows = read_csv(download(client, "rincian", "csv", unit="15.BPSDM"))
    assert rows[0][:7] == [
        "Tahun", "Kode Unit", "Nama Unit", "Kode Program", "Kode Kegiatan",
        "Kode Sub Kegiatan", "Nama Sub Kegiatan",
    ]  # fmt: skip
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Kode Sub Kegiatan"] == "5.04.02.1.01.0001"
    assert first["Pagu"] == "1000000"
    assert first["Realisasi"] == "875000"
    assert first["Serapan (%)"] == "87.5"
    assert first["Sisa"] == "125000"
    assert first["Melebihi Pagu"] == "Tidak"
    assert len(rows) == 3


def test_every_table_in_both_formats(client: Client, hand_budget: Path) -> None:
    for table in ("ringkasan", "program", "bulanan", "rincian"):
        csv_rows = read_csv(download(client, table, "csv"))
        xlsx_rows = read_xlsx(download(client, table, "xlsx"))
        assert len(csv_rows) == len(xlsx_rows) > 1, table
        assert [str(c) for c in xlsx_rows[0]] == csv_rows[0]
    summary = read_xlsx(download(client, "ringkasan", "xlsx"))
    province = next(row for row in summary if row[1] == "15")
    assert province[4] == 8_000_000  # Pagu, a number in the sheet
    assert province[5] == 4_275_000
    assert province[6] == pytest.approx(53.4)
    months = read_csv(download(client, "bulanan", "csv"))
    assert months[3][1:5] == ["3", "Maret", "1500000", "4875000"]


def test_formula_injection_is_neutralised(client: Client, tmp_path: Path) -> None:
    rows = [
        [2026, "15.BPSDM", "5.04.02.1.01.0001", '=HYPERLINK("http://evil","klik")', "1.000", ""],
        [2026, "15.BPSDM", "5.04.02.1.01.0002", "@SUM(A1:A9)", "1.000", ""],
        [2026, "15.BPSDM", "5.04.02.1.01.0003", "+62 Pelatihan", "1.000", ""],
    ]
    path = write_csv(tmp_path / "jahat.csv", BUDGET_HEADERS, rows)
    assert budget_import(actor=None, source=path, filename=path.name).ok
    names = [row[6] for row in read_csv(download(client, "rincian", "csv"))[1:]]
    assert names == ['\'=HYPERLINK("http://evil","klik")', "'@SUM(A1:A9)", "'+62 Pelatihan"]
    content = download(client, "rincian", "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cells = [sheet.cell(row=r, column=7) for r in (2, 3, 4)]
    assert all(cell.data_type == "s" for cell in cells)  # text, never a formula
    assert cells[0].value == '\'=HYPERLINK("http://evil","klik")'


def test_downloads_follow_the_data(client: Client, hand_budget: Path, tmp_path: Path) -> None:
    before = read_csv(download(client, "rincian", "csv", unit="15.BPSDM"))
    changed = [[2026, "15.BPSDM", "5.04.02.1.01.0001", "Diganti", "2.000.000", ""]]
    path = write_csv(tmp_path / "ubah.csv", BUDGET_HEADERS, changed)
    budget_import(actor=None, source=path, filename=path.name)
    after = read_csv(download(client, "rincian", "csv", unit="15.BPSDM"))
    assert before[1][6] == "Pelatihan Kepemimpinan Administrator"
    assert after[1][6] == "Diganti"
    assert after[1][9] == "2000000"


def test_a_sub_kegiatan_months_download(client: Client, hand_budget: Path) -> None:
    from garda.transparency.budget.models import BudgetLine

    line = BudgetLine.objects.get(code="5.04.02.1.01.0001")
    page = client.get(reverse("transparency:budget:line", args=[2026, line.pk])).content.decode()
    link = f"/anggaran/2026/unduh/bulanan.csv?sub_kegiatan={line.pk}"
    assert link in page
    rows = read_csv(download(client, "bulanan", "csv", sub_kegiatan=str(line.pk)))
    assert [row[3:5] for row in rows[1:3]] == [["250000", "250000"], ["625000", "875000"]]
    assert rows[2][5] == "87.5"
