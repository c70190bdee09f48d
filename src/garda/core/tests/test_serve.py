"""`garda serve` really started, answering HTTP, then stopped with SIGTERM as systemd stops it:
granian, its worker processes and the task worker all end, and the command exits 0.

No mocks: the run's own migrated test database (SQLite or PostgreSQL; migrating a fresh one
took 13 s of this test's budget on a loaded machine), a temporary data directory, a free port,
and the process tree read from /proc."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from garda.core.testing import database_url_for_subprocess

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _parents() -> dict[int, int]:
    """pid -> ppid of every live process (zombies included: they are not gone yet)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended while we looked
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = text[text.rindex(")") + 2 :].split()
        found[int(stat.parent.name)] = int(fields[1])
    return found


def _descendants(pid: int) -> set[int]:
    parents = _parents()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()}


def _wait_for_http(url: str, server: subprocess.Popen[bytes], seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "garda serve ended before it answered"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310  # our http URL
                status: int = response.status
                return status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


# Committed, not in a test transaction: the server and its worker are other processes.
@pytest.mark.django_db(transaction=True)
def test_sigterm_stops_granian_and_the_worker(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_subprocess(),
        "GARDA_DATA_DIR": str(tmp_path),
        "GARDA_COLLECTSTATIC": "false",  # no manifest needed: collectstatic is skipped
        "GARDA_LOG_LEVEL": "WARNING",
    }
    garda = [sys.executable, "-m", "garda"]

    port = _free_port()
    server = subprocess.Popen(  # noqa: S603  # our own CLI with fixed arguments
        [*garda, "serve", "--port", str(port), "--no-collectstatic"], env=env
    )
    children: set[int] = set()
    try:
        status = _wait_for_http(f"http://127.0.0.1:{port}/akun/masuk/", server, seconds=60)
        assert status == 200
        children = _descendants(server.pid)
        commands = " | ".join(_cmdline(pid) for pid in children)
        # granian, granian's worker process, and the task worker.
        assert len(children) >= 3, commands
        assert "granian" in commands
        assert "db_worker" in commands

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=15) == 0
        deadline = time.monotonic() + 5
        while _alive(children) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _alive(children)
        assert not left, [_cmdline(pid) for pid in left]
    finally:
        # A failing run must not leave its server behind for the rest of the suite.
        for pid in _alive(children | {server.pid}):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        server.wait()
