"""Bench: taking a puskesmas ticket (Mobile JKN and the web booking API) and polling the Mobile
JKN status, against the ceilings measured in the same run.

Targets (issue 5): taking a ticket, `POST /mobilejkn/DEMO01/antrean` and
`POST /api/v1/queue/tickets/`, at 64 concurrent clients: throughput at least 40% of a bare
Django one-row-insert view served the same way (`/_bench/insert/`), p99 under 150 ms, and
afterwards zero duplicate or missing numbers in the database. `GET antrean/status/...`
(polled constantly by Mobile JKN): at least 60% of the bare JSON view (`/_bench/bare/`).

Steps: fresh data directory (SQLite, or DATABASE_URL), `garda migrate`, the base and queue demos;
then DEMO01's polis get quotas no bench can exhaust and enough registered participants for
every card the load will send (each request books a new card or NIK: one ticket per person,
poli and day is a rule the service enforces). Tickets go to polis 001/002/003 in turn, all on
the next day DEMO01 is open. The anonymous booking limit per address is switched off for the
run through a settings module on PYTHONPATH (GARDA_QUEUE_BOOKINGS_PER_HOUR = 0).

Order: insert ceiling, Mobile JKN ticket, web ticket, insert ceiling; bare ceiling, status,
bare ceiling. Every response is checked: a Mobile JKN answer without `"nomorantrean"` (a
code 201 refusal) or a web answer without `"booking_code"` makes the bench fail.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/garda_bench \\
        .venv/bin/python bench/queue_bench.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import _harness
from _harness import (
    BARE_PATH,
    DEFAULT_WARMUP_S,
    DEFAULT_WRK_THREADS,
    WRK_LUA,
    BenchError,
    GardaServer,
    WrkResult,
    database_label,
    database_url_from_env,
    format_table,
    garda,
    garda_env,
    http_request,
    machine_info,
    prepare_data,
    write_results,
    wrk_available,
)

NAME = "queue"
FACILITY = "DEMO01"
USERNAME = "mobilejkn"
PASSWORD = "demo-mobilejkn"  # noqa: S105  # published demo credentials
INSERT_PATH = "/_bench/insert/"
TARGET_TICKET_RATIO = 0.40
TARGET_TICKET_P99_MS = 150.0
TARGET_STATUS_RATIO = 0.60
DEFAULT_CONNECTIONS = 64
DEFAULT_DURATION_S = 10.0
DEFAULT_SERVER_THREADS = 8
# Cards per (run, wrk thread): far above what one 10 s run can book.
CARDS_PER_SLOT = 5000
RUNS = 4  # warm-up and measured run of the Mobile JKN ticket

SETTINGS_MODULE = "garda_queue_bench_settings"
SETTINGS_SOURCE = (
    "from garda.settings import *  # noqa: F403\n"
    "GARDA_QUEUE_BOOKINGS_PER_HOUR = 0  # the bench books from one address\n"
)

SEED = """
import datetime as dt, json
from django.utils import timezone
from garda.core.demo import seed_demo_base
from garda.queueing import demo as queue_demo
from garda.queueing.mobilejkn import demo as jkn_demo
from django.db import transaction
seed_demo_base()
try:
    with transaction.atomic():
        queue_demo.seed_demo(size="small")
except Exception as error:  # the queue's demo is someone else's; fall back to a stand-in
    print("WARNING queue demo failed, using a stand-in DEMO01:", repr(error)[:200])
jkn_demo.seed_demo(size="small")
from garda.queueing.models import Facility, Poli
from garda.queueing.schedule import hours_on
from garda.queueing.mobilejkn.models import Patient
facility = Facility.objects.filter(code=%(facility)r).first()
if facility is None:  # the queue's demo did not make it: a stand-in with the same shape
    from garda.queueing.testing import make_facility
    facility = make_facility(code=%(facility)r, always_open=False)
    jkn_demo.seed_demo(size="small")
