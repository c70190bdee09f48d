"""garda ip_asn_tables [--edition CODE]: print an IP ASN edition (its header and its four
tables in the text form of the "Tabel IP ASN" page) as JSON.
garda ip_asn_tables --save FILE [--new] [--actor USERNAME]: save such a JSON document into the
newest edition (or as a new edition with --new), through the same service as the page: every
line checked, one transaction, audited. Prints the stored edition as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.errors import GardaError
from garda.core.import_command import actor_option
from garda.talent.ipasn_tables import edition_document
from garda.talent.models import IpEdition
from garda.talent.services.ipasn_tables import HEADER, ip_edition_save

TABLES = ("points", "categories", "indicators", "jabatan")


class Command(BaseCommand):
    help = "Cetak atau simpan tabel IP ASN suatu edisi (JSON), seperti halaman Tabel IP ASN."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", help="kode edisi (bawaan: edisi terbaru)")
        parser.add_argument("--save", metavar="FILE", help="simpan dokumen JSON ini")
        parser.add_argument("--new", action="store_true", help="simpan sebagai edisi baru")
        parser.add_argument("--actor", metavar="USERNAME", help="pengguna yang tercatat di audit")

    def handle(self, *args: Any, **options: Any) -> None:
        editions = IpEdition.objects.order_by("-first_year")
        if options["edition"]:
            editions = editions.filter(code=options["edition"])
        edition = editions.first()
        if not options["save"]:
            if edition is None:
                raise CommandError("Edisi IP ASN tidak ditemukan.")
            self.stdout.write(json.dumps(edition_document(edition), ensure_ascii=False, indent=2))
            return
        if edition is None and not options["new"]:
            raise CommandError("Edisi IP ASN tidak ditemukan; pakai --new untuk edisi baru.")
        path = Path(options["save"])
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            header = {name: document[name] for name in HEADER}
            texts = {name: str(document["tables"][name]) for name in TABLES}
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(
                f"Berkas {path} bukan dokumen tabel IP ASN yang lengkap: {error}"
            ) from error
        try:
            saved = ip_edition_save(
                actor=actor_option(options["actor"]),
                edition_id=None if options["new"] or edition is None else edition.pk,
                header=header,
                texts=texts,
            )
        except GardaError as error:
            raise CommandError(error.message) from error
        self.stdout.write(json.dumps(edition_document(saved), ensure_ascii=False, indent=2))
