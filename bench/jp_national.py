"""Bench: JP compliance at national size on PostgreSQL (issue 12 item 4).

Generates, in a database of its own, the tables the compliance figures read — units (34
provinces, 16 instansi each, 20 OPD per instansi), 4.7 M employees and ~47 M ledger entries
(10 per ASN over three years) — the big tables with COPY (secondary indexes and foreign keys
dropped first and built again after, as a bulk load does), then builds the yearly totals and
the per-unit compliance counts with `garda jp_totals_rebuild` and proves them with `--check`.

Then times, in a Django process pointed at that database, for one province and the nation:
- `counts`: `selectors.compliance_summary`, which reads the counts kept per unit subtree;
- `recount`: `selectors.compliance_recount`, the aggregate over employees and yearly totals
  the page ran before (decision 0019), and `sql`, a hand-written SQL aggregate of the same;
- `page`: the whole compliance page `/jp/kepatuhan/` through Django's test client, signed in
  as a provincial admin, with the cache cleared before each request (the cold page).

Targets: the nation-wide page under 2 s, one province under 150 ms. `--scale` shrinks every
count (a quick try: `--scale 0.01`); the report says which scale was measured.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/jp_national.py [--scale 1.0] [--database NAME] [--keep]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from _harness import GARDA, PROJECT_DIR, machine_info, write_results

NAME = "jp_national"
FULL_ASN = 4_700_000
ENTRIES_PER_ASN = 10
PROVINCES = 34
INSTANSI_PER_PROVINCE = 16  # 1 province + ~15 kabupaten/kota
OPD_PER_INSTANSI = 20
YEAR = 2026
NATION_TARGET_S = 2.0
PROVINCE_TARGET_S = 0.150
BIG_TABLES = ("people_employee", "ledger_ledgerentry")


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


def _garda(url: str, *args: str, timeout: float = 4 * 3600, check: bool = True) -> str:
    env = dict(os.environ, DATABASE_URL=url, GARDA_DATA_DIR=str(PROJECT_DIR / "var" / "jpnat"),
               GARDA_REQUIRE_2FA="false")  # fmt: skip
    done = subprocess.run([GARDA, *args], capture_output=True, text=True, env=env,
                          timeout=timeout, check=False)  # fmt: skip
    if check and done.returncode != 0:
        raise SystemExit(f"garda {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


UNITS = """
INSERT INTO people_unit (created_at, updated_at, code, name, kind, path)
SELECT now(), now(), 'P' || p, 'Provinsi ' || p, 'instansi', ''
FROM generate_series(1, {provinces}) p;
UPDATE people_unit SET path = '/' || id || '/' WHERE code LIKE 'P%' AND path = '';
INSERT INTO people_unit (created_at, updated_at, code, name, kind, parent_id, path)
SELECT now(), now(), u.code || '.I' || i, 'Instansi ' || u.code || '.' || i, 'instansi', u.id, ''
FROM people_unit u, generate_series(1, {instansi}) i WHERE u.code ~ '^P[0-9]+$';
UPDATE people_unit c SET path = par.path || c.id || '/' FROM people_unit par
WHERE c.parent_id = par.id AND c.path = '';
INSERT INTO people_unit (created_at, updated_at, code, name, kind, parent_id, path)
SELECT now(), now(), u.code || '.O' || o, 'OPD ' || u.code || '.' || o, 'opd', u.id, ''
FROM people_unit u, generate_series(1, {opd}) o WHERE u.code ~ '^P[0-9]+\\.I[0-9]+$';
UPDATE people_unit c SET path = par.path || c.id || '/' FROM people_unit par
WHERE c.parent_id = par.id AND c.path = '';
"""
# Definitions of what a bulk load drops and builds again: secondary indexes, then foreign keys
# and checks (the primary key stays: COPY gives ids in order).
INDEXES = """
SELECT string_agg(indexdef, ';' || chr(10)) FROM pg_indexes i
WHERE tablename IN ({tables}) AND NOT EXISTS (
  SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))
