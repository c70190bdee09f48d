"""`garda badge_key_rotate [--withdraw]`: replace the key that signs Open Badges.

Prints the new key as JSON ({"key_id", "verification_method", "withdrawn"}) on stdout. The old
public key stays in the issuer's DID document so badges signed before still verify; with
--withdraw (the old private key leaked) it is removed, and those badges fail verification
until their holders download them again."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from garda.learning.services import badges


class Command(BaseCommand):
    help = "Ganti kunci Ed25519 penanda tangan Open Badge (kunci lama tetap diterbitkan)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--withdraw",
            action="store_true",
            help="Tarik kunci lama (bocor): lencana yang ditandatanganinya tidak lagi sah.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        new = badges.badge_key_rotate(actor=None, withdraw=options["withdraw"])
        self.stderr.write("Kunci lencana baru dibuat.")
        self.stdout.write(json.dumps({
            "key_id": new.key_id,
            "verification_method": f"{badges.issuer_did()}#{new.key_id}",
            "withdrawn": bool(options["withdraw"]),
        }))  # fmt: skip
