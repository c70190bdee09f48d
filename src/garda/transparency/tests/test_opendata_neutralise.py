"""Open-data CSV goes through the spreadsheet kit's writer: a sub-kegiatan name imported as a
formula is published as text (no BOM: machine readers), amounts stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from garda.transparency.budget.services import budget_import
from garda.transparency.budget.testing import BUDGET_HEADERS, write_csv
from garda.transparency.opendata.generators import budget_year
from garda.transparency.opendata.services import csv_content

pytestmark = pytest.mark.django_db


def test_open_data_csv_neutralises_formulas(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "anggaran.csv",
        BUDGET_HEADERS,
        [[2026, "15.BPSDM", "5.04.02.1.01.0001", "=1+1", "1.000", ""]],
    )
    assert budget_import(actor=None, source=path, filename=path.name).ok
    content = csv_content(budget_year({"year": 2026}))
    assert not content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    names = [value for row in rows for value in row.values() if "1+1" in value]
    assert names == ["'=1+1"]
    assert any(value == "1000" for row in rows for value in row.values())
