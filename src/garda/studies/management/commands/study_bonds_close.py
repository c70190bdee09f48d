"""`garda study_bonds_close [--on YYYY-MM-DD]`: close as served every service bond whose end
date has come (the daily run; the same service as the `close_served_bonds` task). Prints the
number closed as JSON on stdout."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from garda.studies.management.arguments import iso_date
from garda.studies.services.completion import bonds_close_served


class Command(BaseCommand):
    help = "Tutup ikatan dinas yang sudah selesai dijalani (tanggal berakhirnya telah tiba)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="YYYY-MM-DD (bawaan: hari ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = iso_date(options["on"]) if options["on"] else None
        closed = bonds_close_served(today=today)
        self.stdout.write(json.dumps({"closed": closed}))
        self.stderr.write(f"{closed} ikatan dinas ditutup (selesai dijalani).")
