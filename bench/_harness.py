"""Shared machinery for Garda benches: a real server, wrk, and the sign-in a browser does.

A bench uses it like this::

    with running_garda(threads=8) as server:
        cookies = sign_in(server, "asn.demo", DEMO_PASSWORD)
        ceiling = run_wrk(server.url(BARE_PATH))
        page = run_wrk(server.url("/"), headers={"Cookie": cookie_header(cookies)})
    print(page.rps / ceiling.rps)

Everything the server needs lives in a fresh temporary data directory (secret key, SQLite
database, collected static files) that is removed afterwards; DATABASE_URL, when set in the
environment, points the server at another database (PostgreSQL) instead of SQLite.

Any failure that makes figures meaningless (server does not start, sign-in refused, a single
non-2xx response under load) raises BenchError.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
VENV_BIN = PROJECT_DIR / ".venv" / "bin"
GARDA = VENV_BIN / "garda"
WRK_LUA = BENCH_DIR / "wrk_report.lua"

# The ceiling: the cheapest Django JSON view, behind the same middleware and server.
BARE_PATH = "/_bench/bare/"
# Published demo password of the accounts `garda seed_demo` creates.
DEMO_PASSWORD = "garda-demo-2026"  # noqa: S105
LOGIN_PATH = "/akun/masuk/"
DEFAULT_SETTINGS = "garda.settings"

# Load shape shared by every bench unless it has a reason to differ.
DEFAULT_CONNECTIONS = 16
# Granian worker processes: one per core, as docs/operations.md has production start Garda
# (`--workers` = the number of cores). The work is CPU under one GIL per process, so one
# worker on two cores left a core to wrk alone and queued every request behind one GIL: the
# bare view's own p95 at 16 clients was 89-159 ms with one worker, 42-50 ms with two
# (bench/README.md, "Workers"). Ceilings and pages run alike, so ratios stay comparable.
DEFAULT_WORKERS = os.cpu_count() or 1
DEFAULT_WRK_THREADS = 2
DEFAULT_DURATION_S = 10.0
DEFAULT_WARMUP_S = 2.0


class BenchError(RuntimeError):
    """The bench could not produce meaningful figures."""


# --- Running the server ---------------------------------------------------------------------


def database_url_from_env() -> str | None:
    """The database the bench should use: DATABASE_URL if set, else None (fresh SQLite)."""
    return os.environ.get("DATABASE_URL") or None


def database_label(database_url: str | None) -> str:
    if database_url is None:
        return "sqlite"
    scheme = database_url.split(":", 1)[0]
    return "postgresql" if scheme.startswith(("postgres", "pgsql")) else scheme


def garda_env(
    data_dir: Path, database_url: str | None, settings_module: str = DEFAULT_SETTINGS
) -> dict[str, str]:
    """Environment for `garda` commands and the server: isolated data, bench views on.

    Garda's own variables from the caller's shell are dropped so that every run measures the
    defaults production starts from; `settings_module` (default garda.settings) lets an
    experiment measure a proposed settings change without editing src/ (put the module on
    PYTHONPATH)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GARDA_", "GRANIAN_"))
        and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings_module,
            "GARDA_DATA_DIR": str(data_dir),
            "GARDA_BENCH_VIEWS": "1",
            "GARDA_LOG_LEVEL": os.environ.get("GARDA_LOG_LEVEL", "WARNING"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return env


def garda(args: Sequence[str], env: Mapping[str, str], timeout_s: float = 300.0) -> str:
    """Run a `garda` management command; its stdout, or BenchError with its output."""
    try:
        done = subprocess.run(
            [str(GARDA), *args],
            env=dict(env),
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"`garda {' '.join(args)}` took longer than {timeout_s:.0f} s") from exc
    if done.returncode != 0:
        raise BenchError(
            f"`garda {' '.join(args)}` failed with exit code {done.returncode}:\n"
            f"{done.stdout}\n{done.stderr}"
        )
    return done.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class GardaServer:
    """`garda serve --no-worker` on 127.0.0.1:port, exactly as production starts granian."""

    data_dir: Path
    env: dict[str, str]
    threads: int
    workers: int = DEFAULT_WORKERS
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def manage(self, *args: str) -> str:
        """A management command against the same data directory and database."""
        return garda(args, self.env)

    def start(self, ready_timeout_s: float = 120.0) -> None:
        self.log_path = self.data_dir / "server.log"
        command = [
            str(GARDA), "serve", "--no-worker",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--threads", str(self.threads), "--workers", str(self.workers),
        ]  # fmt: skip
        with self.log_path.open("wb") as log:
            # Own process group, so stop() reaches granian and its workers, and only them.
            self.process = subprocess.Popen(
                command,
                env=self.env,
                cwd=PROJECT_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_ready(ready_timeout_s)

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise BenchError(
                    f"server exited with code {self.process.returncode} before answering:\n"
                    f"{self.log_tail()}"
                )
            try:
                response = http_request(self.base_url, "GET", BARE_PATH, timeout_s=2.0)
            except OSError as exc:
                last_error = str(exc)
            else:
                if response.status == 200:
                    return
                raise BenchError(
                    f"server answered {BARE_PATH} with {response.status}; is GARDA_BENCH_VIEWS "
                    f"honoured?\n{self.log_tail()}"
                )
            time.sleep(0.2)
        self.stop()
        raise BenchError(
            f"server not ready after {timeout_s:.0f} s ({last_error}):\n{self.log_tail()}"
        )

    def stop(self, timeout_s: float = 10.0) -> None:
        """SIGINT to `garda serve` alone, which passes it on to granian; then SIGTERM and
        SIGKILL to the whole process group if it has not finished.

        Not SIGINT to the group (what Ctrl+C in a terminal does): granian's worker then gets
        it twice, directly and from granian, and its shutdown hung in most of our tries."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        for send, sig in (
            (process.send_signal, signal.SIGINT),
            (lambda s: os.killpg(process.pid, s), signal.SIGTERM),
            (lambda s: os.killpg(process.pid, s), signal.SIGKILL),
        ):
            with contextlib.suppress(ProcessLookupError):
                send(sig)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                continue
            break
        # Granian or its worker may outlive `garda serve` after a SIGTERM; end those, by pid.
        for pid in process_group_members(process.pid):
            if "granian" in _cmdline(pid):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)

    def cpu_seconds(self) -> float | None:
        """CPU time used so far by the server's processes (garda, granian and its workers);
        None where /proc is not available. By process tree, not group: `garda serve` starts
        granian in a process group of its own."""
        if self.process is None:
            return None
        return process_tree_cpu_seconds(self.process.pid)

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return "(no server log)"
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


def _proc_stats() -> Iterator[tuple[int, list[str]]]:
    """(pid, fields after "pid (comm)") of every process, from /proc (Linux)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # exited meanwhile
        # state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
        yield int(entry.name), stat.rsplit(")", 1)[1].split()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def process_group_members(pgid: int) -> list[int]:
    if not Path("/proc").is_dir():
        return []
    return [pid for pid, fields in _proc_stats() if int(fields[2]) == pgid]


def process_tree(root: int, stats: dict[int, list[str]] | None = None) -> set[int]:
    """Process `root` and its living descendants (Linux; just `root` elsewhere)."""
    if stats is None:
        stats = dict(_proc_stats()) if Path("/proc").is_dir() else {}
    tree, grew = {root}, True
    while grew:
        children = {pid for pid, fields in stats.items() if int(fields[1]) in tree} - tree
        grew = bool(children)
        tree |= children
    return tree


def process_tree_cpu_seconds(root: int) -> float | None:
    """User + system CPU seconds of process `root` and its living descendants (Linux)."""
    if not Path("/proc").is_dir():
        return None
    stats = dict(_proc_stats())
    tree = process_tree(root, stats)
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(stats[pid][11]) + int(stats[pid][12]) for pid in tree if pid in stats) / ticks


def process_group_cpu_seconds(pgid: int) -> float | None:
    """User + system CPU seconds of the living processes in process group `pgid` (Linux)."""
    if not Path("/proc").is_dir():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = sum(
        int(fields[11]) + int(fields[12]) for _, fields in _proc_stats() if int(fields[2]) == pgid
    )
    return total / ticks


def prepare_data(env: Mapping[str, str], *, seed: bool = True) -> None:
    """Migrate and (by default) load the demo data the benches sign in with."""
    garda(["migrate", "--no-input"], env)
    if seed:
        garda(["seed_demo", "--quiet-accounts"], env)


@contextlib.contextmanager
def running_garda(
    *,
    threads: int,
    workers: int = DEFAULT_WORKERS,
    database_url: str | None = None,
    settings_module: str = DEFAULT_SETTINGS,
    seed: bool = True,
) -> Iterator[GardaServer]:
    """A migrated, seeded Garda served by granian in a throw-away data directory."""
    with tempfile.TemporaryDirectory(prefix="garda-bench-") as tmp:
        data_dir = Path(tmp)
        env = garda_env(data_dir, database_url, settings_module)
        prepare_data(env, seed=seed)
        server = GardaServer(data_dir=data_dir, env=env, threads=threads, workers=workers)
        try:
            server.start()
            yield server
        finally:
            server.stop()


# --- Talking to it like a browser -----------------------------------------------------------


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: list[tuple[str, str]]
    body: str

    def header_values(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def cookies(self) -> dict[str, str]:
        jar: SimpleCookie = SimpleCookie()
        for value in self.header_values("Set-Cookie"):
            jar.load(value)
        return {name: morsel.value for name, morsel in jar.items()}


def http_request(
    base_url: str,
    method: str,
    path: str,
    *,
    headers: Mapping[str, str] | None = None,
    body: str | None = None,
    timeout_s: float = 10.0,
) -> HttpResponse:
    """One request, redirects not followed (a bench must see them)."""
    host_port = base_url.removeprefix("http://")
    connection = http.client.HTTPConnection(host_port, timeout=timeout_s)
    try:
        connection.request(method, path, body=body, headers=dict(headers or {}))
        response = connection.getresponse()
        return HttpResponse(
            status=response.status,
            headers=response.getheaders(),
            body=response.read().decode("utf-8", errors="replace"),
        )
    finally:
        connection.close()


def cookie_header(cookies: Mapping[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


def sign_in(server: GardaServer, username: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    """Sign in through the real login form; the cookies a browser holds afterwards
    (sessionid and the csrftoken rotated at login)."""
    form = http_request(server.base_url, "GET", LOGIN_PATH)
    if form.status != 200:
        raise BenchError(f"GET {LOGIN_PATH} answered {form.status}")
    cookies = form.cookies()
    match = _CSRF_INPUT.search(form.body)
    if "csrftoken" not in cookies or match is None:
        raise BenchError(f"GET {LOGIN_PATH} gave no csrftoken cookie or csrfmiddlewaretoken")
    posted = http_request(
        server.base_url,
        "POST",
        LOGIN_PATH,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(cookies),
            "Referer": server.url(LOGIN_PATH),
            "Origin": server.base_url,
        },
        body=urlencode(
            {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password}
        ),
    )
    cookies.update(posted.cookies())
    if posted.status != 302 or not cookies.get("sessionid"):
        raise BenchError(
            f"signing in as {username} failed: POST {LOGIN_PATH} answered {posted.status} "
            f"(expected 302 with a sessionid cookie)"
        )
    return cookies


_TOKEN_LINE = re.compile(r"Generated token (\S+) for user")


def create_token(server: GardaServer, username: str) -> str:
    """The DRF token of `username` (created if missing), via `garda drf_create_token`."""
    output = server.manage("drf_create_token", username)
    match = _TOKEN_LINE.search(output)
    if match is None:
        raise BenchError(f"unexpected drf_create_token output: {output!r}")
    return match.group(1)


def check_endpoint(
    server: GardaServer, path: str, *, headers: Mapping[str, str], expect: str | None
) -> float:
    """One request before loading an endpoint: it must answer 2xx with the expected body.
    Returns its seconds (the first visit: what a worker's empty cache costs)."""
    started = time.perf_counter()
    response = http_request(server.base_url, "GET", path, headers=headers)
    if not 200 <= response.status < 300:
        location = response.header_values("Location")
        raise BenchError(f"GET {path} answered {response.status} {location or ''}".rstrip())
    if expect is not None and expect not in response.body:
        raise BenchError(f"GET {path} answered {response.status} without {expect!r} in the body")
    return time.perf_counter() - started


def warmup_for_every_worker(warmup_s: float, first_visit_s: float) -> float:
    """A warm-up long enough for every worker to fill its own cache: one worker per core,
    each with its in-process cache, so a page whose first visit took `first_visit_s` costs
    that again in each other worker, under load."""
    return max(warmup_s, math.ceil(3 * first_visit_s))


# --- Load ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrkResult:
    url: str
    connections: int
    duration_s: float
    requests: int
    rps: float
    mean_ms: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    non2xx: int
    unexpected_body: int
    socket_errors: int
    # Server CPU per request: far less sensitive than req/s to other load on the machine.
    server_cpu_ms_per_request: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def wrk_available() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError("wrk is not installed (apt-get install wrk)")
    return wrk


def run_wrk(
    url: str,
    *,
    duration_s: float = DEFAULT_DURATION_S,
    connections: int = DEFAULT_CONNECTIONS,
    threads: int = DEFAULT_WRK_THREADS,
    headers: Mapping[str, str] | None = None,
    expect: str | None = None,
    timeout_s: float = 5.0,
) -> WrkResult:
    """Closed-loop load: `connections` clients, each sending its next request as soon as the
    previous answer arrives. Raises BenchError on any non-2xx answer, any 2xx body without
    `expect`, or any socket error or timeout."""
    command = [
        wrk_available(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration_s:g}s",
        f"--timeout={timeout_s:g}s",
        "-s", str(WRK_LUA),
    ]  # fmt: skip
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command += [url, "--", expect or ""]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=duration_s + 60
    )
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise BenchError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    report: dict[str, Any] = json.loads(line.removeprefix("WRK_JSON "))
    errors: dict[str, int] = report["errors"]
    latency: dict[str, float] = report["latency_ms"]
    socket_errors = errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]
    result = WrkResult(
        url=url,
        connections=connections,
        duration_s=report["duration_s"],
        requests=report["requests"],
        rps=report["rps"],
        mean_ms=latency["mean"],
        p50_ms=latency["p50"],
        p90_ms=latency["p90"],
        p95_ms=latency["p95"],
        p99_ms=latency["p99"],
        max_ms=latency["max"],
        non2xx=errors["non2xx"],
        unexpected_body=errors["unexpected_body"],
        socket_errors=socket_errors,
    )
    if result.requests == 0:
        raise BenchError(f"wrk completed no request against {url}")
    if result.non2xx:
        raise BenchError(
            f"{result.non2xx} of {result.requests} responses from {url} were not 2xx "
            f"(first: {errors['first_bad_status']}); figures of error pages are worthless"
        )
    if result.unexpected_body:
        raise BenchError(
            f"{result.unexpected_body} of {result.requests} responses from {url} lacked "
            f"{expect!r}; the bench is not measuring the page it means to"
        )
    if socket_errors:
        raise BenchError(f"{socket_errors} socket errors/timeouts against {url}: {errors}")
    return result


def measure(
    server: GardaServer,
    path: str,
    *,
    warmup_s: float = DEFAULT_WARMUP_S,
    duration_s: float = DEFAULT_DURATION_S,
    **kwargs: Any,
) -> WrkResult:
    """A warm-up run (checked, then discarded) followed by the measured run, with the
    server's CPU time per request over the measured run."""
    url = server.url(path)
    if warmup_s > 0:
        run_wrk(url, duration_s=warmup_s, **kwargs)
    cpu_before = server.cpu_seconds()
    result = run_wrk(url, duration_s=duration_s, **kwargs)
    cpu_after = server.cpu_seconds()
    if cpu_before is None or cpu_after is None:
        return result
    cpu_ms = (cpu_after - cpu_before) * 1000 / result.requests
    return replace(result, server_cpu_ms_per_request=round(cpu_ms, 3))


def settle(server: GardaServer, timeout_s: float = 120.0) -> None:
    """After a slow run (or one wrk gave up on), answers it abandoned are still queued in the
    server: wait until the bare view answers within 200 ms before measuring the next."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            http_request(server.base_url, "GET", BARE_PATH, timeout_s=10.0)
            if time.monotonic() - started < 0.2:
                return
        time.sleep(1.0)


# --- Reporting -------------------------------------------------------------------------------


def git_revision() -> str | None:
    """The commit measured, with "+dirty" when the working tree differs from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "src"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return commit + ("+dirty" if dirty else "")


def machine_info() -> dict[str, Any]:
    """What a reader needs to judge figures from another run: when, where, which code."""
    return {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": git_revision(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def write_results(name: str, payload: Mapping[str, Any]) -> Path:
    """bench/results/<name>.json (git-ignored)."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, sort_keys=False) + "\n")
    return path


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table, columns right-aligned except the first."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def p95_verdicts(
    results: Mapping[str, WrkResult], ceiling_rps: float, p95_target_ms: float
) -> tuple[dict[str, Any], list[tuple[object, ...]]]:
    """Each endpoint's figures with its ratio to the ceiling and its p95 verdict, and the
    table rows (endpoint, req/s, p50, p95, ratio, cpu ms/req, verdict) benches print."""
    figures: dict[str, Any] = {}
    rows: list[tuple[object, ...]] = []
    for name, result in results.items():
        ratio = result.rps / ceiling_rps
        verdict = "PASS" if result.p95_ms < p95_target_ms else "FAIL"
        figures[name] = {**result.to_dict(), "ratio": round(ratio, 3),
                         "p95_target_ms": p95_target_ms, "verdict": verdict}  # fmt: skip
        rows.append((name, f"{result.rps:.0f}", f"{result.p50_ms:.1f}", f"{result.p95_ms:.1f}",
                     f"{ratio:.2f}", result.server_cpu_ms_per_request, verdict))  # fmt: skip
    return figures, rows


def load_bench_main(
    name: str,
    description: str,
    run: Callable[[argparse.Namespace], Mapping[str, Any]],
    argv: Sequence[str] | None,
    options: Callable[[argparse.ArgumentParser], None] | None = None,
) -> int:
    """The `main` of a load bench: --duration, --warmup, --connections, and whatever
    `options` adds; exit 2 when it could not run, else write bench/results/<name>.json and
    exit 0."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--duration", type=float, default=DEFAULT_DURATION_S)
    parser.add_argument("--warmup", type=float, default=DEFAULT_WARMUP_S)
    parser.add_argument("--connections", type=int, default=DEFAULT_CONNECTIONS)
    if options is not None:
        options(parser)
    args = parser.parse_args(argv)
    try:
        payload = run(args)
    except BenchError as error:
        print(f"{name} bench could not run: {error}", file=sys.stderr)
        return 2
    print(f"results: {write_results(name, payload)}")
    return 0
