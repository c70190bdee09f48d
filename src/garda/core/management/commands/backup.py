"""`garda backup PATH`: the whole database and the audit signing key in one .tar.gz."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Tulis cadangan lengkap basis data Garda (SQLite atau PostgreSQL) ke satu arsip "
        ".tar.gz yang bisa dipulihkan dengan `garda restore` ke SQLite maupun PostgreSQL. "
        "PERHATIAN: arsip memuat KUNCI PRIVAT penanda tangan log audit dan data pribadi "
        "pegawai; simpan terlindungi (izin 0600, terenkripsi, di luar server). Kunci "
        "SECRET_KEY Django tidak ikut; berkas unggahan (media) ikut."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Berkas arsip tujuan, mis. garda-2026-01-31.tar.gz.")
        parser.add_argument(
            "--overwrite", action="store_true", help="Timpa berkas tujuan yang sudah ada."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            manifest = backup_write(options["path"], overwrite=options["overwrite"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        path = Path(options["path"]).expanduser().absolute()
        size_mb = path.stat().st_size / 1_000_000
        self.stdout.write(
            f"Cadangan ditulis: {path} ({manifest.total_rows} baris dari "
            f"{len(manifest.counts)} tabel, {manifest.audit_entries} entri audit, "
            f"{len(manifest.media)} berkas unggahan, "
            f"{size_mb:.1f} MB, {time.monotonic() - started:.1f} dtk)."
        )
        self.stdout.write(
            "Arsip ini memuat kunci privat log audit (izin berkas 0600): simpan di tempat "
            "yang terlindungi."
        )
