"""Bench: the competency gap heat map at province level (issue 13).

Target: the heat map for the whole province (one row per instansi) p95 under 150 ms at 16
concurrent clients, reported as a ratio to the bare JSON view measured in the same run
(bench/README.md). Also measured: one instansi's heat map (drill-down, one row per OPD) and
the uncached computation timed in one process, since the served page reads the figures from
a cache keyed by the viewer's scope and the competency data version (every write bumps it).

Data: `seed_demo --size jambi` (60,000 ASN; the competency demo assesses about a third of
them in the 9 national competencies) unless `--size small`. The server runs with
GARDA_REQUIRE_2FA=false so the bench signs in as the provincial admin with a password.

    .venv/bin/python bench/competency_bench.py [--size small] [--duration 10] [--data-dir DIR]
    DATABASE_URL=postgres://... .venv/bin/python bench/competency_bench.py
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _harness import (
    BARE_PATH,
    DEFAULT_DURATION_S,
    DEFAULT_WARMUP_S,
    DEFAULT_WORKERS,
    BenchError,
    GardaServer,
    check_endpoint,
    cookie_header,
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

NAME = "competency_bench"
USERNAME = "admin.provinsi"
INSTANSI = "15"  # the province government: one row per OPD
P95_TARGET_MS = 150.0
FACTS = (
    "import json\n"
    "from garda.core.models import Unit\nfrom garda.people.models import Employee\n"
    "from garda.competency.models import Assessment, CurrentGap\n"
    f"unit = Unit.objects.get(code='{INSTANSI}')\n"
    "print('FACTS', json.dumps({'instansi': unit.pk, 'employees': Employee.objects.count(),\n"
    "  'assessments': Assessment.objects.count(), 'gaps': CurrentGap.objects.count()}))\n"
)
COLD = """
import json, statistics, time
from garda.core.models import User
from garda.competency.selectors.heatmap import heatmap_uncached
user = User.objects.get(username='admin.provinsi')
out = {}
for label, unit in (('province', None), ('instansi', %(instansi)d)):
    times = []
    for _ in range(7):
        started = time.perf_counter()
        heat = heatmap_uncached(user=user, unit_id=unit)
        times.append((time.perf_counter() - started) * 1000)
    out[label] = {'median_ms': round(statistics.median(times), 1), 'rows': len(heat.rows),
                  'cells': len(heat.cells)}
print('COLD', json.dumps(out))
"""


def _line(output: str, tag: str) -> dict[str, Any]:
    text = next(line for line in output.splitlines() if line.startswith(tag + " "))
    return json.loads(text[len(tag) + 1 :])


def _run(args: argparse.Namespace) -> dict[str, Any]:
    wrk_available()
    database_url = database_url_from_env()
    with contextlib.ExitStack() as stack:
        tmp = args.data_dir or stack.enter_context(
            tempfile.TemporaryDirectory(prefix="garda-bench-competency-")
        )
        Path(tmp).mkdir(parents=True, exist_ok=True)
        env = garda_env(Path(tmp), database_url)
        env["GARDA_REQUIRE_2FA"] = "false"
        garda(["migrate", "--no-input"], env)
        started = time.perf_counter()
        garda(["seed_demo", "--size", args.size, "--quiet-accounts"], env, timeout_s=5400)
        seed_s = time.perf_counter() - started
        facts = _line(garda(["shell", "-c", FACTS], env), "FACTS")
        print(f"dataset: {facts['employees']:,} ASN, {facts['assessments']:,} assessment "
              f"results, {facts['gaps']:,} current gaps (seeded in {seed_s:.0f} s)")  # fmt: skip
        cold = _line(garda(["shell", "-c", COLD % {"instansi": facts["instansi"]}], env), "COLD")
        server = GardaServer(
            data_dir=Path(tmp), env=env, threads=args.threads, workers=DEFAULT_WORKERS
        )
        server.start()
        try:
            session = {"Cookie": cookie_header(sign_in(server, USERNAME))}
            cases = [
                ("heatmap_province", "/kompetensi/peta/", session, 'id="heatmap"'),
                ("heatmap_instansi", f"/kompetensi/peta/?unit={facts['instansi']}", session,
                 'id="heatmap"'),
            ]  # fmt: skip
            for _name, path, headers, expect in cases:
                check_endpoint(server, path, headers=headers, expect=expect)
            load = {"duration_s": args.duration, "warmup_s": args.warmup,
                    "connections": args.connections, "timeout_s": 30.0}  # fmt: skip
            first = measure(server, BARE_PATH, expect='"ok"', **load)
            runs = {}
            for name, path, headers, expect in cases:
                time.sleep(2)
                runs[name] = measure(server, path, headers=headers, expect=expect, **load)
            second = measure(server, BARE_PATH, expect='"ok"', **load)
        finally:
            server.stop()
    return {"database": database_label(database_url), "facts": facts, "seed_s": seed_s,
            "cold": cold, "bare": [first, second], "runs": runs}  # fmt: skip


def _report(run: dict[str, Any], connections: int) -> dict[str, Any]:
    first, second = run["bare"]
    ceiling = (first.rps + second.rps) / 2
    drift = abs(first.rps - second.rps) / ceiling if ceiling else 0.0
    rows, endpoints, verdicts = [], {}, []
    for name, result in run["runs"].items():
        ratio = result.rps / ceiling if ceiling else 0.0
        ok = result.p95_ms < P95_TARGET_MS
        verdicts.append(ok)
        endpoints[name] = {**result.to_dict(), "ratio": round(ratio, 3), "pass": ok}
        rows.append((name, f"{result.rps:.0f}", f"{result.p50_ms:.1f}", f"{result.p95_ms:.1f}",
                     f"{ratio:.3f}", result.server_cpu_ms_per_request,
                     "PASS" if ok else "FAIL"))  # fmt: skip
    print(f"\nuncached heat map, one process (median of 7): {json.dumps(run['cold'])}")
    print(f"\n{connections} connections, {run['database']}; bare view {ceiling:.0f} req/s "
          f"(drift {drift:.0%})")  # fmt: skip
    if drift > 0.10:
        print("WARNING: the ceiling moved more than 10 % during the run; rerun before trusting it")
    print(format_table(("endpoint", "req/s", "p50 ms", "p95 ms", "ratio", "cpu ms/req",
                        "p95<150"), rows))  # fmt: skip
    verdict = "PASS" if all(verdicts) else "FAIL"
    print(f"RESULT {verdict}")
    return {"database": run["database"], "dataset": run["facts"],
            "seed_s": round(run["seed_s"], 1), "cold": run["cold"], "connections": connections,
            "bare_rps": round(ceiling, 1), "drift": round(drift, 3), "endpoints": endpoints,
            "verdict": verdict}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["small", "jambi"], default="jambi")
    parser.add_argument("--duration", type=float, default=DEFAULT_DURATION_S)
    parser.add_argument("--warmup", type=float, default=DEFAULT_WARMUP_S)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--data-dir",
        help="keep the data directory (SQLite file) here and reuse it: seed_demo leaves an "
        "already seeded database as it is (seeding 60,000 ASN takes 10-20 minutes)",
    )
    args = parser.parse_args(argv)
    try:
        run = _run(args)
    except BenchError as error:
        print(f"bench could not run: {error}", file=sys.stderr)
        return 2
    payload = _report(run, args.connections)
    path = write_results(NAME, payload)
    print(f"\nresults: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
