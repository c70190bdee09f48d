"""`garda opendata_generate`: regenerate the open datasets from live data (run it on a
schedule: cron or a systemd timer). Writes a new version only where the content changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.transparency.opendata.services import opendata_generate_all


class Command(BaseCommand):
    help = (
        "Buat ulang dataset data terbuka dari data terkini; versi baru hanya bila isinya "
        "berubah. / Regenerate the open datasets; a new version only when the content changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dataset", metavar="SLUG", help="hanya dataset ini")

    def handle(self, *args: Any, **options: Any) -> None:
        results = opendata_generate_all(actor=None, slug=options["dataset"])
        if options["dataset"] and not results:
            raise CommandError(f"Dataset {options['dataset']!r} tidak ada.")
        for dataset, version in results:
            if version is None:
                self.stdout.write(f"{dataset.slug}: tidak berubah")
            else:
                self.stdout.write(
                    f"{dataset.slug}: versi {version.version}, {version.row_count} baris, "
                    f"{version.path}"
                )