"""
CONSTRAINTS = """
SELECT string_agg(format('ALTER TABLE %I ADD CONSTRAINT %I %s', conrelid::regclass, conname,
  pg_get_constraintdef(oid)), ';' || chr(10) ORDER BY contype DESC)
FROM pg_constraint WHERE conrelid::regclass::text IN ({tables}) AND contype IN ('f', 'c', 'u')
"""
DROP = """
SELECT string_agg(format('ALTER TABLE %I DROP CONSTRAINT %I', conrelid::regclass, conname),
  ';' || chr(10)) FROM pg_constraint
WHERE conrelid::regclass::text IN ({tables}) AND contype IN ('f', 'c', 'u')
UNION ALL
SELECT string_agg(format('DROP INDEX %I', indexname), ';' || chr(10)) FROM pg_indexes i
WHERE tablename IN ({tables}) AND NOT EXISTS (
  SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))
"""
EMPLOYEE_COLUMNS = ("id", "created_at", "updated_at", "nip", "kind", "name", "gelar_depan",
                    "gelar_belakang", "birth_place", "birth_date", "gender", "jabatan_name",
                    "unit_id", "education_major", "education_institution", "email", "phone",
                    "status")  # fmt: skip
ENTRY_COLUMNS = ("created_at", "updated_at", "employee_id", "year", "started_on", "finished_on",
                 "form_id", "title", "provider", "jp", "quantity", "abroad",
                 "certificate_number", "evidence", "source_kind", "status",
                 "revoked_reason")  # fmt: skip
STAMP = "2026-11-30 00:00:00+00"


def _employees(asn: int, opds: list[int]) -> Iterator[str]:
    for g in range(1, asn + 1):
        kind = "pppk" if g % 4 == 0 else "pns"
        status = "pensiun" if g % 50 == 0 else "aktif"
        gender = "P" if g % 2 == 0 else "L"
        yield (f"{g}\t{STAMP}\t{STAMP}\t{g:018d}\t{kind}\tASN {g}\t\t\t\t1985-01-01\t"
               f"{gender}\t\t{opds[g % len(opds)]}\t\t\t\t\t{status}\n")  # fmt: skip


def _entries(asn: int, form: int, per: int) -> Iterator[str]:
    """Each ASN `per` entries over three years; this year's total spreads over 0..~40 JP."""
    for e in range(1, asn + 1):
        for k in range(1, per + 1):
            year = YEAR - k % 3
            month = 1 + k % 11
            jp = (e * 7 + k * 5) % 13
            yield (f"{STAMP}\t{STAMP}\t{e}\t{year}\t{year}-{month:02d}-03\t{year}-{month:02d}-04\t"
                   f"{form}\tPelatihan\tBPSDM\t{jp}\t0\tf\t\t\timport\tvalid\t\n")  # fmt: skip


def _copy(url: str, table: str, columns: Sequence[str], lines: Iterator[str]) -> None:
    import psycopg  # the bench's own connection for COPY; Django is not loaded here

    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            buffer = io.StringIO()
            for n, line in enumerate(lines, start=1):
                buffer.write(line)
                if n % 50_000 == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())


