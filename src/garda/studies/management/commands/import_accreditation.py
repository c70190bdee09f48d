"""`garda import_accreditation FILE`: programmes and their accreditation from .xlsx/.csv."""

from __future__ import annotations

from typing import Any

from garda.core.import_command import SpreadsheetImportCommand
from garda.studies.services.accreditation import accreditation_import


class Command(SpreadsheetImportCommand):
    help = (
        "Impor daftar program studi terakreditasi dari .xlsx/.csv (kolom: Perguruan Tinggi, "
        "Program Studi, Jenjang, Akreditasi; opsional Berlaku Sampai, Luar Negeri). Keluar "
        "dengan kode 0 hanya bila semua baris terimpor."
    )

    def run_import(self, **kwargs: Any) -> Any:
        return accreditation_import(**kwargs)
