"""Serve Garda with granian (WSGI) and, beside it, the background task worker and the audit
log's signer (`audit_sign_head --loop`).

One command for the embedded setup; in production run `garda serve --no-worker` behind a
reverse proxy, and `garda db_worker` and `garda audit_sign_head --loop` as services of their
own (docs/operations.md)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

# How long granian and the worker get to finish their requests and task after the signal.
STOP_TIMEOUT_SECONDS = 10.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _run_until_signalled(server_command: list[str], helper_commands: list[list[str]]) -> int:
    """Run granian (and its helpers: the worker, the audit signer) until granian exits or
    SIGTERM/SIGINT arrives; stop them all.

    Each child leads its own process group, so a terminal's Ctrl+C reaches only this process
    (granian's own workers got a second SIGINT from the terminal and could hang), and the
    group is what is left to kill: granian's worker processes live in granian's group.
    Returns granian's exit code, 0 when stopped by a signal."""
    received: list[int] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    previous = {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}
    children: list[subprocess.Popen[bytes]] = []
    try:
        for helper in helper_commands:
            children.append(subprocess.Popen(helper, process_group=0))  # noqa: S603
        server = subprocess.Popen(server_command, process_group=0)  # noqa: S603
        children.append(server)
        while not received and server.poll() is None:
            time.sleep(0.2)
    finally:
        _stop(children, received[0] if received else signal.SIGTERM)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if received else server.returncode


def _stop(children: list[subprocess.Popen[bytes]], signum: int) -> None:
    """Forward the signal, wait for a graceful end, then kill whatever is left in each group."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signum)
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    for child in children:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        # The group outlives its leader while a grandchild is still in it; an empty group
        # (everything ended in time) is the normal case.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()


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
        # WhiteNoise, in the app, serves /static/ from here (decision 0021) and warns without it.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        helper_commands: list[list[str]] = []
        if not options["no_worker"]:
            garda = shutil.which("garda", path=os.path.dirname(sys.executable)) or "garda"
            helper_commands = [
                [garda, "db_worker", "--no-startup-delay"],
                [garda, "audit_sign_head", "--loop"],
            ]
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
            "--no-access-log",
            "garda.wsgi:application",
        ]
        self.stdout.write(
            f"Garda berjalan di http://{options['host']}:{options['port']}/"
            "  (Ctrl+C untuk berhenti; surat demo ada di var/outbox/ bila EMAIL_URL kosong)"
        )
        self.stdout.flush()
        code = _run_until_signalled(command, helper_commands)
        if code:
            raise CommandError(f"granian berhenti dengan kode {code}.")