def _generate(url: str, asn: int) -> dict[str, float]:
    steps: dict[str, float] = {}
    started = time.perf_counter()
    _psql(url, UNITS.format(provinces=PROVINCES, instansi=INSTANSI_PER_PROVINCE - 1,
                            opd=OPD_PER_INSTANSI))  # fmt: skip
    tables = ", ".join(f"'{t}'" for t in BIG_TABLES)
    indexes = _psql(url, INDEXES.format(tables=tables))
    constraints = _psql(url, CONSTRAINTS.format(tables=tables))
    drops = [line for line in _psql(url, DROP.format(tables=tables)).splitlines() if line]
    _psql(url, ";\n".join(drops))
    steps["units_s"] = time.perf_counter() - started
    opds = [int(x) for x in _psql(url, "SELECT id FROM people_unit WHERE kind = 'opd' "
                                       "ORDER BY id").split()]  # fmt: skip
    form = int(_psql(url, "SELECT id FROM ledger_learningform WHERE code = 'teknis'"))
    started = time.perf_counter()
    _copy(url, "people_employee", EMPLOYEE_COLUMNS, _employees(asn, opds))
    steps["copy_employees_s"] = time.perf_counter() - started
    started = time.perf_counter()
    _copy(url, "ledger_ledgerentry", ENTRY_COLUMNS, _entries(asn, form, ENTRIES_PER_ASN))
    steps["copy_entries_s"] = time.perf_counter() - started
    started = time.perf_counter()
    _psql(url, "SET maintenance_work_mem = '1GB'; " + indexes + ";\n" + constraints)
    for table in (*BIG_TABLES, "people_unit"):
        seq = f"pg_get_serial_sequence('{table}', 'id')"
        _psql(url, f"SELECT setval({seq}, (SELECT max(id) FROM {table}))")  # noqa: S608
    _psql(url, "VACUUM ANALYZE")
    steps["indexes_s"] = time.perf_counter() - started
    return steps


TIMING = """
import json, statistics, time
from django.core.cache import cache
from django.db import connection
from django.test.utils import setup_test_environment
from garda.core.models import Unit, User
from garda.core.roles import Role
from garda.core.testing import login_client
from garda.learning.ledger.selectors import compliance_recount, compliance_summary
setup_test_environment()
sqls = json.loads(%(sqls)r)
province = Unit.objects.get(code='P1')
user, _ = User.objects.get_or_create(username='bench.nasional',
                                     defaults={'role': Role.ADMIN_PROVINSI})
client = login_client(user)
out = {}
def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        cache.clear()
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 4), result
for label, unit in (('province', province), ('nation', None)):
    row = {}
    kept = lambda: compliance_summary(user=None, year=%(year)d, root=unit)
    row['counts_s'], c = timed(kept, %(repeat)d)
    row['counts'] = [c.employees, c.compliant, [n for _l, n in c.distribution]]
    path = '/jp/kepatuhan/?tahun=%(year)d' + ('&unit=%%d' %% unit.pk if unit else '')
    def page():
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        return len(response.content)
    row['page_s'], row['page_bytes'] = timed(page, %(repeat)d)
    counted = lambda: compliance_recount(user=None, year=%(year)d, root=unit)
    row['recount_s'], r = timed(counted, %(slow)d)
    row['recount'] = [r.employees, r.compliant, [n for _l, n in r.distribution]]
    def sql():
        with connection.cursor() as cursor:
            cursor.execute(sqls[label])
            return [int(x or 0) for x in cursor.fetchone()]
    row['sql_s'], row['sql'] = timed(sql, %(slow)d)
    out[label] = row
print('GARDA', json.dumps(out))
"""
SQL_FIGURES = """
SELECT count(*), count(*) FILTER (WHERE jp >= target)
FROM (SELECT coalesce(t.total_jp, 0) AS jp, CASE e.kind WHEN 'pppk' THEN 24 ELSE 20 END AS target
      FROM people_employee e
      LEFT JOIN ledger_jpyeartotal t ON t.employee_id = e.id AND t.year = {year}
      WHERE e.status NOT IN ('pensiun', 'berhenti', 'meninggal', 'diberhentikan_sementara')
        {where}) AS x
"""


