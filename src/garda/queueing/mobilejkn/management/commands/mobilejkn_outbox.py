"""`garda mobilejkn_outbox`: send the calls owed to BPJS that are due (once, or with --loop
every --interval seconds: for servers whose task backend cannot defer retries)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from garda.queueing.mobilejkn.services.outbox import outbox_deliver_due


class Command(BaseCommand):
    help = "Kirim antrean yang tertunda ke BPJS (kotak keluar Mobile JKN)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=15.0)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            report = outbox_deliver_due()
            self.stdout.write(
                f"terkirim {report.sent}, dicoba lagi nanti {report.retry}, gagal {report.failed}"
            )
            if not options["loop"]:
                return
            time.sleep(options["interval"])
