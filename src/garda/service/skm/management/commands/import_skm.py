"""garda import_skm FILE --unit CODE: paper questionnaires into the unit's surveys."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from garda.core.import_command import SpreadsheetImportCommand
from garda.core.models import Unit
from garda.core.spreadsheets.report import ImportReport
from garda.service.skm.services import answers_import


class Command(SpreadsheetImportCommand):
    help = (
        "Impor kuesioner SKM (.xlsx/.csv; kolom Tanggal, U1 ... U9 bernilai 1-4, opsional Usia, "
        "Jenis Kelamin, Pendidikan, Pekerjaan, Saran) ke survei unit --unit (kode unit, tingkat "
        "mana pun). Tanggal tanpa survei membuat survei tahunan. Semua atau tidak sama sekali, "
        "kecuali dengan --skip-invalid."
    )
    unit: Unit

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--unit", required=True, help="kode unit seperti di /api/v1/units/")

    def handle(self, *args: Any, **options: Any) -> None:
        found = Unit.objects.filter(code=options["unit"]).first()
        if found is None:
            raise CommandError(f"Unit {options['unit']!r} tidak ada.")
        self.unit = found
        super().handle(*args, **options)

    def run_import(self, **kwargs: Any) -> ImportReport:
        return answers_import(unit=self.unit, **kwargs)
