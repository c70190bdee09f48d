"""garda audit_sign_head: sign the audit log's tree head now, when due, or in a loop.

The newest entries are protected by a signed head only once one covers them, so the unsigned
tail is kept short: `--loop` (started by `garda serve` beside the worker, or its own service in
production) signs whenever GARDA_AUDIT_SIGN_EVERY_ENTRIES entries or
GARDA_AUDIT_SIGN_EVERY_MINUTES minutes have gone unsigned; `--if-due` does one such check
(for a once-a-minute timer); without options it signs now (the daily routine). Signing
numbers every committed entry first; `--loop` also runs the sequencer every second, for the
entries no writer's own run numbered (core/audit/sequencer.py)."""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from garda.core.audit.models import SignedTreeHead
from garda.core.audit.sequencer import audit_number_pending
from garda.core.audit.tree import tree_head_sign, tree_head_sign_if_due

NUMBER_EVERY_S = 1.0


class Command(BaseCommand):
    help = "Tandatangani kepala pohon log audit saat ini (Ed25519)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-due",
            action="store_true",
            help="tandatangani hanya bila ekor yang belum tercakup sudah cukup panjang atau lama",
        )
        parser.add_argument(
            "--loop",
            action="store_true",
            help="periksa terus (setiap --interval detik) sampai dihentikan (SIGTERM/Ctrl+C)",
        )
        parser.add_argument("--interval", type=float, default=30.0, help="detik antar-periksa")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["loop"]:
            self._loop(options["interval"])
            return
        head = _sign_if_due() if options["if_due"] else tree_head_sign()
        if head is None:
            self.stdout.write("Belum waktunya; tidak ada kepala pohon baru.")
            return
        self._report(head)

    def _report(self, head: SignedTreeHead) -> None:
        self.stdout.write(
            f"ukuran={head.tree_size} akar={head.root_hash} waktu={head.signed_at.isoformat()} "
            f"kunci={head.key_id} tanda_tangan={head.signature}"
        )

    def _loop(self, interval: float) -> None:
        stop: list[int] = []

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            stop.append(signum)

        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, on_signal)
        while not stop:
            close_old_connections()  # a database restart must not leave this loop stuck
            try:
                head = _sign_if_due()
            except Exception as error:  # keep signing after a passing outage
                self.stderr.write(f"Gagal menandatangani: {error}")
            else:
                if head is not None:
                    self._report(head)
            deadline = time.monotonic() + interval
            while not stop and time.monotonic() < deadline:
                time.sleep(min(NUMBER_EVERY_S, interval))
                self._number()

    def _number(self) -> None:
        """Entries are numbered right after their writer commits; one whose writer was cut
        short (a killed process, the last of a burst) waits here at most a second. One indexed
        query when nothing waits."""
        try:
            audit_number_pending()
        except Exception as error:  # as above: the next second tries again
            close_old_connections()
            self.stderr.write(f"Gagal memberi nomor: {error}")


def _sign_if_due() -> SignedTreeHead | None:
    # A new installation signs its first head at once, so the public audit page has a head
    # and a key from the first start instead of after the first batch of changes.
    if not SignedTreeHead.objects.exists():
        return tree_head_sign()
    return tree_head_sign_if_due(
        every_entries=settings.GARDA_AUDIT_SIGN_EVERY_ENTRIES,
        every_seconds=settings.GARDA_AUDIT_SIGN_EVERY_MINUTES * 60,
    )
