"""Static files: who serves /static/ (decision 0021), measured on one Garda in one run.

Two servers over the same data directory and collected files, one after the other:
- `granian-mount`: granian's own static mount (`--static-path-mount`, how `garda serve` ran
  until decision 0021): no compressed copies, `Cache-Control: max-age=86400`;
- `whitenoise`: `garda serve` as it is now, WhiteNoise in the app serving the .br/.gz copies
  collectstatic made, hashed names cached as immutable.

For each: the bytes of a first visit (the page, then every /static/ file it links, with the
Accept-Encoding header Chromium sends, and with none), for the heaviest public page
(/anggaran/<year>/, charts included) and a signed-in one (home as asn.demo); then throughput
of two hashed static files under wrk — the largest stylesheet a page links and a small
script — as a ratio to the bare Django view (the ceiling) on the same server, in the order
ceiling, files, ceiling.

Bytes are response bodies as sent (headers left out). Exit 0 with figures, 2 when it could
not run. Results: bench/results/static.json.

    .venv/bin/python bench/static_bench.py [--duration 10]
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from _harness import (
    BARE_PATH,
    VENV_BIN,
    BenchError,
    GardaServer,
    cookie_header,
    format_table,
    load_bench_main,
    machine_info,
    measure,
    running_garda,
    sign_in,
)

CHROMIUM_ACCEPT = "gzip, deflate, br, zstd"
# Chart.js counts too (data-chartjs): a phone fetches it once a chart scrolls into view.
STATIC_LINK = re.compile(r'(?:href|src|data-chartjs)="(/static/[^"]+)"')
LARGE_FILE = "vendor/bootstrap/bootstrap.min"  # 232 KB, linked by every page
SMALL_FILE = "garda/garda"  # a few KB


class GranianMountServer(GardaServer):
    """granian with `garda serve`'s options and its static mount, as before decision 0021."""

    def start(self, ready_timeout_s: float = 120.0) -> None:
        granian = shutil.which("granian", path=str(VENV_BIN)) or shutil.which("granian")
        if granian is None:
            raise BenchError("granian not found")
        self.log_path = self.data_dir / "granian-mount.log"
        command = [
            granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(self.workers), "--blocking-threads", str(self.threads),
            "--static-path-route", "/static",
            "--static-path-mount", str(self.data_dir / "static"),
            "--no-access-log", "garda.wsgi:application",
        ]  # fmt: skip
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self._wait_ready(ready_timeout_s)


