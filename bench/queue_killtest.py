"""Kill test: `kill -9` the server in the middle of a ticket load; after a restart, every ticket
that was answered with success must still be there, with the number it was given.

Steps: the same preparation as queue_bench.py (fresh data directory, SQLite or DATABASE_URL,
DEMO01 with registered participants); `garda serve`; --clients threads book tickets through
`POST /mobilejkn/DEMO01/antrean` (each a new card) and record every answer with code 200;
after --kill-after seconds the whole server process group gets SIGKILL while requests are in
flight; a new server starts on the same data; every recorded ticket is looked up in the
database (card, poli, date, number), and the day's numbers are checked for gaps and
duplicates (a ticket committed whose answer was lost is expected; a number missing is not).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/garda_bench \\
        .venv/bin/python bench/queue_killtest.py
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _harness import (
    DEFAULT_WRK_THREADS,
    BenchError,
    GardaServer,
    database_label,
    database_url_from_env,
    machine_info,
    prepare_data,
    process_tree,
    write_results,
)
from queue_bench import (
    CARDS_PER_SLOT,
    FACILITY,
    RUNS,
    USERNAME,
    bench_env,
    card_of,
    check_numbers,
    nik_of,
    seed_queue,
    serial,
    token,
)

NAME = "queue_killtest"

LOOKUP = """
import json, sys
from django.core.management import call_command
from garda.core.audit.models import AuditEntry
from garda.core.audit.tree import audit_verify
from garda.queueing.models import Ticket
wanted = json.load(open(%(path)r))
rows = list(Ticket.objects.filter(facility__code=%(facility)r, service_date=%(date)r,
                                  channel="mobilejkn")
            .values_list("pk", "card_number", "poli__bpjs_code", "number"))
found = {(card, poli, number) for _pk, card, poli, number in rows}
missing = [w for w in wanted if (w["card"], w["poli"], w["number"]) not in found]
# Every ticket committed (answered or not) has its audit entry; the ones the kill left
# unnumbered are numbered by the signer, and the whole log verifies.
audited = set(AuditEntry.objects.filter(action="queue.ticket.issue")
              .values_list("object_id", flat=True))
unaudited = [pk for pk, *_rest in rows if str(pk) not in audited]
waiting = AuditEntry.objects.filter(seq__isnull=True).count()
call_command("audit_sign_head", stdout=sys.stderr)
report = audit_verify()
print("LOOKUP " + json.dumps({"answered": len(wanted), "found": len(wanted) - len(missing),
                              "missing": missing[:20], "tickets_in_db": len(found),
                              "tickets_without_entry": unaudited[:20],
                              "unnumbered_after_restart": waiting,
                              "unnumbered_after_signing":
                                  AuditEntry.objects.filter(seq__isnull=True).count(),
                              "audit_entries": report.entries, "audit_ok": report.ok,
                              "audit_problems": report.problems[:5]}))
