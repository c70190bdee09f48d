from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from garda.transparency.ppid.services import requests_mark_overdue


class Command(BaseCommand):
    help = "Tandai permohonan informasi yang lewat tenggat (jalankan setiap hari)."

    def handle(self, *args: Any, **options: Any) -> None:
        marked = requests_mark_overdue()
        self.stdout.write(f"Permohonan yang ditandai lewat tenggat: {marked}")
