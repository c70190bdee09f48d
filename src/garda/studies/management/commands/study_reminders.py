"""`garda study_reminders`: remind before a semester report is due, escalate when late (the
daily run; the same service as the `remind_reports` task)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from garda.studies.services.progress import reports_remind


class Command(BaseCommand):
    help = "Kirim pengingat laporan semester tugas/izin belajar dan eskalasi yang terlambat."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reports_remind()
        self.stderr.write(f"{sent} studi diingatkan.")
