"""Bench: taking a puskesmas ticket (Mobile JKN and the web booking API) and polling the Mobile
JKN status, against a bare Django project measured in the same run.

Targets (issue 12): taking a Mobile JKN ticket, `POST /mobilejkn/<puskesmas>/antrean`, 64
concurrent clients spread over 24 puskesmas: throughput at least 0.3 of the bare project's
one-row insert view at 64 clients, and p99 under 150 ms at 16 clients; afterwards zero
duplicate or missing numbers. `GET antrean/status/...` (polled constantly by Mobile JKN) at
64 clients: at least 0.6 of the bare project's JSON view. The web booking API
(`POST /api/v1/queue/tickets/`, one puskesmas) is shown against the same insert ceiling.

The ceiling is bench/ceiling/ (`_ceiling.py`): `django.contrib.contenttypes` and one app, only
the Security and Common middleware, served by granian with `garda serve`'s settings (one
worker, the same threads, access log off) on the same database. A machine endpoint needs none
of Garda's session, CSRF, locale or OTP middleware, so what Garda adds above Django is part of
what each ratio measures.

Steps: fresh data directory (SQLite, or DATABASE_URL), `garda migrate`, the base and queue demos;
then DEMO01 and 23 more puskesmas (always open) get Mobile JKN credentials, quotas no bench can
exhaust and enough registered participants for every card the load will send (each request
books a new card: one ticket per person, poli and day is a rule the service enforces). Tickets
go to polis 001/002/003 in turn, all on the next day DEMO01 is open. The anonymous booking
limit per address is switched off for the run (GARDA_QUEUE_BOOKINGS_PER_HOUR = 0).

Order: insert ceiling, Mobile JKN ticket (64), Mobile JKN ticket (16), web ticket, insert
ceiling; JSON ceiling, status, JSON ceiling. Every response is checked: a Mobile JKN answer
without `"nomorantrean"` (a code 201 refusal) or a web answer without `"booking_code"` makes
the row fail.

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
from typing import Any, Protocol

import _harness
from _ceiling import CEILING_INSERT_PATH, CEILING_JSON_PATH, CeilingServer
from _harness import (
    BARE_PATH,
    DEFAULT_WARMUP_S,
    DEFAULT_WORKERS,
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
FACILITIES = 24  # DEMO01 and BENCH02..BENCH24
USERNAME = "mobilejkn"
PASSWORD = "demo-mobilejkn"  # noqa: S105  # published demo credentials
TARGET_TICKET_RATIO = 0.30
TARGET_TICKET_P99_MS = 150.0
TICKET_P99_CONNECTIONS = 16
TARGET_STATUS_RATIO = 0.60
DEFAULT_CONNECTIONS = 64
DEFAULT_DURATION_S = 10.0
DEFAULT_SERVER_THREADS = 8
# Participants per (run, wrk thread, puskesmas): far above what one run books there.
CARDS_PER_SLOT = 1000
RUNS = 4  # warm-up and measured run at 64 clients, then at 16

SETTINGS_MODULE = "garda_queue_bench_settings"
SETTINGS_SOURCE = (
    "from garda.settings import *  # noqa: F403\n"
    "GARDA_QUEUE_BOOKINGS_PER_HOUR = 0  # the bench books from one address\n"
)


def serial(run: int, thread: int, facility: int, n: int) -> int:
    """One number per participant the load can send (all arguments from 1)."""
    return (
        (((run - 1) * DEFAULT_WRK_THREADS + thread - 1) * FACILITIES + facility - 1)
        * (CARDS_PER_SLOT)
        + n
        - 1
    )


def card_of(number: int) -> str:
    return f"7{number:012d}"


def nik_of(number: int, region: str = "157109") -> str:
    """A valid NIK (core.identity.make_nik's layout): born 1 January of a year that moves on
    every 9,999 numbers. Region 157109, which no demo person has (the demo's are 157101: a
    demo booking of the same NIK, poli and day refused a bench ticket)."""
    year, sequence = divmod(number, 9999)
    return f"{region}0101{year % 100:02d}{sequence + 1:04d}"


SEED = """
import datetime as dt, json
from django.utils import timezone
from garda.core.demo import seed_demo_base
from garda.queueing import demo as queue_demo
from garda.queueing.mobilejkn import demo as jkn_demo
from garda.queueing.mobilejkn.services import bridge_set_credentials
from garda.queueing.mobilejkn.models import FacilityBridge, Patient
from garda.queueing.models import Facility, Poli
from garda.queueing.schedule import hours_on
from garda.queueing.testing import make_facility
from django.db import transaction
seed_demo_base()
try:
    with transaction.atomic():
        queue_demo.seed_demo(size="small")
except Exception as error:  # the queue's demo is someone else's; fall back to a stand-in
    print("WARNING queue demo failed, using a stand-in DEMO01:", repr(error)[:200])
facility = Facility.objects.filter(code=%(facility)r).first()
if facility is None:  # the queue's demo did not make it: a stand-in with the same shape
    facility = make_facility(code=%(facility)r, always_open=False)
jkn_demo.seed_demo(size="small")
facilities = [facility] + [
    Facility.objects.filter(code=f"BENCH{n:02d}").first() or make_facility(code=f"BENCH{n:02d}")
    for n in range(2, %(facilities)d + 1)
]
for each in facilities[1:]:
    if not FacilityBridge.objects.filter(facility=each).exists():
        bridge_set_credentials(actor=None, facility_id=each.pk, username=%(username)r,
                               password=%(password)r)
polis = {p.bpjs_code: p.pk
         for p in Poli.objects.filter(facility=facility, bpjs_code__in=["001", "002", "003"])}
Poli.objects.filter(facility__in=facilities).update(quota_online=10**7, quota_onsite=10**7)
today = timezone.localdate()
days = (today + dt.timedelta(days=n) for n in range(1, 30))
day = next(d for d in days if hours_on(facility, d))
Patient.objects.filter(facility__in=facilities, card_number__startswith="7").delete()
rows = []
for run in range(1, %(runs)d + 1):
    for thread in range(1, %(threads)d + 1):
        for f, each in enumerate(facilities, 1):
            base = (((run - 1) * %(threads)d + thread - 1) * %(facilities)d + f - 1) * %(per_slot)d
            for n in range(%(per_slot)d):
                number = base + n
                year, sequence = divmod(number, 9999)
                rows.append(Patient(facility=each, card_number=f"7{number:012d}",
                    nik=f"1571090101{year %% 100:02d}{sequence + 1:04d}",
                    family_card="1571010101010101", name="Peserta Bench", sex="L",
                    birth_date=dt.date(1980, 1, 1)))
Patient.objects.bulk_create(rows, batch_size=5000)
print("SEEDED " + json.dumps({"date": day.isoformat(), "polis": polis, "patients": len(rows),
                              "codes": [each.code for each in facilities]}))
"""

# Numbers per poli and day, straight from the tickets and the day counters.
CHECK = """
import json
from django.db.models import Count, Max, Min
from garda.queueing.models import DayCounter, Ticket
out = []
tickets = Ticket.objects.filter(facility__code__in=%(codes)r)
for row in (tickets.values("facility__code", "poli__bpjs_code", "poli_id", "service_date")
            .annotate(n=Count("id"), distinct=Count("number", distinct=True),
                      low=Min("number"), high=Max("number"))):
    counter = DayCounter.objects.filter(poli_id=row["poli_id"],
                                        service_date=row["service_date"]).first()
    out.append({"facility": row["facility__code"], "poli": row["poli__bpjs_code"],
                "date": row["service_date"].isoformat(),
                "tickets": row["n"], "distinct": row["distinct"], "min": row["low"],
                "max": row["high"], "counter": counter.last_number if counter else None})
channels = dict(tickets.values_list("channel").annotate(Count("id")))
from garda.core.audit.models import AuditEntry
audit = {"entries": AuditEntry.objects.count(),
         "unnumbered": AuditEntry.objects.filter(seq__isnull=True).count()
         if AuditEntry._meta.get_field("seq").null else 0}
print("CHECK " + json.dumps({"days": out, "channels": channels, "audit": audit}))
"""

# wrk script: the project's reporter (dofile) plus a request() that books a new identity each
# time. Identities as `serial()` above: run digit, wrk thread, puskesmas, counter.
LUA_HEAD = """
dofile(REPORTER)
local report_setup = setup
local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
  report_setup(thread)
end
local counter = 0
"""
LUA_TEMPLATE = (
    LUA_HEAD
    + """local polis = {POLIS}
function request()
  counter = counter + 1
  local poli = polis[(counter % #polis) + 1]
  local body = string.format(FORMAT, ARGS)
  return wrk.format("POST", nil, nil, body)
end
"""
)

# Mobile JKN: each request goes to the next puskesmas in turn, with that puskesmas's token.
JKN_LUA_TEMPLATE = (
    LUA_HEAD
    + """local codes = {CODES}
local tokens = {TOKENS}
local polis = {"001", "002", "003"}
function request()
  local f = (counter % #codes) + 1
  local n = math.floor(counter / #codes)
  counter = counter + 1
  local number = (((RUN - 1) * THREADS + tid - 1) * #codes + f - 1) * PER_SLOT + n
  local year = math.floor(number / 9999)
  local body = string.format(
    '{"nomorkartu": "7%012d", "kodepoli": "%s", "nik": "1571090101%02d%04d", '
    .. '"tanggalperiksa": "DATE", "keluhan": "bench", "kodedokter": 0, "jampraktek": "", '
    .. '"norm": "", "nohp": ""}',
    number, polis[(n % 3) + 1], year % 100, number - year * 9999 + 1)
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["x-token"] = tokens[f]
  return wrk.format("POST", "/mobilejkn/" .. codes[f] .. "/antrean", headers, body)
end
"""
)


def web_body(run: int, date: str) -> tuple[str, str]:
    """NIKs of region 157102, so they never meet the Mobile JKN participants' (157109) or
    the demo's (157101)."""
    fmt = f'{{"poli": %s, "nik": "1571020101%02d%04d", "service_date": "{date}", "name": "Bench"}}'
    number = f"({run - 1} * 2 + tid - 1) * 100000 + counter"
    return fmt, f"poli, math.floor(({number}) / 9999) % 100, ({number}) % 9999 + 1"


PLAIN_BODY = ('{"n": %d}', "counter")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=DEFAULT_SERVER_THREADS)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
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
                     "per_slot": CARDS_PER_SLOT, "facilities": FACILITIES,
                     "username": USERNAME, "password": PASSWORD}  # fmt: skip
    output = garda(["shell", "-c", script], env, timeout_s=900)
    line = next(ln for ln in output.splitlines() if ln.startswith("SEEDED "))
    seeded: dict[str, Any] = json.loads(line.removeprefix("SEEDED "))
    return seeded


def check_numbers(server: GardaServer, codes: Sequence[str] = (FACILITY,)) -> dict[str, Any]:
    output = server.manage("shell", "-c", CHECK % {"codes": list(codes)})
    line = next(ln for ln in output.splitlines() if ln.startswith("CHECK "))
    result: dict[str, Any] = json.loads(line.removeprefix("CHECK "))
    problems = []
    for day in result["days"]:
        where = f"{day['facility']} {day['poli']} {day['date']}"
        if day["tickets"] != day["distinct"]:
            problems.append(f"{where}: duplicate numbers")
        if day["min"] != 1 or day["max"] != day["tickets"]:
            problems.append(f"{where}: gap (1..{day['max']} for {day['tickets']} tickets)")
        if day["counter"] != day["max"]:
            problems.append(f"{where}: day counter {day['counter']} != max")
    result["problems"] = problems
    return result


def token(server: GardaServer, code: str = FACILITY) -> str:
    answer = http_request(
        server.base_url, "GET", f"/mobilejkn/{code}/auth",
        headers={"x-username": USERNAME, "x-password": PASSWORD},
    )  # fmt: skip
    body = json.loads(answer.body)
    if body["metadata"]["code"] != 200:
        raise BenchError(f"Mobile JKN sign-in refused at {code}: {body}")
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


def _jkn_script(tmp: Path, run: int, date: str, codes: list[str], tokens: list[str]) -> Path:
    lua = (
        JKN_LUA_TEMPLATE.replace("REPORTER", json.dumps(str(WRK_LUA)))
        .replace("CODES", ", ".join(json.dumps(c) for c in codes))
        .replace("TOKENS", ", ".join(json.dumps(t) for t in tokens))
        .replace("RUN", str(run))
        .replace("THREADS", str(DEFAULT_WRK_THREADS))
        .replace("PER_SLOT", str(CARDS_PER_SLOT))
        .replace("DATE", date)
    )
    path = tmp / f"jkn{run}.lua"
    path.write_text(lua)
    return path


class _Server(Protocol):
    def url(self, path: str) -> str: ...
    def cpu_seconds(self) -> float | None: ...


def _post_run(
    server: _Server, path: str, script: Path, *, duration_s: float, expect: str,
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


def _run(args: argparse.Namespace) -> dict[str, Any]:  # one run, in order
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
        date, polis, codes = seeded["date"], seeded["polis"], seeded["codes"]
        print(f"tickets for {date} at {len(codes)} puskesmas; {seeded['patients']} "
              "participants seeded for the cards")  # fmt: skip
        server = GardaServer(data_dir=data_dir, env=env, threads=args.threads,
                             workers=args.workers)  # fmt: skip
        ceiling = CeilingServer(data_dir, database_url, args.threads, args.workers)
        load = {"connections": args.connections}
        poli_ids = [str(polis[c]) for c in ("001", "002", "003")]
        plain = _script(tmp, "insert", PLAIN_BODY, ["x"])
        web = {run: _script(tmp, f"web{run}", web_body(run, date), poli_ids) for run in (1, 2)}
        results: dict[str, WrkResult] = {}
        failures: dict[str, str] = {}
        try:
            ceiling.start()
            server.start()

            def twice(
                name: str, target: _Server, spec: dict[str, Any], warm_spec: dict[str, Any],
                connections: int = args.connections,
            ) -> None:  # fmt: skip
                """Warm-up then measured run. A candidate that fails under load (a refusal,
                a timeout) is a FAIL with its reason, not the end of the bench."""
                # A slow candidate leaves up to `connections` requests queued in the server
                # when wrk stops; let them finish before the next run starts its clock.
                _drain(server)
                try:
                    _post_run(target, **warm_spec, duration_s=args.warmup,
                              connections=connections)  # fmt: skip
                    results[name] = _post_run(
                        target, **spec, duration_s=args.duration, connections=connections
                    )
                except BenchError as error:
                    if name.startswith("ceiling"):
                        raise
                    failures[name] = str(error)
                    _drain(server)

            insert = {"path": CEILING_INSERT_PATH, "script": plain, "expect": '"ok"',
                      "headers": {}}  # fmt: skip
            twice("ceiling_insert_first", ceiling, insert, insert)
            for run, name, connections in (
                (1, "mobilejkn_ticket", args.connections),
                (3, "mobilejkn_ticket_16", TICKET_P99_CONNECTIONS),
            ):
                # Tokens live 5 minutes: fresh ones for each row.
                tokens = [token(server, code) for code in codes]
                jkn = {"path": f"/mobilejkn/{FACILITY}/antrean", "expect": '"nomorantrean"',
                       "headers": {"x-username": USERNAME}}  # fmt: skip
                twice(name, server, {**jkn, "script": _jkn_script(tmp, run + 1, date, codes,
                                                                   tokens)},
                      {**jkn, "script": _jkn_script(tmp, run, date, codes, tokens)},
                      connections)  # fmt: skip
            api = {"path": "/api/v1/queue/tickets/", "expect": '"booking_code"', "headers": {}}
            twice("web_ticket", server, {**api, "script": web[2]}, {**api, "script": web[1]})
            twice("ceiling_insert_second", ceiling, insert, insert)

            _drain(server)
            status_path = f"/mobilejkn/{FACILITY}/antrean/status/001/{date}"
            status_headers = {"x-token": token(server), "x-username": USERNAME}
            bare = {"duration_s": args.duration, "warmup_s": args.warmup, **load}
            results["ceiling_json_first"] = _harness.measure(
                ceiling,
                CEILING_JSON_PATH,
                expect='"ok"',
                **bare,  # type: ignore[arg-type]
            )
            results["status"] = _harness.measure(
                server, status_path, expect='"code": 200', headers=status_headers, **bare
            )
            results["ceiling_json_second"] = _harness.measure(
                ceiling,
                CEILING_JSON_PATH,
                expect='"ok"',
                **bare,  # type: ignore[arg-type]
            )
            numbers = check_numbers(server, codes)
        finally:
            server.stop()
            ceiling.stop()
    return {"results": results, "failures": failures, "numbers": numbers, "date": date,
            "database": database_label(database_url)}  # fmt: skip


ROWS = (
    # name, ceiling, target ratio, p99 target
    ("mobilejkn_ticket", "insert", TARGET_TICKET_RATIO, None),
    ("mobilejkn_ticket_16", "insert", None, TARGET_TICKET_P99_MS),
    ("web_ticket", "insert", None, None),
    ("status", "json", TARGET_STATUS_RATIO, None),
)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        run = _run(args)
    except BenchError as error:
        print(f"bench could not run: {error}", file=sys.stderr)
        return 2
    r: dict[str, WrkResult] = run["results"]
    ceilings = {
        kind: (r[f"ceiling_{kind}_first"].rps + r[f"ceiling_{kind}_second"].rps) / 2
        for kind in ("insert", "json")
    }
    rows: list[list[object]] = []
    verdicts: dict[str, bool] = {}
    for name, kind, target, p99_target in ROWS:
        goal = " ".join(
            part for part in (f">= {target:.2f}" if target else "",
                              f"p99 < {p99_target:.0f}" if p99_target else "") if part
        )  # fmt: skip
        if name not in r:
            verdicts[name] = False
            rows.append([name, "-", "-", "-", "-", goal, "-", "FAIL"])
            print(f"{name} failed under load: {run['failures'][name]}")
            continue
        result = r[name]
        ratio = result.rps / ceilings[kind] if ceilings[kind] else 0.0
        ok = (target is None or ratio >= target) and (
            p99_target is None or result.p99_ms < p99_target
        )
        if target is not None or p99_target is not None:
            verdicts[name] = ok
        rows.append([f"{name} ({result.connections})", f"{result.rps:.0f}",
                     f"{result.p50_ms:.1f}", f"{result.p99_ms:.1f}", f"{ratio:.2f} of {kind}",
                     goal, result.server_cpu_ms_per_request,
                     ("PASS" if ok else "FAIL") if goal else "info"])  # fmt: skip
    for kind in ("insert", "json"):
        for name in (f"ceiling_{kind}_first", f"ceiling_{kind}_second"):
            result = r[name]
            rows.append([name, f"{result.rps:.0f}", f"{result.p50_ms:.1f}",
                         f"{result.p99_ms:.1f}", "", "", result.server_cpu_ms_per_request,
                         "ceiling"])  # fmt: skip
    print(format_table(("run", "req/s", "p50 ms", "p99 ms", "ratio", "target", "cpu ms/req",
                        "verdict"), rows))  # fmt: skip
    for kind in ("insert", "json"):
        first, second = r[f"ceiling_{kind}_first"].rps, r[f"ceiling_{kind}_second"].rps
        drift = abs(first - second) / max(first, second)
        if drift > 0.10:
            print(f"WARNING: the {kind} ceiling moved {drift:.0%} during the run; rerun")
    numbers = run["numbers"]
    today = [d for d in numbers["days"] if d["date"] == run["date"]]
    print(f"{sum(d['tickets'] for d in today)} tickets on {run['date']} over {len(today)} "
          f"poli-days; by channel (demo history included): {numbers['channels']}; "
          f"audit entries {numbers['audit']}")  # fmt: skip
    numbers_ok = not numbers["problems"]
    print("numbers: " + ("no duplicate or missing number" if numbers_ok else
                         "; ".join(numbers["problems"][:10])))  # fmt: skip
    verdict = "PASS" if all(verdicts.values()) and numbers_ok else "FAIL"
    print(
        f"target: Mobile JKN tickets >= {TARGET_TICKET_RATIO:.0%} of the bare project's insert "
        f"at {args.connections} clients and p99 < {TARGET_TICKET_P99_MS:.0f} ms at "
        f"{TICKET_P99_CONNECTIONS}; status >= {TARGET_STATUS_RATIO:.0%} of its JSON view, on "
        f"{run['database']}: {verdict}"
    )
    payload = {
        "bench": NAME,
        "verdict": verdict,
        "config": {"database": run["database"], "server_threads": args.threads,
                   "workers": args.workers, "connections": args.connections,
                   "duration_s": args.duration, "warmup_s": args.warmup,
                   "service_date": run["date"], "facilities": FACILITIES},
        "machine": machine_info(),
        "ceilings": {f"{kind}_rps": round(value, 1) for kind, value in ceilings.items()},
        "results": {name: result.to_dict() for name, result in r.items()},
        "verdicts": verdicts,
        "failures": run["failures"],
        "numbers": numbers,
    }  # fmt: skip
    print(f"results: {write_results(args.out, payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
