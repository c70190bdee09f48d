"""Bench: answering the satisfaction survey from a phone, and `garda skm_report` over 100,000
answers, against ceilings measured in the same run.

Targets (issue 15): the questionnaire page is at most 60 KB transferred (its HTML plus every
stylesheet, script and icon it references); storing an answer (`POST /skm/survei/<id>/isi/`,
the poster link) at 32 concurrent clients has p95 under 100 ms, reported with its throughput
as a ratio to the bare JSON view (`/_bench/bare/`) and to the bare one-row insert view
(`/_bench/insert/`); `skm_report` over 100,000 answers takes under 2 s, reported with its
ratio to a bare `SUM` of one score column over the same rows (the floor of any set-based
aggregation) measured in the same process.

Steps: fresh data directory (SQLite, or DATABASE_URL), `garda migrate`, the base demo, one
open survey for the answers under load and one unit with 100,000 answers for the report. The
open link's per-address limit is lifted for the run by a settings module on PYTHONPATH (wrk
sends every answer from one address). Each posted answer is redirected to the thank-you page
(302), which the wrk script counts as stored; any other status fails the bench.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/garda_bench .venv/bin/python bench/skm_bench.py
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import _harness
from _harness import (
    BARE_PATH,
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
    measure,
    prepare_data,
    settle,
    write_results,
    wrk_available,
)

NAME = "skm"
INSERT_PATH = "/_bench/insert/"
TARGET_PAGE_BYTES = 60_000
TARGET_STORE_P95_MS = 100.0
TARGET_REPORT_S = 2.0
CONNECTIONS = 32
REPORT_ANSWERS = 100_000

SETTINGS_MODULE = "garda_skm_bench_settings"
SETTINGS_SOURCE = (
    "from garda.settings import *  # noqa: F403\n"
    "GARDA_SKM_OPEN_ANSWERS_PER_HOUR = 0  # the bench answers from one address\n"
)

SEED = """
import json, random, datetime as dt
from django.db import transaction
from django.utils import timezone
from garda.core.demo import seed_demo_base
from garda.core.models import Unit
from garda.core.org.services import unit_create
from garda.service.skm import services
from garda.service.skm.models import Answer, Survey
seed_demo_base()
today = timezone.localdate()
unit = Unit.objects.get(code="15.71.DINKES.PKM-PUTRIAYU")
survey = services.survey_create(actor=None, unit_id=unit.pk, period_kind="year",
                                year=today.year, number=1, population_count=2400)
big = unit_create(actor=None, code="BENCH.SKM", name="Unit Bench SKM", kind="upt")
report = services.survey_create(actor=None, unit_id=big.pk, period_kind="year", year=2026,
                                number=1, population_count=100000)
rng = random.Random(15)
rows = [Answer(survey=report, answered_on=dt.date(2026, 1, 1) + dt.timedelta(days=n %% 365),
               channel="paper", **{f"u{k}": rng.randint(1, 4) for k in range(1, 10)})
        for n in range(%(answers)d)]
with transaction.atomic():
    Answer.objects.bulk_create(rows, batch_size=5000)
