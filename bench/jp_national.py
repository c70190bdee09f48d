"""Bench: JP compliance at national size on PostgreSQL (issue 4).

Generates, in a separate database, the tables the compliance figures read — units (34
provinces, ~550 instansi, ~20 OPD each), employees and their yearly JP totals — plus the
ledger itself (~10 entries per ASN), all with `generate_series` in SQL (no Python rows), then
times province-wide and nation-wide compliance two ways on the same data:

- `garda`: the aggregate Garda runs on a cache miss (selectors.compliance_summary, through the
  ORM, with the scope and distribution buckets), in a Django process pointed at that database;
- `sql`: a hand-written SQL aggregate giving the same figures (the ceiling).

Target: under 2 s for each, Garda within 1.5x of the SQL. Full size is 4.7 M ASN and ~47 M
entries (`--scale 1.0`); the machine this runs on may not hold that in the time available, so
`--scale` shrinks every count proportionally and the report says which scale was measured.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/jp_national.py --scale 0.05 [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from _harness import GARDA, PROJECT_DIR, machine_info, write_results

NAME = "jp_national"
FULL_ASN = 4_700_000
ENTRIES_PER_ASN = 10
PROVINCES = 34
INSTANSI_PER_PROVINCE = 16  # 1 province + ~15 kabupaten/kota
OPD_PER_INSTANSI = 20
YEAR = 2026
TARGET_S = 2.0
RATIO_TARGET = 1.5


def _psql(url: str, sql: str) -> str:
    parts = urlsplit(url)
    args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", parts.hostname or "127.0.0.1",
            "-p", str(parts.port or 5432), "-U", parts.username or "postgres",
            "-d", parts.path.lstrip("/") or "postgres", "-At", "-c", sql]  # fmt: skip
    env = dict(os.environ, PGPASSWORD=parts.password or "")
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"psql failed: {done.stderr.strip()}\nSQL: {sql[:300]}")
    return done.stdout.strip()


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _garda(url: str, *args: str, timeout: float = 7200) -> str:
    env = dict(os.environ, DATABASE_URL=url, GARDA_DATA_DIR=str(PROJECT_DIR / "var" / "jpnat"))
    done = subprocess.run([GARDA, *args], capture_output=True, text=True, env=env,
                          timeout=timeout, check=False)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"garda {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


GENERATE = """
SET synchronous_commit = off;
INSERT INTO people_unit (created_at, updated_at, code, name, kind, path)
SELECT now(), now(), 'P' || p, 'Provinsi ' || p, 'instansi', ''
FROM generate_series(1, {provinces}) p;
UPDATE people_unit SET path = '/' || id || '/' WHERE code LIKE 'P%' AND path = '';
INSERT INTO people_unit (created_at, updated_at, code, name, kind, parent_id, path)
SELECT now(), now(), 'P' || p || '.I' || i, 'Instansi ' || p || '.' || i, 'instansi', u.id, ''
FROM people_unit u, generate_series(1, {instansi}) i, LATERAL (SELECT substr(u.code, 2)::int AS p) q
WHERE u.code ~ '^P[0-9]+$';
UPDATE people_unit c SET path = par.path || c.id || '/' FROM people_unit par
WHERE c.parent_id = par.id AND c.path = '';
INSERT INTO people_unit (created_at, updated_at, code, name, kind, parent_id, path)
SELECT now(), now(), u.code || '.O' || o, 'OPD ' || u.code || '.' || o, 'opd', u.id, ''
FROM people_unit u, generate_series(1, {opd}) o WHERE u.code ~ '^P[0-9]+\\.I[0-9]+$';
UPDATE people_unit c SET path = par.path || c.id || '/' FROM people_unit par
WHERE c.parent_id = par.id AND c.path = '';
CREATE TEMP TABLE opds AS
SELECT row_number() OVER (ORDER BY id) AS n, id FROM people_unit WHERE kind = 'opd';
INSERT INTO people_employee (created_at, updated_at, nip, kind, name, gelar_depan, gelar_belakang,
  birth_place, birth_date, gender, jabatan_name, unit_id, education_major,
  education_institution, email, phone, status)
SELECT now(), now(), lpad(g::text, 18, '0'), CASE WHEN g % 4 = 0 THEN 'pppk' ELSE 'pns' END,
  'ASN ' || g, '', '', '', date '1985-01-01', CASE WHEN g % 2 = 0 THEN 'P' ELSE 'L' END, '',
  o.id, '', '', '', '', 'aktif'
FROM generate_series(1, {asn}) g
CROSS JOIN (SELECT count(*) AS k FROM opds) c
JOIN opds o ON o.n = 1 + (g % c.k);
"""
# Each ASN ~10 entries over three years; the current year's total spreads 0..40 JP.
ENTRIES = """
SET synchronous_commit = off;
INSERT INTO ledger_ledgerentry (created_at, updated_at, employee_id, year, started_on,
  finished_on, form_id, title, provider, jp, quantity, abroad, certificate_number, evidence,
  source_kind, source_key, status, revoked_reason)
SELECT now(), now(), e.id, {year} - (k % 3), make_date({year} - (k % 3), 1 + (k % 11), 3),
  make_date({year} - (k % 3), 1 + (k % 11), 4), {form}, 'Pelatihan', 'BPSDM',
  ((e.id * 7 + k * 5) % 13)::numeric, 0, false, '', '', 'import', NULL, 'valid', ''
