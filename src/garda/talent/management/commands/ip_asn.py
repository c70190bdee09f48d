"""garda ip_asn --year Y [--format csv|json] [--unit CODE]: the IP ASN of every PNS and PPPK
in scope for year Y, one row each; only the document on stdout."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.errors import GardaError
from garda.core.models import Unit, User
from garda.core.spreadsheets.export import write_csv
from garda.talent.selectors.ipasn import ip_asn_rows

FIELDS = ["nip", "kualifikasi", "kompetensi", "kinerja", "disiplin", "total", "kategori", "missing"]


class Command(BaseCommand):
    help = (
        "Indeks Profesionalitas ASN tahun Y untuk setiap PNS dan PPPK (kualifikasi, kompetensi, "
        "kinerja, disiplin, total, kategori, data yang belum ada). Tanpa --actor: seluruh "
        "provinsi; --unit KODE membatasi ke satu instansi/OPD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--unit", metavar="KODE", help="kode unit (instansi/OPD) sebagai akar")
        parser.add_argument("--actor", metavar="USERNAME", help="batasi ke wewenang pengguna ini")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"Tahun {year} tidak valid.")
        actor = None
        if options["actor"]:
            actor = User.objects.filter(username=options["actor"]).first()
            if actor is None:
                raise CommandError(f"Pengguna {options['actor']!r} tidak ada.")
        root = None
        if options["unit"]:
            root = Unit.objects.filter(code=options["unit"]).first()
            if root is None:
                raise CommandError(f"Unit {options['unit']!r} tidak ada.")
        try:
            rows = ip_asn_rows(user=actor, year=year, root=root)
            self.stdout.ending = ""  # csv and json write their own line ends
            if options["format"] == "json":
                self._json(rows)
            else:
                self._csv(rows)
        except GardaError as error:
            raise CommandError(error.message_id) from error

    def _json(self, rows: Any) -> None:
        self.stdout.write("[")
        for n, row in enumerate(rows):
            self.stdout.write(("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False))
        self.stdout.write("\n]\n")

    def _csv(self, rows: Any) -> None:
        write_csv(
            self.stdout,
            FIELDS,
            ([*(row[name] for name in FIELDS[:-1]), ";".join(row["missing"])] for row in rows),
        )
