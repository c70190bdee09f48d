"""garda jp_recompute [--year Y] [--dry-run]: apply the JP conversion rules again to the
entries already in the ledger (e.g. imported before every path applied them)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from garda.core.import_command import actor_option
from garda.learning.ledger.services.recompute import ledger_recompute


class Command(BaseCommand):
    help = (
        "Hitung ulang JP catatan yang sudah ada dengan aturan konversi (batas per hari/sesi), "
        "mencatat audit tiap perubahan dan memperbarui total tahunan. Aman dijalankan ulang."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="hanya catatan tahun ini / one year only")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="hitung dan laporkan tanpa menyimpan / report without saving",
        )
        parser.add_argument("--actor", metavar="USERNAME", help="pengguna yang tercatat di audit")
        parser.add_argument("--lang", choices=["id", "en"], default="id")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = actor_option(options["actor"])
        report = ledger_recompute(actor=actor, year=options["year"], dry_run=options["dry_run"])
        self.stdout.write(report.summary(options["lang"]))
