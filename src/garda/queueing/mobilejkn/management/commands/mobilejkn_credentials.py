"""`garda mobilejkn_credentials FACILITY_CODE --username U --password P`: set the credentials
Mobile JKN signs in with at /mobilejkn/<FACILITY_CODE>/auth. Without --password the password
is asked for (not echoed), so it stays out of the shell history."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.errors import GardaError
from garda.queueing.mobilejkn.services import bridge_set_credentials
from garda.queueing.models import Facility


class Command(BaseCommand):
    help = "Atur nama pengguna dan kata sandi Mobile JKN sebuah puskesmas."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("facility_code")
        parser.add_argument("--username", required=True)
        parser.add_argument("--password")

    def handle(self, *args: Any, **options: Any) -> None:
        facility = Facility.objects.filter(code=options["facility_code"]).first()
        if facility is None:
            raise CommandError(f"Puskesmas dengan kode {options['facility_code']} tidak ada.")
        password = options["password"] or getpass.getpass("Kata sandi: ")
        try:
            bridge = bridge_set_credentials(
                actor=None,
                facility_id=facility.pk,
                username=options["username"],
                password=password,
            )
        except GardaError as error:
            raise CommandError(error.message_id) from error
        self.stdout.write(
            f"Kredensial Mobile JKN {facility.code} disimpan (pengguna {bridge.username}); "
            f"alamat dasar /mobilejkn/{facility.code}/"
        )
