"""garda jp_totals_rebuild [--check] [--counts-only]: recount the yearly JP totals from the
ledger and the per-unit compliance counts from them (decision 0019). With --check nothing is
written: it prints how many rows differ from the full recount and exits 1 if any does."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from garda.core.import_command import actor_option
from garda.learning.ledger.services.tallies import (
    ledger_totals_rebuild,
    tallies_differences,
    year_totals_differences,
)


class Command(BaseCommand):
    help = (
        "Hitung ulang total JP tahunan dari buku JP dan rekap kepatuhan per unit. "
        "--check: hanya membandingkan dengan hitungan penuh, keluar 1 bila ada yang berbeda."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="bandingkan saja / compare, write nothing"
        )
        parser.add_argument(
            "--counts-only",
            action="store_true",
            help="hanya rekap per unit, total tahunan tidak dihitung ulang / unit counts only",
        )
        parser.add_argument("--actor", metavar="USERNAME", help="pengguna yang tercatat di audit")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["check"]:
            result: dict[str, Any] = (
                {} if options["counts_only"] else {"year_totals_differ": year_totals_differences()}
            )
            differ = tallies_differences()
            result.update(headcounts_differ=differ["headcounts"], tallies_differ=differ["tallies"],
                          rows=differ["rows"])  # fmt: skip
        else:
            actor = actor_option(options["actor"])
            result = ledger_totals_rebuild(actor=actor, ledger=not options["counts_only"])
        result["seconds"] = round(time.perf_counter() - started, 2)
        self.stdout.write(json.dumps(result))
        if options["check"] and any(v for k, v in result.items() if k.endswith("_differ")):
            self.stderr.write("Rekap berbeda dari hitungan penuh: jalankan tanpa --check.")
            sys.exit(1)