def _timed_garda(url: str, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    out = _garda(url, *args)
    return time.perf_counter() - started, out


def _measure(url: str, args: argparse.Namespace) -> dict[str, Any]:
    province_path = _psql(url, "SELECT path FROM people_unit WHERE code = 'P1'")
    where = (  # a path read from the generated table itself
        "AND e.unit_id IN (SELECT id FROM people_unit WHERE path LIKE "  # noqa: S608
        f"'{province_path}%')"
    )
    sqls = {"province": SQL_FIGURES.format(year=YEAR, where=where),
            "nation": SQL_FIGURES.format(year=YEAR, where="")}  # fmt: skip
    script = TIMING % {"repeat": args.repeat, "slow": args.slow_repeat, "year": YEAR,
                       "sqls": json.dumps(sqls)}  # fmt: skip
    out = _garda(url, "shell", "-c", script)
    rows: dict[str, Any] = json.loads(
        next(ln for ln in out.splitlines() if ln.startswith("GARDA "))[6:]
    )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=7, help="timings of the kept counts")
    parser.add_argument("--slow-repeat", type=int, default=3, help="timings of the recounts")
    parser.add_argument("--database", default="garda_jp_national")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    args = parser.parse_args(argv)
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point at PostgreSQL", file=sys.stderr)
        return 2
    asn = max(1000, int(FULL_ASN * args.scale))
    url = _with_db(base, args.database)
    payload: dict[str, Any] = {"scale": args.scale, "machine": machine_info()}
    if not args.reuse:
        _psql(base, f"DROP DATABASE IF EXISTS {args.database}")
        _psql(base, f"CREATE DATABASE {args.database}")
    try:
        if not args.reuse:
            migrate_s, _out = _timed_garda(url, "migrate", "--no-input")
            steps = _generate(url, asn)
            steps["migrate_s"] = migrate_s
            generated_s = sum(steps.values())
            print(f"generated in {generated_s:.0f} s: "
                  + ", ".join(f"{k} {v:.0f}" for k, v in steps.items()), flush=True)  # fmt: skip
            rebuild_s, rebuilt = _timed_garda(url, "jp_totals_rebuild")
            print(f"jp_totals_rebuild: {rebuild_s:.0f} s {rebuilt.strip()}", flush=True)
            payload.update(generated_s=round(generated_s, 1),
                           steps={k: round(v, 1) for k, v in steps.items()},
                           rebuild_s=round(rebuild_s, 1), rebuild=json.loads(rebuilt))  # fmt: skip
        counts = _psql(url, "SELECT (SELECT count(*) FROM people_employee), "
                            "(SELECT count(*) FROM ledger_ledgerentry), "
                            "pg_database_size(current_database())")  # fmt: skip
        employees, entries, size = (int(x) for x in counts.split("|"))
        print(f"scale {args.scale}: {employees:,} ASN, {entries:,} ledger entries, "
              f"{size / 2**30:.1f} GiB", flush=True)  # fmt: skip
        _garda(url, "collectstatic", "--no-input")  # the page links hashed static names
        rows = _measure(url, args)
        check_s, checked = _timed_garda(url, "jp_totals_rebuild", "--check")
        print(f"jp_totals_rebuild --check: {check_s:.0f} s {checked.strip()}", flush=True)
        payload.update(employees=employees, entries=entries, database_bytes=size,
                       check_s=round(check_s, 1), check=json.loads(checked))  # fmt: skip
    finally:
        if not args.keep:
            _psql(base, f"DROP DATABASE IF EXISTS {args.database}")
    for label, row in rows.items():
        limit = NATION_TARGET_S if label == "nation" else PROVINCE_TARGET_S
        row["same_figures"] = row["counts"] == row["recount"] and row["counts"][:2] == row["sql"]
        row["pass"] = row["page_s"] < limit and row["same_figures"]
        print(f"{label:9} page {row['page_s'] * 1000:.0f} ms (target < {limit * 1000:.0f})  "
              f"counts {row['counts_s'] * 1000:.1f} ms  recount {row['recount_s']:.2f} s  "
              f"hand SQL {row['sql_s']:.2f} s  figures equal: {row['same_figures']}  "
              f"{'PASS' if row['pass'] else 'FAIL'}  "
              f"(ASN, compliant) {row['counts'][:2]}")  # fmt: skip
    payload["results"] = rows
    payload["pass"] = all(row["pass"] for row in rows.values())
    print(f"results: {write_results(f'{NAME}-scale{args.scale}', payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