print("SEEDED " + json.dumps({"survey": survey.pk, "unit": big.code}))
"""

# Times skm_report's work (the selector and the document) and the floor in one process.
TIMING = """
import json, time
from io import StringIO
from django.core.management import call_command
from django.db.models import Sum
from garda.service.skm.models import Answer
def best(fn, n=5):
    times = []
    for _ in range(n):
        started = time.perf_counter(); fn(); times.append(time.perf_counter() - started)
    return min(times), sorted(times)[len(times) // 2]
report = best(lambda: call_command("skm_report", unit=%(unit)r, start="2026-01-01",
                                   end="2026-12-31", format="json", stdout=StringIO()))
floor = best(lambda: Answer.objects.filter(survey__unit__code=%(unit)r).aggregate(Sum("u1")))
out = StringIO()
call_command("skm_report", unit=%(unit)r, start="2026-01-01", end="2026-12-31", format="json",
             stdout=out)
print("TIMING " + json.dumps({"report_s": report, "floor_s": floor,
                               "document": json.loads(out.getvalue())}))
"""

LUA = """
dofile(REPORTER)
local reported = response
function response(status, headers, body)
  if status == 302 then
    reported(200, headers, "STORED")
  else
    reported(status, headers, body)
  end
end
function request()
  return wrk.format("POST", nil, nil, BODY)
end
"""

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
_ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    return parser.parse_args(argv)


def page_weight(server: GardaServer, path: str) -> dict[str, Any]:
    """Bytes of the page and of every local asset it references, as served."""
    page = http_request(server.base_url, "GET", path)
    if page.status != 200:
        raise BenchError(f"GET {path} answered {page.status}")
    sizes = {path: len(page.body.encode())}
    for asset in sorted(set(_ASSET.findall(page.body))):
        answer = http_request(server.base_url, "GET", asset)
        if answer.status != 200:
            raise BenchError(f"GET {asset} answered {answer.status}")
        sizes[asset] = len(answer.body.encode())
    return {"total_bytes": sum(sizes.values()), "parts": sizes}


def answer_script(tmp: Path, server: GardaServer, path: str) -> tuple[Path, str]:
    """A wrk script posting one filled questionnaire with a valid CSRF pair; its cookie."""
    form = http_request(server.base_url, "GET", path)
    cookies = form.cookies()
    match = _CSRF_INPUT.search(form.body)
    if "csrftoken" not in cookies or match is None:
        raise BenchError(f"GET {path} gave no csrftoken cookie or form token")
    fields = {"csrfmiddlewaretoken": match.group(1), **{f"u{n}": "3" for n in range(1, 10)},
              "tag_u3": "improve", "sex": "P"}  # fmt: skip
    body = urlencode(fields)
    script = tmp / "answer.lua"
    script.write_text(
        LUA.replace("REPORTER", json.dumps(str(WRK_LUA))).replace("BODY", json.dumps(body))
    )
    return script, f"csrftoken={cookies['csrftoken']}"


def post_load(
    server: GardaServer, path: str, script: Path, cookie: str, *, duration_s: float,
    connections: int,
) -> WrkResult:  # fmt: skip
    saved = _harness.WRK_LUA
    _harness.WRK_LUA = script
    try:
        return measure(
            server, path, duration_s=duration_s, connections=connections, expect="STORED",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )  # fmt: skip
    finally:
        _harness.WRK_LUA = saved


def _run(args: argparse.Namespace) -> dict[str, Any]:
    wrk_available()
    database_url = database_url_from_env()
    with tempfile.TemporaryDirectory(prefix="garda-skm-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data_dir = tmp / "data"
        data_dir.mkdir()
        (data_dir / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SOURCE)
        env = garda_env(data_dir, database_url, SETTINGS_MODULE)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(data_dir), env.get("PYTHONPATH")]))
        prepare_data(env, seed=False)
        output = garda(["shell", "-c", SEED % {"answers": REPORT_ANSWERS}], env, timeout_s=900)
        seeded = json.loads(next(ln for ln in output.splitlines()
                                 if ln.startswith("SEEDED ")).removeprefix("SEEDED "))  # fmt: skip
        path = f"/skm/survei/{seeded['survey']}/isi/"
        timing_out = garda(["shell", "-c", TIMING % {"unit": seeded["unit"]}], env, timeout_s=600)
        timing = json.loads(next(ln for ln in timing_out.splitlines()
                                 if ln.startswith("TIMING ")).removeprefix("TIMING "))  # fmt: skip
        server = GardaServer(data_dir=data_dir, env=env, threads=args.threads)
        load = {"connections": args.connections, "duration_s": args.duration}
        try:
            server.start()
            weight = page_weight(server, path)
            settle(server)  # the first requests load templates and URLs; wait them out
            script, cookie = answer_script(tmp, server, path)
            results = {
                "bare_before": measure(server, BARE_PATH, **load),
                "insert": measure(server, INSERT_PATH, **load),
            }
            failure = ""
            try:
                results["answer"] = post_load(server, path, script, cookie, **load)
            except BenchError as error:  # a refusal or a timeout under load is a FAIL
                failure = str(error)
                settle(server)
            results["bare_after"] = measure(server, BARE_PATH, **load)
        finally:
            server.stop()
    bare_rps = (results["bare_before"].rps + results["bare_after"].rps) / 2
    answer = results.get("answer")
    report_s = timing["report_s"][1]
    verdicts = {
        "page": weight["total_bytes"] <= TARGET_PAGE_BYTES,
        "store": answer is not None and answer.p95_ms < TARGET_STORE_P95_MS,
        "report": report_s < TARGET_REPORT_S,
    }
    return {
        "bench": NAME,
        "database": database_label(database_url),
        "machine": machine_info(),
        "page": weight,
        "runs": {name: result.to_dict() for name, result in results.items()},
        "answer_failure": failure,
        "ratios": {
            "answer_to_bare": round(answer.rps / bare_rps, 3) if answer else None,
            "answer_to_insert": round(answer.rps / results["insert"].rps, 3) if answer else None,
            "report_to_floor": round(report_s / max(timing["floor_s"][1], 1e-9), 1),
        },
        "drift": round(abs(results["bare_before"].rps - results["bare_after"].rps) / bare_rps, 3),
        "report": timing,
        "targets": verdicts,
        "verdict": "PASS" if all(verdicts.values()) else "FAIL",
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        payload = _run(args)
    except BenchError as error:
        print(f"skm bench could not run: {error}", file=sys.stderr)
        return 2
    runs = payload["runs"]
    rows = [
        [name, f"{run['rps']:.0f}", f"{run['p50_ms']:.1f}", f"{run['p95_ms']:.1f}",
         f"{run['p99_ms']:.1f}", run["server_cpu_ms_per_request"]]
        for name, run in runs.items()
    ]  # fmt: skip
    print(format_table(["endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "cpu ms/req"], rows))
    report = payload["report"]
    print(f"page: {payload['page']['total_bytes']} bytes (target <= {TARGET_PAGE_BYTES})")
    if "answer" in runs:
        print(f"answer stored: p95 {runs['answer']['p95_ms']:.1f} ms at "
              f"{runs['answer']['connections']} clients (target < {TARGET_STORE_P95_MS:g} ms); "
              f"ratio to bare {payload['ratios']['answer_to_bare']}, to insert "
              f"{payload['ratios']['answer_to_insert']}")  # fmt: skip
    else:
        print(f"answer stored: FAIL under load: {payload['answer_failure']}")
    print(f"skm_report over {REPORT_ANSWERS} answers: {report['report_s'][1]:.3f} s median "
          f"(target < {TARGET_REPORT_S:g} s); bare SUM {report['floor_s'][1]:.3f} s; ratio "
          f"{payload['ratios']['report_to_floor']}")  # fmt: skip
    if payload["drift"] > 0.10:
        print(f"WARNING: the ceiling drifted {payload['drift']:.0%} during the run; rerun")
    print(f"RESULT {payload['verdict']} {json.dumps(payload['targets'])}")
    print(json.dumps(payload))
    write_results(NAME, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