polis = {p.bpjs_code: p.pk
         for p in Poli.objects.filter(facility=facility, bpjs_code__in=["001", "002", "003"])}
Poli.objects.filter(pk__in=polis.values()).update(quota_online=10**7, quota_onsite=10**7)
today = timezone.localdate()
days = (today + dt.timedelta(days=n) for n in range(1, 30))
day = next(d for d in days if hours_on(facility, d))
Patient.objects.filter(facility=facility, card_number__startswith="7").delete()
rows = []
for run in range(1, %(runs)d + 1):
    for thread in range(1, %(threads)d + 1):
        for n in range(1, %(per_slot)d + 1):
            rows.append(Patient(facility=facility, card_number=f"7{run}{thread:02d}{n:09d}",
                nik=f"3{run}{thread:02d}{n:012d}", family_card="1571010101010101",
                name="Peserta Bench", sex="L", birth_date=dt.date(1980, 1, 1)))
Patient.objects.bulk_create(rows, batch_size=5000)
print("SEEDED " + json.dumps({"date": day.isoformat(), "polis": polis, "patients": len(rows)}))
"""

# Numbers per poli and day, straight from the tickets and the day counters.
CHECK = """
import json
from django.db.models import Count, Max, Min
from garda.queueing.models import DayCounter, Ticket
out = []
tickets = Ticket.objects.filter(facility__code=%(facility)r)
for row in (tickets.values("poli__bpjs_code", "poli_id", "service_date")
            .annotate(n=Count("id"), distinct=Count("number", distinct=True),
                      low=Min("number"), high=Max("number"))):
    counter = DayCounter.objects.filter(poli_id=row["poli_id"],
                                        service_date=row["service_date"]).first()
    out.append({"poli": row["poli__bpjs_code"], "date": row["service_date"].isoformat(),
                "tickets": row["n"], "distinct": row["distinct"], "min": row["low"],
                "max": row["high"], "counter": counter.last_number if counter else None})
channels = dict(tickets.values_list("channel").annotate(Count("id")))
print("CHECK " + json.dumps({"days": out, "channels": channels}))
"""

# wrk script: the project's reporter (dofile) plus a request() that books a new identity each
# time. Card/NIK = run digit + wrk thread + counter, matching the participants seeded above.
LUA_TEMPLATE = """
dofile(REPORTER)
local report_setup = setup
local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
  report_setup(thread)
