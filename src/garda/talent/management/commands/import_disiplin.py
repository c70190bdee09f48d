"""garda import_disiplin FILE: discipline sanctions (BKD roles only)."""

from __future__ import annotations

from typing import Any

from garda.core.import_command import SpreadsheetImportCommand
from garda.core.spreadsheets.report import ImportReport
from garda.talent.services import disiplin_import


class Command(SpreadsheetImportCommand):
    help = (
        "Impor hukuman disiplin (.xlsx/.csv; kolom NIP, Tingkat, Jenis Hukuman, TMT, Tanggal "
        "Selesai, Nomor SK). Tingkat: Ringan, Sedang, Berat. Hanya peran BKD (admin provinsi, "
        "admin instansi). Semua atau tidak sama sekali, kecuali dengan --skip-invalid."
    )

    def run_import(self, **kwargs: Any) -> ImportReport:
        return disiplin_import(**kwargs)
