from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from garda.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_seeders


class Command(BaseCommand):
    help = "Isi data demo (sekali; aman dijalankan ulang). / Seed demo data (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small", "jambi"], default="small")
        parser.add_argument(
            "--quiet-accounts", action="store_true", help="Jangan cetak daftar akun demo."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        created = False
        summaries: list[str] = []
        # Each app seeds its own part, lower layers first (core.demo.demo_seeders).
        for _label, seeder in demo_seeders():
            seeded = seeder(size=options["size"])
            created = created or seeded.created
            if seeded.summary:
                summaries.append(seeded.summary)
        self.stdout.write(
            ("Data demo dibuat" if created else "Data demo sudah ada; tidak diubah")
            + (": " + ", ".join(summaries) if summaries else "")
            + f" ({time.monotonic() - started:.1f} detik)."
        )
        if not options["quiet_accounts"]:
            self.stdout.write(f"\nAkun demo (kata sandi semua: {DEMO_PASSWORD}):")
            for account in DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.username:<16} {account.role}")
            self.stdout.write(
                "Peran admin, PPID, dan auditor diminta memasang TOTP (Google Authenticator, "
                "FreeOTP, dll.) saat pertama masuk."
            )