@dataclass(frozen=True)
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(server: GardaServer, path: str, headers: Mapping[str, str]) -> Fetched:
    """One GET; the body as sent (http.client decodes no Content-Encoding)."""
    connection = http.client.HTTPConnection(server.base_url.removeprefix("http://"), timeout=20)
    try:
        connection.request("GET", path, headers=dict(headers))
        response = connection.getresponse()
        return Fetched(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        connection.close()


def first_visit(server: GardaServer, path: str, cookies: Mapping[str, str]) -> dict[str, Any]:
    """Page and linked static files, with and without compression accepted."""
    base = {"Cookie": cookie_header(cookies)} if cookies else {}
    figures: dict[str, Any] = {}
    for label, accept in (("compressed", CHROMIUM_ACCEPT), ("identity", "identity")):
        headers = {**base, "Accept-Encoding": accept}
        page = fetch(server, path, headers)
        if page.status != 200:
            raise BenchError(f"GET {path} answered {page.status}")
        links = sorted(set(STATIC_LINK.findall(page.body.decode())))
        static_bytes = 0
        cache_controls: set[str] = set()
        encodings: set[str] = set()
        for link in links:
            answer = fetch(server, link, headers)
            if answer.status != 200:
                raise BenchError(f"GET {link} (linked by {path}) answered {answer.status}")
            static_bytes += len(answer.body)
            cache_controls.add(answer.headers.get("cache-control", "-"))
            encodings.add(answer.headers.get("content-encoding", "identity"))
        figures[label] = {
            "page_bytes": len(page.body),
            "static_files": len(links),
            "static_bytes": static_bytes,
            "total_bytes": len(page.body) + static_bytes,
            "static_encodings": sorted(encodings),
            "static_cache_control": sorted(cache_controls),
        }
    return figures


def hashed_link(page_body: bytes, stem: str) -> str:
    match = re.search(rf"/static/{re.escape(stem)}\.[0-9a-f]{{12}}\.\w+", page_body.decode())
    if match is None:
        raise BenchError(f"no hashed /static/{stem} link on the page")
    return match.group(0)


def throughput(server: GardaServer, page: bytes, args: argparse.Namespace) -> dict[str, Any]:
    headers = {"Accept-Encoding": CHROMIUM_ACCEPT}
    load = {"duration_s": args.duration, "warmup_s": args.warmup, "connections": args.connections}
    first = measure(server, BARE_PATH, **load)
    files = {
        stem: measure(server, hashed_link(page, stem), headers=headers, **load)
        for stem in (LARGE_FILE, SMALL_FILE)
    }
    second = measure(server, BARE_PATH, **load)
    ceiling = (first.rps + second.rps) / 2
    return {
        "ceiling_rps": round(ceiling, 1),
        "drift": round(abs(first.rps - second.rps) / max(first.rps, second.rps), 3),
        "files": {
            stem: {**result.to_dict(), "ratio": round(result.rps / ceiling, 3)}
            for stem, result in files.items()
        },
    }


def measure_server(
    server: GardaServer, year_path: str, cookies: Mapping[str, str], args: argparse.Namespace
) -> dict[str, Any]:
    page = fetch(server, year_path, {"Accept-Encoding": CHROMIUM_ACCEPT}).body
    return {
        "public": first_visit(server, year_path, {}),
        "signed_in": first_visit(server, "/", cookies),
        "throughput": throughput(server, page, args),
    }


def _run(args: argparse.Namespace) -> dict[str, Any]:
    modes: dict[str, Any] = {}
    with running_garda(threads=8) as whitenoise:
        year_path = fetch(whitenoise, "/anggaran/", {}).headers.get("location", "")
        if not re.fullmatch(r"/anggaran/\d{4}/", year_path):
            raise BenchError(f"/anggaran/ redirected to {year_path!r}, not a year's page")
        cookies = sign_in(whitenoise, "asn.demo")
        modes["whitenoise"] = measure_server(whitenoise, year_path, cookies, args)
        whitenoise.stop()
        # The same data directory, collected files and session, served the former way.
        mount = GranianMountServer(whitenoise.data_dir, whitenoise.env, threads=8)
        mount.start()
        try:
            modes["granian-mount"] = measure_server(mount, year_path, cookies, args)
        finally:
            mount.stop()
    report(modes, year_path)
    return {"bench": "static", "machine": machine_info(), "page": year_path, "modes": modes}


def report(modes: Mapping[str, Any], year_path: str) -> None:
    rows = []
    for name, figures in modes.items():
        for page, label in (("public", year_path), ("signed_in", "/ (asn.demo)")):
            for accept in ("identity", "compressed"):
                got = figures[page][accept]
                rows.append((f"{name} {label} {accept}", got["page_bytes"], got["static_files"],
                             got["static_bytes"], got["total_bytes"],
                             "/".join(got["static_encodings"]),
                             " | ".join(got["static_cache_control"])))  # fmt: skip
    print(format_table(("first visit", "page B", "files", "static B", "total B", "encoding",
                        "cache-control"), rows))  # fmt: skip
    print()
    rows = []
    for name, figures in modes.items():
        load = figures["throughput"]
        for stem, result in load["files"].items():
            rows.append((f"{name} {stem}", f"{result['rps']:.0f}", f"{result['p95_ms']:.1f}",
                         f"{result['ratio']:.2f}",
                         result["server_cpu_ms_per_request"]))  # fmt: skip
        rows.append((f"{name} ceiling {BARE_PATH}", f"{load['ceiling_rps']:.0f}", "", "1.00", ""))
        if load["drift"] > 0.10:
            print(f"warning: {name}'s ceiling drifted {load['drift']:.0%}; rerun")
    print(format_table(("static file", "req/s", "p95 ms", "ratio", "cpu ms/req"), rows))
    before = modes["granian-mount"]["public"]["compressed"]["total_bytes"]
    after = modes["whitenoise"]["public"]["compressed"]["total_bytes"]
    print(f"RESULT first visit of {year_path}: {before} B with granian's mount, {after} B with "
          f"WhiteNoise ({after / before:.0%})")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    return load_bench_main(
        "static", "Static files: granian's mount vs WhiteNoise, bytes and throughput", _run, argv
    )


if __name__ == "__main__":
    sys.exit(main())
