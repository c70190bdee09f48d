from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from garda.service.innovation.services import activity_checks_open


class Command(BaseCommand):
    help = (
        'Buka pertanyaan tahunan "masih berjalan?" untuk setiap inovasi tahap uji coba atau '
        "penerapan (jalankan setiap Januari). Mencetak JSON jumlah pertanyaan baru."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None, help="Tahun (bawaan: tahun ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year
        asked = activity_checks_open(actor=None, year=year)
        self.stdout.write(json.dumps({"year": year, "asked": asked}))
