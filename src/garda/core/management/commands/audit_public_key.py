from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from garda.core.audit.signing import key_id, load_private_key, public_key_pem


class Command(BaseCommand):
    help = "Cetak kunci publik Ed25519 yang menandatangani kepala pohon audit (untuk auditor)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"# id kunci: {key_id(load_private_key().public_key())}")
        self.stdout.write(public_key_pem().rstrip())
