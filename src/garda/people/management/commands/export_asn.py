"""`garda export_asn --format xlsx --output FILE`: the ASN registry in the template's columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.models import User
from garda.people.services.asn_export import FORMATS, employee_export, employee_export_csv_stream


class Command(BaseCommand):
    help = (
        "Ekspor data ASN ke .xlsx/.csv dengan kolom templat impor (dapat diimpor ulang). "
        "/ Export ASN records in the import template's columns."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="xlsx", dest="fmt")
        parser.add_argument("--output", required=True, help="berkas tujuan")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="ekspor sebatas yang boleh dilihat pengguna ini (bawaan: semua data)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Pengguna {options['user']!r} tidak ada.")
        output = Path(options["output"])
        if options["fmt"] == "csv":
            with output.open("wb") as handle:
                for chunk in employee_export_csv_stream(user=user):
                    handle.write(chunk)
        else:
            output.write_bytes(employee_export(user=user, fmt="xlsx"))
        self.stdout.write(f"Ditulis: {output} ({output.stat().st_size:,} bita).")
