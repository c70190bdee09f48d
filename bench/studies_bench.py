"""Studies bench: eligibility of every ASN of the Jambi demo (60,000) against one offer.

Target (issue 14): eligibility for all 60,000 ASN against one offer in under 10 s. The ceiling,
measured in the same run on the same database: reading the rows any set-based decision must
read (each ASN's identity columns, the SKP of the two years before, the sanctions in force)
with plain `values_list` queries and nothing else. The ratio says what the decision itself
(NIP parsing, ages, rules, wording the reasons) costs on top of reading its inputs.

Steps: a fresh data directory (SQLite, or DATABASE_URL), `garda migrate`, the demo units and
accounts, ASN until there are N (people.demo), SKP results for the two years before this one
(every 20th ASN with a weak year, every 40th missing one) and a sanction sedang for every
100th. Then, in one process, the ceiling, `eligibility_many` over all N for a tugas belajar S2
offer (the function the offer's shortlist, the page, the API and `garda study_check` use),
and the ceiling again; each figure is the best of three runs.

    .venv/bin/python bench/studies_bench.py                 # N = 60,000 (the target)
    .venv/bin/python bench/studies_bench.py --count 5000
    DATABASE_URL=postgres://... .venv/bin/python bench/studies_bench.py

Targets are reported, not asserted: exit code 0 whenever figures were produced, 2 when the
bench could not run. Results: bench/results/studies.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _harness import (
    BenchError,
    database_label,
    database_url_from_env,
    garda,
    garda_env,
    machine_info,
    write_results,
)

TARGET_SECONDS = 10.0

SETUP = """
import datetime as dt, json
from django.utils import timezone
from garda.core.demo import seed_demo_base
from garda.people.demo import seed_employees
from garda.people.models import Employee
from garda.talent.models import Sanction, SkpResult
from garda.studies.testing import ensure_rules

seed_demo_base()
ensure_rules()
N = {count}
missing = N - Employee.objects.count()
if missing > 0:
    seed_employees(actor=None, count=missing, seed=1414)
year = timezone.localdate().year
ids = list(Employee.objects.order_by("pk").values_list("pk", flat=True)[:N])
rows = []
for n, pk in enumerate(ids):
    for past in (year - 2, year - 1):
        if n % 40 == 0 and past == year - 2:
            continue
        weak = n % 20 == 0 and past == year - 1
        rows.append(SkpResult(employee_id=pk, year=past,
                              predikat="butuh_perbaikan" if weak else "baik"))
SkpResult.objects.bulk_create(rows, batch_size=5000)
Sanction.objects.bulk_create([
    Sanction(employee_id=pk, tingkat="sedang", jenis_hukuman="Penundaan kenaikan gaji berkala",
             tmt=dt.date(year, 1, 1), tanggal_selesai=dt.date(year + 1, 1, 1))
    for n, pk in enumerate(ids) if n % 100 == 0], batch_size=5000)
print(json.dumps({{"employees": len(ids), "skp": len(rows)}}))
"""

MEASURE = """
import datetime as dt, json, time
from django.db.models import Q
from django.utils import timezone
from garda.people.models import Employee
from garda.studies.selectors.eligibility import eligibility_many
from garda.talent.models import Sanction, SkpResult

on = timezone.localdate()

def ceiling():
    started = time.perf_counter()
    people = list(Employee.objects.values_list("pk", "nip", "kind", "birth_date", "status"))
    skp = list(SkpResult.objects.filter(year__in=[on.year - 2, on.year - 1])
               .values_list("employee_id", "year", "predikat"))
    sanctions = list(Sanction.objects.filter(tmt__lte=on).filter(
        Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=on))
        .values_list("employee_id", "tingkat", "tanggal_selesai"))
    return time.perf_counter() - started, len(people)

def decide():
    started = time.perf_counter()
    decisions = eligibility_many(employees=Employee.objects.all(), kind="tugas", level="S2", on=on)
    return time.perf_counter() - started, decisions

ceiling(); decide()  # warm the caches once, not counted
before = min(ceiling()[0] for _ in range(3))
runs = [decide() for _ in range(3)]
after = min(ceiling()[0] for _ in range(3))
seconds = min(r[0] for r in runs)
decisions = runs[0][1]
eligible = sum(1 for d in decisions.values() if d.eligible)
reasons = {}
for d in decisions.values():
    for r in d.reasons:
        key = r.split(" ")[0] + " " + r.split(" ")[1]
        reasons[key] = reasons.get(key, 0) + 1
print(json.dumps({"seconds": seconds, "ceiling_before": before, "ceiling_after": after,
                  "decided": len(decisions), "eligible": eligible, "reasons": reasons}))
"""


def _json_tail(output: str) -> dict[str, object]:
    return dict(json.loads(output.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60_000)
    args = parser.parse_args(argv)
    database_url = database_url_from_env()
    try:
        with tempfile.TemporaryDirectory(prefix="garda-bench-") as tmp:
            env = garda_env(Path(tmp), database_url)
            print("Preparing a fresh Garda (migrate, demo accounts, ASN, SKP) ...", flush=True)
            garda(["migrate", "--no-input"], env, timeout_s=1800)
            setup = _json_tail(garda(["shell", "-c", SETUP.format(count=args.count)], env, 3600))
            if setup["employees"] != args.count:
                raise BenchError(f"only {setup['employees']} employees could be made")
            result = _json_tail(garda(["shell", "-c", MEASURE], env, 1800))
    except BenchError as error:
        print(f"Bench could not run: {error}", file=sys.stderr)
        return 2

    seconds = float(str(result["seconds"]))
    before, after = float(str(result["ceiling_before"])), float(str(result["ceiling_after"]))
    ceiling = (before + after) / 2
    drift = abs(before - after) / ceiling if ceiling else 0.0
    met = seconds < TARGET_SECONDS * args.count / 60_000
    verdict = "MET" if met else "MISSED"
    lines = [
        f"Database: {database_label(database_url)}; {result['decided']} ASN, one offer (tugas "
        f"belajar S2)",
        f"  eligibility of all:            {seconds:8.2f} s  (target {TARGET_SECONDS:.0f} s for "
        f"60,000) -> {verdict}",
        f"  ceiling (reading the inputs):  {ceiling:8.2f} s  (before {before:.2f}, after "
        f"{after:.2f}, drift {drift:.0%})",
        f"  ratio eligibility / ceiling:   {seconds / ceiling:8.2f}x",
        f"  eligible: {result['eligible']}; refusals by reason: {result['reasons']}",
    ]
    if drift > 0.10:
        lines.append("  WARNING: the ceiling moved more than 10 % during the run; rerun.")
    print("\n".join(lines))
    path = write_results("studies", {
        "database": database_label(database_url), "count": result["decided"],
        "seconds": seconds, "target_seconds": TARGET_SECONDS, "ceiling_seconds": ceiling,
        "ratio_to_ceiling": seconds / ceiling, "drift": drift, "eligible": result["eligible"],
        "reasons": result["reasons"], "verdict": f"{verdict} ({seconds:.2f} s, "
        f"{seconds / ceiling:.1f}x the ceiling)", "machine": machine_info(),
    })  # fmt: skip
    print(f"Results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
