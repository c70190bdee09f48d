from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.service.innovation.models import Innovation
from garda.service.innovation.selectors.impact import impact_compute


class Command(BaseCommand):
    help = "Cetak dampak terukur (sebelum/sesudah, selang bootstrap 95%) satu inovasi sebagai JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("innovation_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        innovation = Innovation.objects.filter(pk=options["innovation_id"]).first()
        if innovation is None:
            raise CommandError("Inovasi tidak ditemukan.")
        result = [impact_compute(link) for link in innovation.impact_links.all()]
        self.stdout.write(json.dumps({"innovation": innovation.pk, "impacts": result}))
