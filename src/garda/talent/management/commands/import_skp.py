"""garda import_skp FILE: SKP results per ASN and year."""

from __future__ import annotations

from typing import Any

from garda.core.import_command import SpreadsheetImportCommand
from garda.core.spreadsheets.report import ImportReport
from garda.talent.services import skp_import


class Command(SpreadsheetImportCommand):
    help = (
        "Impor hasil SKP (.xlsx/.csv; kolom NIP, Tahun, Predikat, dan Nilai bila ada). Predikat: "
        "Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang, atau Cukup dan Buruk (lama). "
        "Semua atau tidak sama sekali, kecuali dengan --skip-invalid."
    )

    def run_import(self, **kwargs: Any) -> ImportReport:
        return skp_import(**kwargs)
