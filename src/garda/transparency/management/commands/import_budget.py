"""`garda import_budget FILE`: budget lines (pagu murni and perubahan) from .xlsx/.csv."""

from __future__ import annotations

from typing import Any

from garda.transparency.budget.services import budget_import
from garda.transparency.management.commands._budget_import import BudgetImportCommand


class Command(BudgetImportCommand):
    help = (
        "Impor anggaran per sub kegiatan dari .xlsx/.csv (kolom: Tahun, Kode Unit, Kode Sub "
        "Kegiatan, Nama Sub Kegiatan, Pagu Murni, Pagu Perubahan; opsional Nama Program, Nama "
        "Kegiatan). Keluar dengan kode 0 hanya bila semua baris terimpor. / Import budget "
        "lines; exit 0 only if every row was imported."
    )

    def run_import(self, **kwargs: Any) -> Any:
        return budget_import(**kwargs)
