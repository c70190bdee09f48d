"""garda import_assessment FILE: competency assessment results per ASN."""

from __future__ import annotations

from typing import Any

from garda.competency.services.importing import assessment_import
from garda.core.import_command import SpreadsheetImportCommand
from garda.core.spreadsheets.report import ImportReport


class Command(SpreadsheetImportCommand):
    help = (
        "Impor hasil asesmen kompetensi (.xlsx/.csv; kolom NIP, Kode Kompetensi, Level, "
        "Tanggal, Metode, Lembaga). Hasil dengan NIP, kompetensi dan tanggal yang sama "
        "diperbarui. Semua atau tidak sama sekali, kecuali dengan --skip-invalid."
    )

    def run_import(self, **kwargs: Any) -> ImportReport:
        return assessment_import(**kwargs)
