from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from garda.core.audit.tree import audit_verify


class Command(BaseCommand):
    help = (
        "Periksa seluruh log audit: hash tiap entri, urutan, dan kepala pohon bertanda tangan. "
        "Dengan --remote URL: periksa log Garda lain dari luar, lewat HTTP saja (tanpa basis "
        "data): tanda tangan kepala pohon, bukti konsistensi, dan bukti inklusi entri acak."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--remote",
            metavar="URL",
            help="alamat audit publik, mis. https://garda.jambiprov.go.id/audit/publik/",
        )
        parser.add_argument(
            "--public-key",
            metavar="FILE",
            type=Path,
            help="kunci publik (PEM) yang Anda simpan sendiri; tanpa ini kunci diambil dari server",
        )
        parser.add_argument(
            "--sample",
            metavar="N",
            type=int,
            default=20,
            help="jumlah entri acak yang diperiksa bukti inklusinya (bawaan 20; 0 = tidak ada)",
        )
        parser.add_argument(
            "--state",
            metavar="FILE",
            type=Path,
            help="berkas JSON untuk mengingat kepala pohon yang sudah pernah dilihat",
        )
        parser.add_argument("--timeout", type=float, default=30.0, help="batas waktu HTTP (detik)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["remote"]:
            self._remote(options)
            return
        report = audit_verify()
        if report.ok:
            self.stdout.write(
                f"OK: {report.entries} entri dan {report.heads} kepala pohon bertanda tangan utuh."
            )
            # Entries after the last signed head are protected by their hashes only: a
            # database superuser could rewrite them unseen until the next head is signed.
            self.stdout.write(
                f"{report.unsigned} entri terbaru belum tercakup kepala pohon bertanda tangan "
                "(ditandatangani otomatis; lihat `garda audit_sign_head --loop`)."
            )
            if report.unnumbered:
                # Committed, numbered by the sequencer after commit (the next write or the
                # signer): many here for long means the sequencer is not running.
                self.stdout.write(
                    f"{report.unnumbered} entri menunggu diberi nomor (berikutnya oleh "
                    "`garda audit_sign_head`)."
                )
            return
        for problem in report.problems:
            self.stderr.write(problem)
        first = f"entri pertama yang rusak: #{report.first_bad_seq}" if report.first_bad_seq else ""
        raise CommandError(
            f"Log audit TIDAK utuh ({len(report.problems)} masalah). {first}".strip()
        )

    def _remote(self, options: dict[str, Any]) -> None:
        # Only HTTP and the key: nothing here imports a model or opens the database.
        from garda.core.audit.remote import RemoteError, verify_remote

        if options["sample"] < 0:
            raise CommandError("--sample tidak boleh negatif.")
        pinned = None
        if options["public_key"] is not None:
            try:
                pinned = options["public_key"].read_bytes()
            except OSError as error:
                raise CommandError(f"Kunci publik tidak terbaca: {error}") from error
        try:
            report = verify_remote(
                options["remote"],
                pinned_key_pem=pinned,
                sample=options["sample"],
                state_file=options["state"],
                timeout=options["timeout"],
                progress=lambda message: self.stdout.write(f"… {message}"),
            )
        except RemoteError as error:
            raise CommandError(str(error)) from error
        for warning in report.warnings:
            self.stderr.write(f"PERINGATAN: {warning}")
        if report.ok:
            pinned_text = "disematkan" if report.pinned else "TIDAK disematkan"
            self.stdout.write(
                f"OK: {report.url} — {report.heads} kepala pohon bertanda tangan sah "
                f"(kunci {report.key_id}, {pinned_text}), {report.consistency_checked} bukti "
                f"konsistensi, {report.remembered_checked} kepala tersimpan, "
                f"{report.entries_checked} entri terbukti ada di pohon berukuran "
                f"{report.latest_size}."
            )
            return
        for problem in report.problems:
            self.stderr.write(problem)
        raise CommandError(
            f"Log audit di {report.url} TIDAK lolos pemeriksaan ({len(report.problems)} masalah): "
            f"{report.problems[0]}"
        )
