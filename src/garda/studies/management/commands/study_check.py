"""garda study_check NIP --kind tugas|izin --level D1..S3 --on YYYY-MM-DD [--program ID] --json

Prints {"eligible": bool, "reasons": [...], "not_checked": [...]} and exits 0 whether the
answer is eligible or not; non-zero only for bad arguments, an unknown NIP or programme."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.errors import GardaError
from garda.core.identity import canonical_digits
from garda.people.models import Employee
from garda.studies.management.arguments import iso_date
from garda.studies.models import StudyKind, StudyLevel
from garda.studies.selectors.eligibility import program_get, study_check


class Command(BaseCommand):
    help = "Periksa syarat tugas belajar/izin belajar seorang ASN pada suatu tanggal (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("nip")
        parser.add_argument("--kind", required=True, choices=list(StudyKind.values))
        parser.add_argument("--level", required=True, choices=list(StudyLevel.values))
        parser.add_argument("--on", required=True, help="YYYY-MM-DD")
        parser.add_argument("--program", type=int, help="id program studi terakreditasi")
        parser.add_argument(
            "--3t",
            dest="exception_3t",
            action="store_true",
            help="batas usia daerah 3T/jabatan langka",
        )
        parser.add_argument("--json", action="store_true", help="keluaran JSON (bawaan)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = iso_date(options["on"])
        employee = Employee.objects.filter(nip=canonical_digits(options["nip"])).first()
        if employee is None:
            raise CommandError("NIP tidak ditemukan.")
        try:
            program = program_get(options["program"])
            decision = study_check(
                employee=employee,
                kind=options["kind"],
                level=options["level"],
                on=on,
                program=program,
                exception_3t=options["exception_3t"],
            )
        except GardaError as error:
            raise CommandError(error.message_id) from error
        self.stdout.write(json.dumps(decision.as_dict(), ensure_ascii=False))
