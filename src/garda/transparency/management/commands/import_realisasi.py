"""`garda import_realisasi FILE`: monthly realisasi of budget lines from .xlsx/.csv."""

from __future__ import annotations

from typing import Any

from garda.transparency.budget.services import realisasi_import
from garda.transparency.management.commands._budget_import import BudgetImportCommand


class Command(BudgetImportCommand):
    help = (
        "Impor realisasi bulanan dari .xlsx/.csv (kolom: Tahun, Bulan, Kode Unit, Kode Sub "
        "Kegiatan, Realisasi). Realisasi di atas pagu diterima dan ditandai. Keluar dengan kode "
        "0 hanya bila semua baris terimpor. / Import monthly realisasi; above-pagu rows are "
        "imported and flagged; exit 0 only if every row was imported."
    )

    def run_import(self, **kwargs: Any) -> Any:
        return realisasi_import(**kwargs)
