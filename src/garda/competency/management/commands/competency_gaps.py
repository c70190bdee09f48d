"""garda competency_gaps [--unit CODE] [--format csv|json]: the current gap and JPM of every
assessed ASN (recomputed first with --refresh, e.g. after registry changes of jabatan)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.competency.exports import gap_rows
from garda.competency.services.gaps import gaps_recompute
from garda.core.models import Unit
from garda.core.spreadsheets.export import csv_bytes


def _plain(value: Any) -> Any:
    # Dates as ISO text; numbers are already ints, so JSON numbers stay numbers.
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class Command(BaseCommand):
    help = "Kesenjangan kompetensi dan JPM per ASN (CSV atau JSON di stdout)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", metavar="KODE", help="hanya unit ini dan di bawahnya")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--refresh", action="store_true", help="hitung ulang kesenjangan terlebih dahulu"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = None
        if options["unit"]:
            root = Unit.objects.filter(code=options["unit"]).first()
            if root is None:
                raise CommandError(f"Unit {options['unit']!r} tidak ada.")
        if options["refresh"]:
            count = gaps_recompute(actor=None, root=root)
            self.stderr.write(f"{count} baris kesenjangan dihitung ulang.")
        header, rows = gap_rows(root=root)
        if options["format"] == "json":
            document = [dict(zip(header, row, strict=True)) for row in rows]
            self.stdout.write(json.dumps(document, default=_plain, ensure_ascii=False))
        else:
            self.stdout.write(csv_bytes(header, rows, bom=False).decode(), ending="")
