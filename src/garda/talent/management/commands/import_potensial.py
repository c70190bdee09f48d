"""garda import_potensial FILE: potential (rendah / menengah / tinggi) per ASN and year."""

from __future__ import annotations

from typing import Any

from garda.core.import_command import SpreadsheetImportCommand
from garda.core.spreadsheets.report import ImportReport
from garda.talent.services import potensial_import


class Command(SpreadsheetImportCommand):
    help = (
        "Impor hasil potensial (.xlsx/.csv; kolom NIP, Tahun, Potensial: rendah, menengah, "
        "tinggi). Semua atau tidak sama sekali, kecuali dengan --skip-invalid."
    )

    def run_import(self, **kwargs: Any) -> ImportReport:
        return potensial_import(**kwargs)
