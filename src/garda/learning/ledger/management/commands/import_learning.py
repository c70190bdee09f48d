"""garda import_learning FILE: training history (riwayat diklat) into the JP ledger."""

from __future__ import annotations

from typing import Any

from garda.core.import_command import SpreadsheetImportCommand


class Command(SpreadsheetImportCommand):
    help = (
        "Impor riwayat diklat (.xlsx/.csv; kolom NIP, Bentuk, Nama Kegiatan, Penyelenggara, "
        "Tanggal Mulai, Tanggal Selesai, JP, Nomor Sertifikat) ke buku JP. Semua atau tidak "
        "sama sekali, kecuali dengan --skip-invalid; impor ulang tidak menulis apa pun."
    )

    def run_import(self, **kwargs: Any) -> Any:
        from garda.learning.ledger.services_import import learning_import

        return learning_import(**kwargs)