end
local counter = 0
local polis = {POLIS}
function request()
  counter = counter + 1
  local poli = polis[(counter % #polis) + 1]
  local body = string.format(FORMAT, ARGS)
  return wrk.format("POST", nil, nil, body)
end
"""


def jkn_body(run: int, date: str) -> tuple[str, str]:
    """(Lua format string, its arguments) of a Mobile JKN V2 ambil-antrean body."""
    fmt = (
        f'{{"nomorkartu": "7{run}%02d%09d", "kodepoli": "%s", "nik": "3{run}%02d%012d", '
        f'"tanggalperiksa": "{date}", "keluhan": "bench", "kodedokter": 0, "jampraktek": "", '
        f'"norm": "", "nohp": ""}}'
    )
    return fmt, "tid, counter, poli, tid, counter"


def web_body(run: int, date: str) -> tuple[str, str]:
    fmt = f'{{"poli": %s, "nik": "9{run}%02d%012d", "service_date": "{date}", "name": "Bench"}}'
    return fmt, "poli, tid, counter"


PLAIN_BODY = ('{"n": %d}', "counter")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=DEFAULT_SERVER_THREADS)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--duration", type=float, default=DEFAULT_DURATION_S)
    parser.add_argument("--warmup", type=float, default=DEFAULT_WARMUP_S)
    parser.add_argument("--connections", type=int, default=DEFAULT_CONNECTIONS)
    parser.add_argument("--out", default=NAME, help="bench/results/<OUT>.json")
    return parser.parse_args(argv)


# --- shared with queue_killtest.py ------------------------------------------------------------


def bench_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    """garda_env plus a settings module (in the data directory) lifting the booking limit."""
    (data_dir / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SOURCE)
    env = garda_env(data_dir, database_url, SETTINGS_MODULE)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(data_dir), env.get("PYTHONPATH")]))
    return env


def seed_queue(env: dict[str, str], *, threads: int = DEFAULT_WRK_THREADS) -> dict[str, Any]:
    script = SEED % {"facility": FACILITY, "runs": RUNS, "threads": threads,
                     "per_slot": CARDS_PER_SLOT}  # fmt: skip
    output = garda(["shell", "-c", script], env, timeout_s=900)
    line = next(ln for ln in output.splitlines() if ln.startswith("SEEDED "))
    seeded: dict[str, Any] = json.loads(line.removeprefix("SEEDED "))
    return seeded


def check_numbers(server: GardaServer) -> dict[str, Any]:
    output = server.manage("shell", "-c", CHECK % {"facility": FACILITY})
    line = next(ln for ln in output.splitlines() if ln.startswith("CHECK "))
    result: dict[str, Any] = json.loads(line.removeprefix("CHECK "))
    problems = []
    for day in result["days"]:
        if day["tickets"] != day["distinct"]:
            problems.append(f"{day['poli']} {day['date']}: duplicate numbers")
        if day["min"] != 1 or day["max"] != day["tickets"]:
            problems.append(f"{day['poli']} {day['date']}: gap (1..{day['max']} for "
                            f"{day['tickets']} tickets)")  # fmt: skip
        if day["counter"] != day["max"]:
            problems.append(f"{day['poli']} {day['date']}: day counter {day['counter']} != max")
    result["problems"] = problems
    return result


def token(server: GardaServer) -> str:
    answer = http_request(
        server.base_url, "GET", f"/mobilejkn/{FACILITY}/auth",
        headers={"x-username": USERNAME, "x-password": PASSWORD},
    )  # fmt: skip
    body = json.loads(answer.body)
    if body["metadata"]["code"] != 200:
        raise BenchError(f"Mobile JKN sign-in refused: {body}")
    return str(body["response"]["token"])


# --- the load ---------------------------------------------------------------------------------


def _script(tmp: Path, name: str, body: tuple[str, str], polis: list[str]) -> Path:
    """A wrk script; JSON string literals are valid Lua string literals for this text."""
    fmt, args = body
    lua = (
        LUA_TEMPLATE.replace("REPORTER", json.dumps(str(WRK_LUA)))
        .replace("POLIS", ", ".join(json.dumps(p) for p in polis))
        .replace("FORMAT", json.dumps(fmt))
        .replace("ARGS", args)
    )
    path = tmp / f"{name}.lua"
    path.write_text(lua)
    return path


def _post_run(
    server: GardaServer, path: str, script: Path, *, duration_s: float, expect: str,
    headers: dict[str, str], connections: int,
) -> WrkResult:  # fmt: skip
    """One wrk run with a generated request script (run_wrk reads the script path from the
    harness module at call time)."""
    saved = _harness.WRK_LUA
    _harness.WRK_LUA = script
    try:
        cpu_before = server.cpu_seconds()
        result = _harness.run_wrk(
            server.url(path), duration_s=duration_s, connections=connections,
            headers={"Content-Type": "application/json", **headers}, expect=expect,
        )  # fmt: skip
        cpu_after = server.cpu_seconds()
    finally:
        _harness.WRK_LUA = saved
    if cpu_before is not None and cpu_after is not None:
        cpu_ms = (cpu_after - cpu_before) * 1000 / result.requests
        result = replace(result, server_cpu_ms_per_request=round(cpu_ms, 3))
    return result


def _drain(server: GardaServer, timeout_s: float = 120.0) -> None:
    """After a run that timed out, requests wrk gave up on are still queued in the server:
    wait until the bare view answers promptly again before measuring anything else."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            http_request(server.base_url, "GET", BARE_PATH, timeout_s=10.0)
        except OSError:
            continue
        if time.monotonic() - started < 0.2:
            return
        time.sleep(1.0)


def _run(args: argparse.Namespace) -> dict[str, Any]:
    wrk_available()
    database_url = database_url_from_env()
    with tempfile.TemporaryDirectory(prefix="garda-queue-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data_dir = tmp / "data"
        data_dir.mkdir()
        env = bench_env(data_dir, database_url)
        # Only what the queue needs: the whole `garda seed_demo` (registry, learning, budget)
        # takes minutes and measures nothing here.
        prepare_data(env, seed=False)
        seeded = seed_queue(env)
        date, polis = seeded["date"], seeded["polis"]
        print(f"tickets for {date}; {seeded['patients']} participants seeded for the cards")
        server = GardaServer(data_dir=data_dir, env=env, threads=args.threads,
                             workers=args.workers)  # fmt: skip
        load = {"connections": args.connections}
        codes = ["001", "002", "003"]
        poli_ids = [str(polis[c]) for c in codes]
        plain = _script(tmp, "insert", PLAIN_BODY, ["x"])
        scripts = {
            run: (
                _script(tmp, f"jkn{run}", jkn_body(run, date), codes),
                _script(tmp, f"web{run}", web_body(run, date), poli_ids),
            )
            for run in range(1, RUNS + 1)
        }
        results: dict[str, WrkResult] = {}
        failures: dict[str, str] = {}
        try:
            server.start()
            insert = {"path": INSERT_PATH, "script": plain, "expect": '"ok"', "headers": {}}

            def twice(name: str, spec: dict[str, Any], warm_spec: dict[str, Any]) -> None:
                """Warm-up then measured run. A candidate that fails under load (a refusal,
                a timeout) is a FAIL with its reason, not the end of the bench."""
                # A slow candidate leaves up to `connections` requests queued in the server
                # when wrk stops; let them finish before the next run starts its clock.
                _drain(server)
                try:
                    _post_run(server, **warm_spec, duration_s=args.warmup, **load)
                    results[name] = _post_run(server, **spec, duration_s=args.duration, **load)
                except BenchError as error:
                    if name.startswith("insert"):
                        raise
                    failures[name] = str(error)
                    _drain(server)

            twice("insert_first", insert, insert)
            jkn_headers = {"x-token": token(server), "x-username": USERNAME}
            jkn = {"path": f"/mobilejkn/{FACILITY}/antrean", "expect": '"nomorantrean"',
                   "headers": jkn_headers}  # fmt: skip
            twice("mobilejkn_ticket", {**jkn, "script": scripts[2][0]},
                  {**jkn, "script": scripts[1][0]})  # fmt: skip
            web = {"path": "/api/v1/queue/tickets/", "expect": '"booking_code"', "headers": {}}
            twice("web_ticket", {**web, "script": scripts[2][1]}, {**web, "script": scripts[1][1]})
            twice("insert_second", insert, insert)

            _drain(server)
            status_path = f"/mobilejkn/{FACILITY}/antrean/status/001/{date}"
            status_headers = {"x-token": token(server), "x-username": USERNAME}
            results["bare_first"] = _harness.measure(
                server, BARE_PATH, expect='"ok"', warmup_s=args.warmup,
                duration_s=args.duration, **load,
            )  # fmt: skip
            results["status"] = _harness.measure(
                server, status_path, expect='"code": 200', headers=status_headers,
                warmup_s=args.warmup, duration_s=args.duration, **load,
            )  # fmt: skip
            results["bare_second"] = _harness.measure(
                server, BARE_PATH, expect='"ok"', warmup_s=args.warmup,
                duration_s=args.duration, **load,
            )  # fmt: skip
            numbers = check_numbers(server)
        finally:
            server.stop()
    return {"results": results, "failures": failures, "numbers": numbers, "date": date,
            "database": database_label(database_url)}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        run = _run(args)
    except BenchError as error:
        print(f"bench could not run: {error}", file=sys.stderr)
        return 2
    r: dict[str, WrkResult] = run["results"]
    insert_ceiling = (r["insert_first"].rps + r["insert_second"].rps) / 2
    bare_ceiling = (r["bare_first"].rps + r["bare_second"].rps) / 2
    rows: list[list[object]] = []
    verdicts: dict[str, bool] = {}
    for name, ceiling, target in (
        ("mobilejkn_ticket", insert_ceiling, TARGET_TICKET_RATIO),
        ("web_ticket", insert_ceiling, TARGET_TICKET_RATIO),
        ("status", bare_ceiling, TARGET_STATUS_RATIO),
    ):
        if name not in r:
            verdicts[name] = False
            rows.append([name, "-", "-", "-", "-", f">= {target:.2f}", "-", "FAIL"])
            print(f"{name} failed under load: {run['failures'][name]}")
            continue
        result = r[name]
        ratio = result.rps / ceiling if ceiling else 0.0
        ok = ratio >= target
        if name != "status":
            ok = ok and result.p99_ms < TARGET_TICKET_P99_MS
        verdicts[name] = ok
        rows.append([name, f"{result.rps:.0f}", f"{result.p50_ms:.1f}", f"{result.p99_ms:.1f}",
                     f"{ratio:.2f}", f">= {target:.2f}", result.server_cpu_ms_per_request,
                     "PASS" if ok else "FAIL"])  # fmt: skip
    for name in ("insert_first", "insert_second", "bare_first", "bare_second"):
        result = r[name]
        rows.append([name, f"{result.rps:.0f}", f"{result.p50_ms:.1f}", f"{result.p99_ms:.1f}",
                     "", "", result.server_cpu_ms_per_request, "ceiling"])  # fmt: skip
    print(format_table(("run", "req/s", "p50 ms", "p99 ms", "ratio", "target", "cpu ms/req",
                        "verdict"), rows))  # fmt: skip
    numbers = run["numbers"]
    for day in (d for d in numbers["days"] if d["date"] == run["date"]):
        print(f"poli {day['poli']} {day['date']}: {day['tickets']} tickets, numbers "
              f"{day['min']}..{day['max']}, {day['distinct']} distinct, day counter "
              f"{day['counter']}")  # fmt: skip
    print(f"tickets by channel (demo history included): {numbers['channels']}; "
          f"{len(numbers['days'])} poli-days checked")  # fmt: skip
    numbers_ok = not numbers["problems"]
    print("numbers: " + ("no duplicate or missing number" if numbers_ok else
                         "; ".join(numbers["problems"])))  # fmt: skip
    verdict = "PASS" if all(verdicts.values()) and numbers_ok else "FAIL"
    print(
        f"target: tickets >= {TARGET_TICKET_RATIO:.0%} of the insert view with p99 < "
        f"{TARGET_TICKET_P99_MS:.0f} ms, status >= {TARGET_STATUS_RATIO:.0%} of bare JSON, at "
        f"{args.connections} connections on {run['database']}: {verdict}"
    )
    payload = {
        "bench": NAME,
        "verdict": verdict,
        "config": {"database": run["database"], "server_threads": args.threads,
                   "workers": args.workers, "connections": args.connections,
                   "duration_s": args.duration, "warmup_s": args.warmup,
                   "service_date": run["date"]},
        "machine": machine_info(),
        "ceilings": {"insert_rps": round(insert_ceiling, 1), "bare_rps": round(bare_ceiling, 1)},
        "results": {name: result.to_dict() for name, result in r.items()},
        "verdicts": verdicts,
        "failures": run["failures"],
        "numbers": numbers,
    }  # fmt: skip
    print(f"results: {write_results(args.out, payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
