"""Bench: the ASN registry at Jambi size (about 60,000 ASN).

Target (issue 3, issue 12 item 3): the employee list filtered by OPD and searched by name
(page 1), and `/api/v1/employees/?search=`, answer p95 under 100 ms at 16 concurrent clients.
Reported beside the bare Django JSON view served the same way in the same run (ratio = req/s /
ceiling req/s). Besides the three original rows: two words (AND), a NIP prefix, and a search
by an agency admin (admin.kota), whose scope is applied with the search (decision 0020).

The server runs with GARDA_REQUIRE_2FA=false so that the bench can sign in as the provincial
admin with a password alone; the TOTP check it skips is one session lookup.

    .venv/bin/python bench/registry.py [--duration 10] [--warmup 2] [--data-dir DIR]
    DATABASE_URL=postgres://... .venv/bin/python bench/registry.py
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _harness import (
    BARE_PATH,
    DEFAULT_CONNECTIONS,
    DEFAULT_DURATION_S,
    DEFAULT_WARMUP_S,
    DEFAULT_WORKERS,
    BenchError,
    GardaServer,
    check_endpoint,
    cookie_header,
    create_token,
    database_label,
    database_url_from_env,
    format_table,
    garda,
    garda_env,
    measure,
    sign_in,
    write_results,
    wrk_available,
)

NAME = "registry"
USERNAME = "admin.provinsi"
SCOPED_USERNAME = "admin.kota"
P95_TARGET_MS = 100.0


def _opd_id(server: GardaServer) -> str:
    out = server.manage(
        "shell", "-c",
        "from garda.core.models import Unit; print(Unit.objects.get(code='15.DINKES').pk)",
    )  # fmt: skip
    return out.strip().splitlines()[-1]


def _run(args: argparse.Namespace) -> dict[str, Any]:
    wrk_available()
    database_url = database_url_from_env()
    load = {"duration_s": args.duration, "warmup_s": args.warmup, "connections": args.connections}
    with contextlib.ExitStack() as stack:
        tmp = args.data_dir or stack.enter_context(
            tempfile.TemporaryDirectory(prefix="garda-bench-registry-")
        )
        Path(tmp).mkdir(parents=True, exist_ok=True)
        env = garda_env(Path(tmp), database_url)
        env["GARDA_REQUIRE_2FA"] = "false"
        garda(["migrate", "--no-input"], env)
        garda(["seed_demo", "--size", "jambi", "--quiet-accounts"], env, timeout_s=900)
        server = GardaServer(data_dir=Path(tmp), env=env, threads=8, workers=DEFAULT_WORKERS)
        server.start()
        try:
            opd = _opd_id(server)
            session = {"Cookie": cookie_header(sign_in(server, USERNAME))}
            token = {"Authorization": f"Token {create_token(server, USERNAME)}"}
            scoped = {"Cookie": cookie_header(sign_in(server, SCOPED_USERNAME))}
            cases = [
                ("list_opd_search", f"/pegawai/?opd={opd}&q=siti", session, "pegawai"),
                ("list_search", "/pegawai/?q=rahma", session, "pegawai"),
                ("api_search", "/api/v1/employees/?search=siti", token, '"results"'),
                ("list_two_words", "/pegawai/?q=siti+rahma", session, "pegawai"),
                ("api_nip_prefix", "/api/v1/employees/?search=1985", token, '"results"'),
                ("list_scoped_search", "/pegawai/?q=siti", scoped, "pegawai"),
            ]
            for _name, path, headers, expect in cases:
                check_endpoint(server, path, headers=headers, expect=expect)
            first = measure(server, BARE_PATH, expect='"ok"', **load)
            results = {
                name: measure(server, path, headers=headers, expect=expect, **load)
                for name, path, headers, expect in cases
            }
            second = measure(server, BARE_PATH, expect='"ok"', **load)
        finally:
            server.stop()
    ceiling = (first.rps + second.rps) / 2
    rows = []
    payload: dict[str, Any] = {
        "database": database_label(database_url),
        "ceiling_rps": round(ceiling, 1),
        "ceiling_runs": [first.to_dict(), second.to_dict()],
        "endpoints": {},
    }
    for name, result in results.items():
        ratio = result.rps / ceiling
        verdict = "PASS" if result.p95_ms < P95_TARGET_MS else "FAIL"
        payload["endpoints"][name] = {
            **result.to_dict(),
            "ratio": round(ratio, 3),
            "p95_target_ms": P95_TARGET_MS,
            "verdict": verdict,
        }
        rows.append((name, f"{result.rps:.0f}", f"{result.p50_ms:.1f}", f"{result.p95_ms:.1f}",
                     f"{ratio:.2f}", result.server_cpu_ms_per_request, verdict))  # fmt: skip
    print(f"registry bench on {payload['database']}: ceiling {ceiling:.0f} req/s")
    print(format_table(("endpoint", "req/s", "p50 ms", "p95 ms", "ratio", "cpu ms/req",
                        "p95<100ms"), rows))  # fmt: skip
    return payload


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=DEFAULT_DURATION_S)
    parser.add_argument("--warmup", type=float, default=DEFAULT_WARMUP_S)
    parser.add_argument("--connections", type=int, default=DEFAULT_CONNECTIONS)
    parser.add_argument(
        "--data-dir",
        help="keep the data directory (SQLite file) here and reuse it: seeding is skipped "
        "when it already holds 60,000 ASN",
    )
    args = parser.parse_args(argv)
    try:
        payload = _run(args)
    except BenchError as error:
        print(f"registry bench could not run: {error}", file=sys.stderr)
        return 2
    print(f"results: {write_results(NAME, payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
