"""garda siasn_push: send pending ledger entries to SIASN (BKN), recording each answer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.errors import GardaError
from garda.core.import_command import actor_option
from garda.learning.ledger.models import LedgerEntry
from garda.learning.ledger.siasn.adapter import FakeSiasnAdapter
from garda.learning.ledger.siasn.services import siasn_push


class Command(BaseCommand):
    help = (
        "Kirim catatan JP yang belum ada di SIASN sebagai riwayat diklat/kursus. "
        "--fake memakai SIASN tiruan (uji coba tanpa kredensial BKN)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="hanya catatan tahun ini")
        parser.add_argument("--actor", metavar="USERNAME", help="batasi ke wewenang pengguna")
        parser.add_argument("--limit", type=int, default=500)
        parser.add_argument("--fake", action="store_true", help="pakai SIASN tiruan")

    def handle(self, *args: Any, **options: Any) -> None:

        actor = actor_option(options["actor"])
        entries = LedgerEntry.objects.all()
        if options["year"]:
            entries = entries.filter(year=options["year"])
        try:
            report = siasn_push(
                actor=actor,
                entries=entries,
                adapter=FakeSiasnAdapter() if options["fake"] else None,
                limit=options["limit"],
            )
        except GardaError as error:
            raise CommandError(error.message_id) from error
        for line in report.messages:
            self.stderr.write(line)
        self.stdout.write(f"Terkirim {report.sent}, gagal {report.failed}.")
        if report.failed:
            raise CommandError(f"{report.failed} catatan gagal dikirim.", returncode=1)
