from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from garda.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_demo_base, seed_demo_people
from garda.people.models import Employee


class Command(BaseCommand):
    help = "Isi data demo (sekali; aman dijalankan ulang). / Seed demo data (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small", "jambi"], default="small")
        parser.add_argument(
            "--quiet-accounts", action="store_true", help="Jangan cetak daftar akun demo."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        import time

        from garda.people.demo import SIZES, seed_employees

        started = time.monotonic()
        created = seed_demo_base()
        seed_demo_people()
        from garda.transparency.ppid.demo import seed_ppid_demo

        seed_ppid_demo()
        from garda.transparency.budget.demo import seed_budget_demo

        seed_budget_demo(size=options["size"])
        target = SIZES[options["size"]]
        missing = max(0, target - Employee.objects.count())
        made = seed_employees(actor=None, count=missing) if missing else 0
        # Apps that come after the registry seed once the ASN exist.
        from garda.learning import demo as learning_demo
        from garda.learning.ledger import demo as ledger_demo
        from garda.queueing import demo as queueing_demo
        from garda.queueing.mobilejkn import demo as mobilejkn_demo

        for app_demo in (learning_demo, ledger_demo, queueing_demo, mobilejkn_demo):
            app_demo.seed_demo(size=options["size"])
        self.stdout.write(
            ("Data demo dibuat" if created or made else "Data demo sudah ada; tidak diubah")
            + f": {Employee.objects.count():,} ASN".replace(",", ".")
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
