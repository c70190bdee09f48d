"""garda import_learning FILE: training history (riwayat diklat) into the JP ledger."""

from __future__ import annotations

from typing import Any

from garda.core.import_command import SpreadsheetImportCommand
from garda.learning.ledger.services.importing import learning_import


class Command(SpreadsheetImportCommand):
    help = (
        "Impor riwayat diklat (.xlsx/.csv; kolom NIP, Bentuk, Nama Kegiatan, Penyelenggara, "
        "Tanggal Mulai, Tanggal Selesai, JP, Nomor Sertifikat) ke buku JP. Semua atau tidak "
        "sama sekali, kecuali dengan --skip-invalid; impor ulang tidak menulis apa pun. JP tiap "
        "baris dibatasi aturan konversi; baris yang dibatasi tetap diimpor dengan peringatan."
    )

    def run_import(self, **kwargs: Any) -> Any:

        return learning_import(**kwargs)

    def extra_lines(self, report: Any, lang: str, options: dict[str, Any]) -> list[str]:
        # Rows kept with fewer JP than their file stated: imported, but the admin should know.
        lines: list[str] = report.flags(lang)
        return lines