FROM people_employee e, generate_series(1, {per}) k;
INSERT INTO ledger_jpyeartotal (employee_id, year, total_jp, entries)
SELECT employee_id, year, sum(jp), count(*) FROM ledger_ledgerentry GROUP BY employee_id, year;
ANALYZE;
"""
SQL_FIGURES = """
SELECT count(*),
  count(*) FILTER (WHERE jp >= target),
  count(*) FILTER (WHERE jp = 0),
  count(*) FILTER (WHERE jp > 0 AND jp < target * 0.25),
  count(*) FILTER (WHERE jp >= target * 0.25 AND jp < target * 0.5),
  count(*) FILTER (WHERE jp >= target * 0.5 AND jp < target * 0.75),
  count(*) FILTER (WHERE jp >= target * 0.75 AND jp < target)
FROM (SELECT coalesce(t.total_jp, 0) AS jp, CASE e.kind WHEN 'pppk' THEN 24 ELSE 20 END AS target
      FROM people_employee e
      LEFT JOIN ledger_jpyeartotal t ON t.employee_id = e.id AND t.year = {year}
      WHERE e.status NOT IN ('pensiun', 'berhenti', 'meninggal', 'diberhentikan_sementara')
        {where}) AS x
"""
GARDA_TIMING = """
import json, statistics, time
from django.db import connection
from garda.core.models import Unit
from garda.learning.ledger.selectors import compliance_summary
sqls = json.loads(%(sqls)r)
root = Unit.objects.get(code='P1')
out = {}
for label, unit in (('province', root), ('nation', None)):
    times, raw = [], []
    for _ in range(%(repeat)d):
        started = time.perf_counter()
        figures = compliance_summary(user=None, year=%(year)d, root=unit)
        times.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sqls[label])
            row = cursor.fetchone()
        raw.append(time.perf_counter() - started)
    out[label] = {'garda_s': round(statistics.median(times), 3),
                  'sql_s': round(statistics.median(raw), 3),
                  'garda': [figures.employees, figures.compliant],
                  'sql': [int(row[0]), int(row[1] or 0)]}
print('GARDA', json.dumps(out))
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", default="garda_jp_national")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    args = parser.parse_args(argv)
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point at PostgreSQL", file=sys.stderr)
        return 2
    asn = max(1000, int(FULL_ASN * args.scale))
    url = _with_db(base, args.database)
    _psql(base, f"DROP DATABASE IF EXISTS {args.database}")
    _psql(base, f"CREATE DATABASE {args.database}")
    try:
        started = time.perf_counter()
        _garda(url, "migrate", "--no-input")
        form = _psql(url, "SELECT id FROM ledger_learningform WHERE code = 'teknis'")
        _psql(url, GENERATE.format(provinces=PROVINCES, instansi=INSTANSI_PER_PROVINCE - 1,
                                   opd=OPD_PER_INSTANSI, asn=asn))  # fmt: skip
        _psql(url, ENTRIES.format(year=YEAR, form=form, per=ENTRIES_PER_ASN))
        generated_s = time.perf_counter() - started
        counts = _psql(url, "SELECT (SELECT count(*) FROM people_employee), "
                            "(SELECT count(*) FROM ledger_ledgerentry)")  # fmt: skip
        employees, entries = (int(x) for x in counts.split("|"))
        print(f"scale {args.scale}: {employees:,} ASN, {entries:,} ledger entries "
              f"(generated in {generated_s:.0f} s)")  # fmt: skip
        province_path = _psql(url, "SELECT path FROM people_unit WHERE code = 'P1'")
        where_province = (  # a path read from the generated table itself
            "AND e.unit_id IN (SELECT id FROM people_unit WHERE path LIKE "  # noqa: S608
            f"'{province_path}%')"
        )
        sqls = {"province": SQL_FIGURES.format(year=YEAR, where=where_province),
                "nation": SQL_FIGURES.format(year=YEAR, where="")}  # fmt: skip
        script = GARDA_TIMING % {"repeat": args.repeat, "year": YEAR, "sqls": json.dumps(sqls)}
        out = _garda(url, "shell", "-c", script)
        rows = json.loads(next(ln for ln in out.splitlines() if ln.startswith("GARDA "))[6:])
    finally:
        if not args.keep:
            _psql(base, f"DROP DATABASE IF EXISTS {args.database}")
    for label, row in rows.items():
        ratio = row["garda_s"] / row["sql_s"] if row["sql_s"] else 0
        row["ratio"] = round(ratio, 2)
        row["pass"] = row["garda_s"] < TARGET_S and ratio <= RATIO_TARGET
        print(f"{label:9} garda {row['garda_s']:.3f} s  hand SQL {row['sql_s']:.3f} s  "
              f"ratio {ratio:.2f}  {'PASS' if row['pass'] else 'FAIL'}  "
              f"(ASN, compliant) garda={row['garda']} sql={row['sql']}")  # fmt: skip
    payload = {"scale": args.scale, "employees": employees, "entries": entries,
               "generated_s": round(generated_s, 1), "results": rows,
               "machine": machine_info()}  # fmt: skip
    print(f"results: {write_results(f'{NAME}-scale{args.scale}', payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