"""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--kill-after", type=float, default=5.0)
    parser.add_argument("--out", default=NAME)
    return parser.parse_args(argv)


class Load:
    """Client threads booking one new card per request until told to stop or the server
    vanishes; `answered` holds every ticket the server confirmed."""

    def __init__(self, server: GardaServer, date: str, clients: int, jkn_token: str) -> None:
        self.server = server
        self.date = date
        self.clients = clients
        self.headers = {"Content-Type": "application/json", "x-token": jkn_token,
                        "x-username": USERNAME}  # fmt: skip
        self.answered: list[dict[str, Any]] = []
        self.refused: list[str] = []
        self.errors = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._client, args=(n + 1,), daemon=True)
            for n in range(clients)
        ]

    def _client(self, number: int) -> None:
        host = self.server.base_url.removeprefix("http://")
        polis = ["001", "002", "003"]
        # DEMO01's participants (puskesmas 1 of queue_bench's seed) of every run and wrk
        # thread, shared out among the clients: client k takes identities k, k + clients, ...
        slots = RUNS * DEFAULT_WRK_THREADS
        for n in range(slots * CARDS_PER_SLOT // self.clients):
            if self.stop.is_set():
                return
            index = number - 1 + n * self.clients
            slot, within = divmod(index, CARDS_PER_SLOT)
            run, thread = divmod(slot, DEFAULT_WRK_THREADS)
            identity = serial(run + 1, thread + 1, 1, within + 1)
            card, nik = card_of(identity), nik_of(identity)
            poli = polis[n % 3]
            body = json.dumps({"nomorkartu": card, "nik": nik, "kodepoli": poli,
                               "tanggalperiksa": self.date, "keluhan": "kill test"})  # fmt: skip
            connection = http.client.HTTPConnection(host, timeout=10)
            try:
                connection.request("POST", f"/mobilejkn/{FACILITY}/antrean", body, self.headers)
                answer = json.loads(connection.getresponse().read())
            except (OSError, http.client.HTTPException, ValueError):
                with self.lock:
                    self.errors += 1
                if self.stop.is_set():
                    return
                time.sleep(0.05)
                continue
            finally:
                connection.close()
            with self.lock:
                if answer["metadata"]["code"] == 200:
                    given = answer["response"]["angkaantrean"]
                    self.answered.append({"card": card, "poli": poli, "number": given})
                else:
                    self.refused.append(answer["metadata"]["message"])

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)


def kill_hard(server: GardaServer) -> None:
    """SIGKILL to every process of the server (garda serve, granian and its workers): no
    shutdown, no flush, like a power cut of the application server. By process tree: `garda
    serve` starts granian in a process group of its own, which a kill of serve's group missed
    (granian went on answering)."""
    process = server.process
    if process is None:
        raise BenchError("server not running")
    for pid in process_tree(process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(timeout=30)
    server.process = None


def _run(args: argparse.Namespace) -> dict[str, Any]:
    database_url = database_url_from_env()
    if args.clients > 16:
        raise BenchError("at most 16 clients: the seeded cards are shared out for 16")
    with tempfile.TemporaryDirectory(prefix="garda-queue-kill-") as tmp_name:
        data_dir = Path(tmp_name)
        env = bench_env(data_dir, database_url)
        prepare_data(env, seed=False)
        seeded = seed_queue(env)
        server = GardaServer(data_dir=data_dir, env=env, threads=args.threads)
        server.start()
        try:
            load = Load(server, seeded["date"], args.clients, token(server))
            load.start()
            time.sleep(args.kill_after)
            before_kill = len(load.answered)
            kill_hard(server)
            time.sleep(1.0)
            load.finish()
        finally:
            server.stop()
        print(f"killed after {args.kill_after:.1f} s with {before_kill} tickets answered; "
              f"{load.errors} requests cut off")  # fmt: skip
        restarted = GardaServer(data_dir=data_dir, env=env, threads=args.threads)
        restarted.start()
        try:
            answered_path = data_dir / "answered.json"
            answered_path.write_text(json.dumps(load.answered))
            output = restarted.manage(
                "shell", "-c",
                LOOKUP % {"path": str(answered_path), "facility": FACILITY,
                          "date": seeded["date"]},
            )  # fmt: skip
            line = next(ln for ln in output.splitlines() if ln.startswith("LOOKUP "))
            lookup: dict[str, Any] = json.loads(line.removeprefix("LOOKUP "))
            numbers = check_numbers(restarted)
            # The restarted server takes tickets again, continuing the sequence.
            after = token(restarted)
        finally:
            restarted.stop()
    return {"lookup": lookup, "numbers": numbers, "refused": load.refused[:5],
            "refused_count": len(load.refused), "cut_off": load.errors,
            "token_after_restart": bool(after),
            "database": database_label(database_url)}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        run = _run(args)
    except BenchError as error:
        print(f"kill test could not run: {error}", file=sys.stderr)
        return 2
    lookup = run["lookup"]
    day_problems = list(run["numbers"]["problems"])
    ok = (
        lookup["answered"] > 0
        and not lookup["missing"]
        and not day_problems
        and not lookup["tickets_without_entry"]
        and lookup["unnumbered_after_signing"] == 0
        and lookup["audit_ok"]
    )
    print(f"answered with success: {lookup['answered']}; found after restart: {lookup['found']}; "
          f"Mobile JKN tickets in the database that day: {lookup['tickets_in_db']} "
          f"(more than answered = committed, answer lost in the kill)")  # fmt: skip
    if lookup["missing"]:
        print(f"MISSING: {lookup['missing']}")
    print(
        f"audit: tickets without their entry: {lookup['tickets_without_entry'] or 'none'}; "
        f"entries left unnumbered by the kill: {lookup['unnumbered_after_restart']}, after "
        f"`audit_sign_head`: {lookup['unnumbered_after_signing']}; audit_verify over "
        f"{lookup['audit_entries']} entries: "
        f"{'OK' if lookup['audit_ok'] else lookup['audit_problems']}"
    )
    if run["refused_count"]:
        print(f"refused during load: {run['refused_count']} (e.g. {run['refused']})")
    print("numbers: " + ("no duplicate or missing number" if not day_problems
                         else "; ".join(day_problems)))  # fmt: skip
    verdict = "PASS" if ok else "FAIL"
    print(f"kill -9 under load on {run['database']}: {verdict}")
    payload = {"bench": NAME, "verdict": verdict, "machine": machine_info(), **run,
               "config": {"clients": args.clients, "kill_after_s": args.kill_after,
                          "server_threads": args.threads}}  # fmt: skip
    print(f"results: {write_results(args.out, payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
