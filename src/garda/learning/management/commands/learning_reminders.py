"""`garda learning_reminders`: remind participants and supervisors of due follow-ups."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from garda.learning.services.results import reminders_send


class Command(BaseCommand):
    help = "Kirim pengingat evaluasi pasca pelatihan (Kirkpatrick 3) yang sudah jatuh tempo."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(f"{sent} pengingat dikirim.")
