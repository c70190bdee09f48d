from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from garda.core.calendar import calendar_seed_year, package_days, year_is_kept


class Command(BaseCommand):
    help = (
        "Muat libur nasional dan cuti bersama setahun dari paket holidays ke kalender kerja. "
        "/ Load a year's national holidays and cuti bersama from the holidays package."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, action="append", help="Tahun (boleh diulang).")
        parser.add_argument(
            "--merge",
            action="store_true",
            help="Tahun yang sudah ada: tambahkan hari dari paket yang belum ada.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        years: list[int] = options["year"] or [timezone.localdate().year]
        for year in years:
            was_kept = year_is_kept(year)
            added = calendar_seed_year(actor=None, year=year, merge=options["merge"])
            known = len(package_days(year))
            if was_kept and not options["merge"]:
                self.stdout.write(
                    f"{year}: sudah ada di kalender; tidak diubah (pakai --merge untuk menambah)."
                )
            else:
                self.stdout.write(f"{year}: {added} hari dimuat ({known} hari di paket holidays).")
