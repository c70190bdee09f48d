"""garda import_standards FILE [--instansi CODE]: standard levels per jabatan."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from garda.competency.services.importing import standards_import
from garda.core.import_command import SpreadsheetImportCommand
from garda.core.spreadsheets.report import ImportReport


class Command(SpreadsheetImportCommand):
    help = (
        "Impor standar kompetensi per jabatan (.xlsx/.csv; kolom Jabatan, Jenis Jabatan, Kode "
        "Kompetensi, Level). Jabatan dicocokkan dengan namanya yang dinormalkan dalam jenis "
        "jabatannya; Jabatan kosong = standar bawaan jenis jabatan itu. Semua atau tidak sama "
        "sekali, kecuali dengan --skip-invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--instansi",
            metavar="KODE",
            help="kode instansi pemilik standar (bawaan: instansi pengguna --actor)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._instansi = options.get("instansi")
        super().handle(*args, **options)

    def run_import(self, **kwargs: Any) -> ImportReport:
        return standards_import(**kwargs, instansi_code=self._instansi)
