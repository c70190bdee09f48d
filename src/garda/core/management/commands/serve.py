"""Serve Garda with granian (WSGI) and, beside it, the background task worker.

One command for the embedded setup; in production run `garda serve --no-worker` behind a
reverse proxy and `garda db_worker` as its own service (docs/operations.md)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Jalankan Garda dengan granian (WSGI) dan pekerja tugas latar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("GARDA_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("GARDA_PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("GARDA_WORKERS", "1"))
        )
        # Threads per worker; with PostgreSQL keep workers x threads under max_connections.
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("GARDA_THREADS", "8"))
        )
        parser.add_argument("--no-worker", action="store_true", help="Jangan jalankan db_worker.")
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which(
            "granian"
        )
        if granian is None:
            raise CommandError("granian tidak ditemukan; pasang dengan `pip install granian`.")
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # granian needs it to exist
        worker = None
        if not options["no_worker"]:
            garda = shutil.which("garda", path=os.path.dirname(sys.executable)) or "garda"
            worker = subprocess.Popen([garda, "db_worker", "--no-startup-delay"])  # noqa: S603
        command = [
            granian,
            "--interface",
            "wsgi",
            "--host",
            options["host"],
            "--port",
            str(options["port"]),
            "--workers",
            str(options["workers"]),
            "--blocking-threads",
            str(options["threads"]),
            "--static-path-route",
            settings.STATIC_URL.rstrip("/"),
            "--static-path-mount",
            str(settings.STATIC_ROOT),
            "--no-access-log",
            "garda.wsgi:application",
        ]
        self.stdout.write(f"Garda berjalan di http://{options['host']}:{options['port']}/")
        server = subprocess.Popen(command)  # noqa: S603
        try:
            server.wait()
        except KeyboardInterrupt:
            # Ctrl+C reached granian too (same process group); a second SIGINT from here left
            # its worker stuck, so only wait. If it still hangs, end the whole group, this
            # command and the task worker included: nothing is left running.
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(os.getpgid(server.pid), signal.SIGKILL)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
