"""`garda import_asn FILE`: import ASN from .xlsx/.csv (Garda template or SIASN export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.errors import GardaError
from garda.core.models import User
from garda.people.imports.service import employee_import


class Command(BaseCommand):
    help = (
        "Impor data ASN dari .xlsx/.csv (templat Garda atau ekspor SIASN). Keluar dengan kode 0 "
        "hanya bila semua baris terimpor. / Import ASN records; exit 0 only if every row was "
        "imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="berkas .xlsx atau .csv")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="impor baris yang valid dan laporkan sisanya / import the good rows",
        )
        parser.add_argument("--lang", choices=["id", "en"], default="id")
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help="pengguna yang tercatat di audit; wewenangnya membatasi unit kerja",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lang: str = options["lang"]
        english = lang == "en"
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(
                f"File not found: {path}" if english else f"Berkas tidak ada: {path}"
            )
        actor = None
        if options["actor"]:
            actor = User.objects.filter(username=options["actor"]).first()
            if actor is None:
                raise CommandError(
                    f"No user {options['actor']!r}."
                    if english
                    else f"Pengguna {options['actor']!r} tidak ada."
                )
        try:
            report = employee_import(
                actor=actor,
                source=path,
                filename=path.name,
                skip_invalid=options["skip_invalid"],
            )
        except GardaError as error:
            raise CommandError(error.message_en if english else error.message_id) from error
        for line in report.problems(lang):
            self.stderr.write(line)
        self.stdout.write(report.summary(lang))
        rate = report.total / report.seconds if report.seconds else 0.0
        self.stdout.write(
            f"{report.seconds:.1f} s ({rate:,.0f} rows/s)."
            if english
            else f"{report.seconds:.1f} detik ({rate:,.0f} baris/detik).".replace(",", ".")
        )
        if options["verbosity"] >= 2 and report.timings:
            self.stdout.write(
                "Fase: " + ", ".join(f"{name}={sec:.2f}s" for name, sec in report.timings.items())
            )
        if not report.ok:
            raise CommandError(
                f"{report.invalid_rows} rows were not imported."
                if english
                else f"{report.invalid_rows} baris tidak terimpor.",
                returncode=1,
            )
