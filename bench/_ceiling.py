"""The bare Django project of bench/ceiling/, served like Garda: granian, WSGI, one worker, the
same blocking threads, access log off, on the same database. Benches whose rows are machine
endpoints (the queue's Mobile JKN bridge) measure their ceiling here, in the same run, so the
ratio shows what Garda costs above Django itself — its middleware stack included."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from _harness import (
    BENCH_DIR,
    DEFAULT_WORKERS,
    PROJECT_DIR,
    VENV_BIN,
    BenchError,
    free_port,
    http_request,
    process_group_cpu_seconds,
)

CEILING_JSON_PATH = "/_bench/bare/"
CEILING_INSERT_PATH = "/_bench/insert/"
SETTINGS = "ceiling.settings"


def ceiling_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GARDA_", "GRANIAN_"))
        and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            # Garda's data directory: its settings (which the ceiling's read the database
            # from) and, on SQLite, the same database file.
            "GARDA_DATA_DIR": str(data_dir),
            "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(PROJECT_DIR / "src")]),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return env


def _python() -> str:
    candidate = VENV_BIN / "python"
    return str(candidate) if candidate.exists() else sys.executable


@dataclass
class CeilingServer:
    """`granian … ceiling.wsgi:application` with Garda's `garda serve` options."""

    data_dir: Path
    database_url: str | None
    threads: int
    workers: int = DEFAULT_WORKERS
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self, ready_timeout_s: float = 60.0) -> None:
        env = ceiling_env(self.data_dir, self.database_url)
        migrate = subprocess.run(
            [_python(), "-m", "django", "migrate", "--no-input", "-v", "0"],
            env=env, cwd=PROJECT_DIR, capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip
        if migrate.returncode != 0:
            raise BenchError(f"ceiling migrate failed:\n{migrate.stdout}\n{migrate.stderr}")
        granian = shutil.which("granian", path=str(VENV_BIN)) or shutil.which("granian")
        if granian is None:
            raise BenchError("granian not found")
        command = [
            granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(self.workers), "--blocking-threads", str(self.threads),
            "--no-access-log", "ceiling.wsgi:application",
        ]  # fmt: skip
        log = (self.data_dir / "ceiling.log").open("wb")
        self.process = subprocess.Popen(
            command, env=env, cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + ready_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"ceiling server exited with {self.process.returncode}")
            with contextlib.suppress(OSError):
                if http_request(self.base_url, "GET", CEILING_JSON_PATH, timeout_s=2).status == 200:
                    return
            time.sleep(0.2)
        self.stop()
        raise BenchError("ceiling server did not answer")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                continue
            break

    def cpu_seconds(self) -> float | None:
        if self.process is None:
            return None
        return process_group_cpu_seconds(self.process.pid)


@contextlib.contextmanager
def running_ceiling(
    data_dir: Path, database_url: str | None, *, threads: int, workers: int = 1
) -> Iterator[CeilingServer]:
    server = CeilingServer(data_dir, database_url, threads, workers)
    try:
        server.start()
        yield server
    finally:
        server.stop()
