"""garda jp_target_set --kind pns|pppk --from YEAR --jp N [--max N] --basis TEXT: set the
yearly JP target of an employee kind from a year on (the page "Aturan JP" does the same through
the same service), recounting the compliance figures. Prints the stored row as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.errors import GardaError
from garda.core.import_command import actor_option
from garda.learning.ledger.forms import TargetForm
from garda.learning.ledger.services.targets import ledger_target_set


class Command(BaseCommand):
    help = "Tetapkan target JP setahun per jenis pegawai mulai suatu tahun, dengan dasar hukumnya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=["pns", "pppk"])
        parser.add_argument("--from", dest="year", required=True, help="berlaku mulai tahun")
        parser.add_argument("--jp", required=True, help="target JP setahun")
        parser.add_argument("--max", default="", help="paling banyak JP setahun (bila ada)")
        parser.add_argument("--basis", required=True, help="dasar hukum, mis. PP 17/2020")
        parser.add_argument("--actor", metavar="USERNAME", help="pengguna yang tercatat di audit")

    def handle(self, *args: Any, **options: Any) -> None:
        # The page's form checks the numbers, so both paths refuse the same input alike.
        form = TargetForm({
            "employee_kind": options["kind"], "valid_from_year": options["year"],
            "target_jp": options["jp"], "max_jp": options["max"], "basis": options["basis"],
        })  # fmt: skip
        if not form.is_valid():
            problems = [
                f"{name}: {' '.join(map(str, errors))}" for name, errors in form.errors.items()
            ]
            raise CommandError("; ".join(problems))
        actor = actor_option(options["actor"])
        try:
            row = ledger_target_set(actor=actor, **form.cleaned_data)
        except GardaError as error:
            raise CommandError(error.message) from error
        self.stdout.write(json.dumps({
            "employee_kind": row.employee_kind, "valid_from_year": row.valid_from_year,
            "target_jp": float(row.target_jp),
            "max_jp": None if row.max_jp is None else float(row.max_jp), "basis": row.basis,
        }))  # fmt: skip
