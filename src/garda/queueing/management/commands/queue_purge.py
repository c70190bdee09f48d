from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from garda.queueing.services.retention import purge_personal_data, retention_days


class Command(BaseCommand):
    help = (
        "Hapus data pribadi tiket antrean yang lebih tua dari masa retensi "
        "(parameter retention_days, bawaan 90 hari). Jalankan setiap hari."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        purged = purge_personal_data()
        self.stdout.write(
            f"Tiket yang data pribadinya dihapus: {purged} (retensi {retention_days()} hari)"
        )
