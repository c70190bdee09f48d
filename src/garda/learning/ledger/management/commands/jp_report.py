"""garda jp_report --year YYYY --format csv|json: one row per ASN with the year's JP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.import_command import actor_option
from garda.core.models import Unit
from garda.core.spreadsheets.export import write_csv
from garda.learning.ledger.reports import HEADER, report_rows, table_rows


class Command(BaseCommand):
    help = (
        "Laporan JP per ASN untuk satu tahun (NIP, nama, unit, total JP, target, patuh). "
        "Tanpa --actor: seluruh provinsi; dengan --actor: sebatas wewenang pengguna itu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--actor", metavar="USERNAME", help="batasi ke wewenang pengguna ini")
        parser.add_argument("--unit", type=int, help="id unit (instansi/OPD) sebagai akar")
        parser.add_argument("--output", "-o", help="berkas keluaran (bawaan: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = actor_option(options["actor"])
        root = None
        if options["unit"]:
            root = Unit.objects.filter(pk=options["unit"]).first()
            if root is None:
                raise CommandError(f"Unit {options['unit']} tidak ada.")
        rows = report_rows(actor=actor, year=options["year"], root=root)
        if options["output"]:
            with open(options["output"], "w", newline="", encoding="utf-8") as handle:
                _write(handle, rows, options["format"])
        else:
            self.stdout.ending = ""  # csv and json write their own line ends
            _write(self.stdout, rows, options["format"])


def _write(out: Any, rows: Iterator[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        out.write("[")
        for n, row in enumerate(rows):
            out.write(
                ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False, default=float)
            )
        out.write("\n]\n")
        return
    # The kit's writer: a name or unit typed as "=..." must not run when the CSV is opened.
    write_csv(out, list(HEADER), table_rows(rows, yes="ya", no="tidak"))
