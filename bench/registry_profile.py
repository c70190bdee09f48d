"""In-process time per request of the ASN list and API search (decision 0020), and a cProfile
of one warmed request: what the shared machine's noise cannot hide.

Runs against an already seeded database (the one `registry.py --data-dir` keeps, or the
PostgreSQL database in DATABASE_URL), with Django's test client in this process: no server,
no other clients. Prints the median and best of `--repeat` requests per case (ms of wall time
in this process) and the median CPU time of this process per request (Python, and on SQLite
the SQL too; not the PostgreSQL server's), and with
`--profile CASE` the top of a cProfile of that case.

    GARDA_DATA_DIR=DIR PYTHONPATH=src .venv/bin/python bench/registry_profile.py
    DATABASE_URL=postgres://... PYTHONPATH=src .venv/bin/python bench/registry_profile.py
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from collections.abc import Sequence

CASES = {
    "list_siti": ("/pegawai/", {"q": "siti"}),
    "list_s": ("/pegawai/", {"q": "s"}),
    "list_rahma": ("/pegawai/", {"q": "rahma"}),
    "list_two_words": ("/pegawai/", {"q": "siti rahma"}),
    "list_nip": ("/pegawai/", {"q": "1985"}),
    "list_opd_siti": ("/pegawai/", {"q": "siti", "opd": "OPD"}),
    "list_scoped_siti": ("/pegawai/", {"q": "siti"}),
    "api_siti": ("/api/v1/employees/", {"search": "siti"}),
    "api_s": ("/api/v1/employees/", {"search": "s"}),
}
SCOPED = {"list_scoped_siti": "admin.kota"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", choices=sorted(CASES))
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--rounds", type=int, default=1,
        help="requests profiled (CPU time): more rounds average out one request's noise",
    )  # fmt: skip
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "garda.settings")
    os.environ["GARDA_REQUIRE_2FA"] = "false"
    import django

    django.setup()
    from django.test import Client

    from garda.core.models import Unit, User

    opd = str(Unit.objects.get(code="15.DINKES").pk)
    clients = {}
    for username in ("admin.provinsi", "admin.kota"):
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        clients[username] = client

    def run(name: str) -> int:
        path, params = CASES[name]
        params = {k: (opd if v == "OPD" else v) for k, v in params.items()}
        answer = clients[SCOPED.get(name, "admin.provinsi")].get(path, params)
        if answer.status_code != 200:
            raise SystemExit(f"{name}: HTTP {answer.status_code}")
        return len(answer.content)

    if args.profile:
        run(args.profile)
        run(args.profile)
        # CPU time, not wall time: the database's own time is not this process's work.
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(args.rounds):
            run(args.profile)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(
            os.environ.get("PROFILE_SORT", "cumulative")
        ).print_stats(args.top)
        print(out.getvalue())
        return 0
    print(f"{'case':<18} {'median ms':>10} {'best ms':>8} {'cpu ms':>7} {'bytes':>8}")
    for name in CASES:
        run(name)  # warm: caches, connection, templates
        times, cpu = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            size = run(name)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        print(
            f"{name:<18} {statistics.median(times):>10.1f} {min(times):>8.1f} "
            f"{statistics.median(cpu):>7.1f} {size:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
