"""Certificates bench: 1,000 certificates of one batch generated in the background.

Target (issue 4): 1,000 certificates in under 10 minutes on 2 cores. The ceiling, measured in
the same run on the same machine: WeasyPrint rendering one bare A4 page (a line of text) the
same number of times in one process. The ratio says how much of the time is the certificate
itself (its layout, fonts, QR) and Garda's bookkeeping (row, audit, ledger entry, stored
file, progress) rather than WeasyPrint's fixed cost per document.

Steps: a fresh data directory (SQLite, or DATABASE_URL), `garda migrate`, the demo accounts
and units (core.demo), ASN until there are N (people.demo), one batch with N approved
participants (no sessions, no test: everyone passes). Then, as the organiser's button does,
`certificates_start` decides completion and issues the N certificates with their ledger
entries (timed: the request), and queues the rendering; `garda db_worker --batch` renders
every PDF (timed: the background) and the Job must end succeeded with N done.

    .venv/bin/python bench/certificates_bench.py            # N = 1,000 (the target)
    .venv/bin/python bench/certificates_bench.py --count 100
    DATABASE_URL=postgres://... .venv/bin/python bench/certificates_bench.py

Targets are reported, not asserted: exit code 0 whenever figures were produced, 2 when the
bench could not run. Results: bench/results/certificates.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
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

TARGET_SECONDS = 600.0

BASE = """
from garda.core.demo import seed_demo_base
from garda.people.demo import seed_demo_people
seed_demo_base()
seed_demo_people()
"""

SETUP = """
import datetime as dt, json
from django.db import transaction
from django.utils import timezone
from garda.core.models import User
from garda.learning.services.catalog import batch_create, program_create
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Enrollment
from garda.people.demo import seed_employees
from garda.people.models import Employee
from garda.core.models import Unit

N = {count}
missing = N - Employee.objects.count()
if missing > 0:
    seed_employees(actor=None, count=missing, seed=4242)
admin = User.objects.get(username="admin.provinsi")
bpsdm = Unit.objects.get(code="15.BPSDM")
today = timezone.localdate()
program = program_create(actor=admin, fields=dict(
    code="bench-sertifikat", title="Pelatihan Dasar Tata Naskah Dinas Elektronik",
    form=LearningForm.objects.get(code="teknis"), jp=32, mode="daring", provider="bpsdm",
    needs_atasan=False, min_attendance_percent=0, post_test_required=False, owner_unit=bpsdm))
batch = batch_create(actor=admin, fields=dict(
    program=program, name="Angkatan Bench", organiser_unit=bpsdm, seats=N,
    registration_opens=today, registration_closes=today, starts_on=today, ends_on=today,
    status="open"))
employees = list(Employee.objects.order_by("pk").values_list("pk", flat=True)[:N])
Enrollment.objects.bulk_create(
    Enrollment(batch=batch, employee_id=pk, status="approved") for pk in employees)
print(json.dumps({{"batch": batch.pk, "participants": len(employees)}}))
"""

START = """
import json, time
from garda.core.models import User
from garda.learning.services.certificates import certificates_start
admin = User.objects.get(username="admin.provinsi")
started = time.perf_counter()
job = certificates_start(actor=admin, batch_id={batch})
print(json.dumps({{"job": job.pk, "seconds": time.perf_counter() - started}}))
"""

CHECK = """
import json
from garda.core.models import Job
from garda.learning.models import Certificate
job = Job.objects.get(pk={job})
print(json.dumps({{"status": job.status, "done": job.done, "total": job.total,
    "stored": Certificate.objects.filter(enrollment__batch_id={batch}).exclude(pdf="").count(),
    "ledger": __import__("garda.learning.ledger.models", fromlist=["LedgerEntry"])
        .LedgerEntry.objects.filter(source_key__startswith="learning-certificate:").count()}}))
"""

CEILING = """
import json, time
from weasyprint import HTML
html = ("<html><head><style>@page {{ size: A4 landscape }}</style></head>"
        "<body><p>Sertifikat</p></body></html>")
HTML(string=html).write_pdf()  # first use loads fonts; not counted
started = time.perf_counter()
for _ in range({count}):
    HTML(string=html).write_pdf()
print(json.dumps({{"seconds": time.perf_counter() - started}}))
"""


def _json_tail(output: str) -> dict[str, object]:
    return dict(json.loads(output.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args(argv)
    database_url = database_url_from_env()
    try:
        with tempfile.TemporaryDirectory(prefix="garda-bench-") as tmp:
            env = garda_env(Path(tmp), database_url)
            print("Preparing a fresh Garda (migrate, demo accounts) ...", flush=True)
            # Not prepare_data (the whole demo of every app): only the accounts and units this
            # bench needs, so no other app's demo data weighs on the figures.
            garda(["migrate", "--no-input"], env, timeout_s=1800)
            garda(["shell", "-c", BASE], env, timeout_s=1800)
            setup = _json_tail(garda(["shell", "-c", SETUP.format(count=args.count)], env, 900))
            if setup["participants"] != args.count:
                raise BenchError(f"only {setup['participants']} participants could be made")
            print(f"Batch with {args.count} approved participants ready.", flush=True)

            ceiling = _json_tail(garda(["shell", "-c", CEILING.format(count=args.count)], env, 900))
            start = _json_tail(garda(["shell", "-c", START.format(batch=setup["batch"])], env, 900))
            began = time.perf_counter()
            garda(["db_worker", "--batch", "--no-startup-delay"], env, timeout_s=3600)
            background_s = time.perf_counter() - began
            check = _json_tail(
                garda(["shell", "-c", CHECK.format(job=start["job"], batch=setup["batch"])], env)
            )
            if check["status"] != "succeeded" or check["stored"] != args.count:
                raise BenchError(f"the job did not render every certificate: {check}")
    except BenchError as error:
        print(f"Bench could not run: {error}", file=sys.stderr)
        return 2

    issue_s = float(str(start["seconds"]))
    total_s = issue_s + background_s
    ceiling_s = float(str(ceiling["seconds"]))
    lines = [
        f"Database: {database_label(database_url)}; {args.count} certificates",
        f"  issue (request: completion, rows, audit, ledger entries): {issue_s:8.1f} s",
        f"  render in the background (db_worker, PDF stored):         {background_s:8.1f} s"
        f"  ({background_s / args.count * 1000:.0f} ms each; worker start-up included)",
        f"  total: {total_s:.1f} s against the target {TARGET_SECONDS:.0f} s -> "
        + ("MET" if total_s < TARGET_SECONDS * args.count / 1000 else "MISSED"),
        f"  ceiling: bare WeasyPrint page x {args.count}: {ceiling_s:.1f} s "
        f"({ceiling_s / args.count * 1000:.0f} ms each); background / ceiling = "
        f"{background_s / ceiling_s:.2f}x",
        f"  ledger entries recorded: {check['ledger']}",
    ]
    print("\n".join(lines))
    path = write_results("certificates", {
        "database": database_label(database_url), "count": args.count,
        "issue_seconds": issue_s, "background_seconds": background_s, "total_seconds": total_s,
        "target_seconds": TARGET_SECONDS, "ceiling_seconds": ceiling_s,
        "ratio_to_ceiling": background_s / ceiling_s, "machine": machine_info(),
    })  # fmt: skip
    print(f"Results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
