"""`garda restore PATH`: load a `garda backup` archive into this database, all or nothing."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.backup import BackupError, backup_inspect, backup_restore


class Command(BaseCommand):
    help = (
        "Pulihkan arsip `garda backup` ke basis data ini (SQLite atau PostgreSQL), dalam satu "
        "transaksi: arsip yang rusak atau diubah, jumlah baris yang tidak cocok, atau log "
        "audit yang tidak utuh membatalkan semuanya. Basis data tujuan harus sudah "
        "dimigrasi (`garda migrate`) dan kosong, kecuali dengan --replace. Kunci audit dari "
        "arsip ditulis ke folder data (izin 0600) dan berkas unggahan ke MEDIA_ROOT (folder "
        "lama disimpan di sebelahnya). Arsip dari versi Garda yang lebih lama dimuat ke "
        "skemanya lalu dimigrasi maju. Hentikan server selama pemulihan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Arsip yang dibuat oleh `garda backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Kosongkan basis data dulu (dalam transaksi yang sama) dan ganti kunci audit "
                "yang berbeda (kunci lama disimpan di sebelahnya). Sesi masuk ikut terhapus."
            ),
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Hanya periksa arsip (format, checksum, kunci); basis data tidak disentuh.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            if options["check"]:
                manifest = backup_inspect(options["path"])
                self.stdout.write(
                    f"Arsip utuh: {manifest.total_rows} baris dari {len(manifest.counts)} "
                    f"tabel dan {len(manifest.media)} berkas unggahan, dibuat "
                    f"{manifest.created_at} dari {manifest.database_vendor} "
                    f"(Garda {manifest.garda_version})."
                )
                return
            manifest = backup_restore(
                options["path"], replace=options["replace"], notify=self.stdout.write
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Cadangan dipulihkan: {manifest.total_rows} baris dari {len(manifest.counts)} "
            f"tabel (dibuat {manifest.created_at} dari {manifest.database_vendor}), "
            f"{time.monotonic() - started:.1f} dtk."
        )
