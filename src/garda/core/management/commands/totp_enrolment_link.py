"""Print a one-time TOTP enrolment link for an account, for whoever sits at the server: the
first administrator (before any mail works) or an account without an e-mail address."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core import services
from garda.core.errors import GardaError
from garda.core.signin import account_for
from garda.core.twofactor import ENROLMENT_LINK_HOURS


class Command(BaseCommand):
    help = (
        "Cetak tautan sekali pakai untuk memasang verifikasi dua langkah (TOTP) sebuah akun; "
        f"berlaku {ENROLMENT_LINK_HOURS} jam. Berikan hanya kepada pemilik akun."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="username atau NIP akun")

    def handle(self, *args: Any, **options: Any) -> None:
        user = account_for(options["username"])
        if user is None:
            raise CommandError(f"Akun {options['username']!r} tidak ditemukan.")
        if not user.is_active:
            raise CommandError(f"Akun {user.username!r} tidak aktif.")
        try:
            url = services.totp_enrolment_link_create(user=user)
        except GardaError as error:
            raise CommandError(error.message) from error
        self.stdout.write(url)
