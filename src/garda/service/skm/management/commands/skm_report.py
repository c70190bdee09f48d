"""garda skm_report --unit CODE --from D --to D --format csv|json: the unit's SKM results."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.models import Unit
from garda.service.skm.reports import exact_json, report_document, write_report_csv
from garda.service.skm.selectors import skm_results


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Tanggal tidak valid (YYYY-MM-DD): {text!r}") from None


class Command(BaseCommand):
    help = (
        "Hasil SKM satu unit (beserta unit di bawahnya) untuk jawaban bertanggal --from s.d. "
        "--to (keduanya termasuk): responden, NRR per unsur, IKM, nilai konversi, mutu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="kode unit seperti di /api/v1/units/")
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=["csv", "json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _iso_date(options["start"]), _iso_date(options["end"])
        if end < start:
            raise CommandError("--to sebelum --from.")
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Unit {options['unit']!r} tidak ada.")
        document = report_document(unit, skm_results(unit_id=unit.pk, start=start, end=end))
        self.stdout.ending = ""  # the documents write their own line ends
        if options["format"] == "json":
            self.stdout.write(exact_json(document) + "\n")
        else:
            write_report_csv(self.stdout, document)
