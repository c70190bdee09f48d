from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from garda.core.audit.tree import tree_head_sign


class Command(BaseCommand):
    help = "Tandatangani kepala pohon log audit saat ini (Ed25519)."

    def handle(self, *args: Any, **options: Any) -> None:
        head = tree_head_sign()
        self.stdout.write(
            f"ukuran={head.tree_size} akar={head.root_hash} waktu={head.signed_at.isoformat()} "
            f"kunci={head.key_id} tanda_tangan={head.signature}"
        )
