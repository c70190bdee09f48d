"""Import bench: `garda import_asn` on a 60,000-row .xlsx against openpyxl reading the same file.

    .venv/bin/python bench/import_bench.py              # 60,000 rows (the target)
    .venv/bin/python bench/import_bench.py --rows 5000  # a quick look

Target (issue 3, section 4): at least 2,000 rows/s end to end for a 60,000-row .xlsx, reported
beside the time openpyxl alone takes to read every cell of the same file (the ceiling: what
reading the input costs with the reference reader; Garda reads with python-calamine through
the spreadsheet kit, garda.core.spreadsheets, so a no-op re-import can come close to it).
The import runs as a
user runs it: the `garda import_asn` command in its own process, on a fresh SQLite data
directory that was just migrated (reference data and unit tree come from the migrations). Its
wall time includes Django's start-up. The re-import of the same file (nothing written) is
timed too. CPU seconds are reported beside wall seconds: on a shared 2-core machine the wall
time also holds whatever else runs, the CPU time does not.

The sheet is deterministic (seeded): valid NIPs built like core.identity.make_nip, PNS and
PPPK, every seeded unit by code (a few by exact name), dates as real Excel dates, text in a
shared-string table as Excel saves it. Results: bench/results/import.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _harness import GARDA, PROJECT_DIR, garda, garda_env, machine_info, write_results
from openpyxl import Workbook, load_workbook

from garda.people import reference_data as ref  # plain data: importing it needs no Django

TARGET_ROWS_PER_S = 2000.0
DEFAULT_ROWS = 60_000
SEED = 20260301

HEADERS = [
    "NIP", "Nama", "Gelar Depan", "Gelar Belakang", "Tempat Lahir", "Tanggal Lahir",
    "Jenis Kelamin", "Status Kepegawaian", "Golongan", "TMT Golongan", "Jabatan",
    "Jenis Jabatan", "Unit Kerja", "Pendidikan Terakhir", "Email", "Telepon",
]  # fmt: skip
FIRST = ["Ahmad", "Siti", "Rahmat", "Nurul", "Hendra", "Dewi", "Yusuf", "Fitri", "Budi",
         "Rina", "Joko", "Maya", "Irwan", "Sari", "Taufik", "Wulan"]  # fmt: skip
LAST = ["Hidayat", "Saputra", "Lubis", "Nasution", "Harahap", "Siregar", "Wijaya",
        "Handayani", "Rahmawati", "Pratama", "Effendi", "Anggraini"]  # fmt: skip
PLACES = ["Jambi", "Sungai Penuh", "Muara Bulian", "Bangko", "Sarolangun", "Muara Bungo"]
# (Jenis Jabatan as written in the file, sample jabatan names)
JABATAN = [
    ("Administrator", ["Kepala Bidang Mutasi", "Sekretaris Dinas"]),
    ("Pengawas", ["Kepala Seksi Pelayanan", "Kepala Subbagian Umum"]),
    ("Fungsional Ahli Pertama", ["Guru Ahli Pertama", "Perawat Ahli Pertama"]),
    ("Fungsional Ahli Muda", ["Analis Kebijakan Ahli Muda", "Dokter Ahli Muda"]),
    ("Fungsional Terampil", ["Perawat Terampil", "Bidan Terampil"]),
    ("pelaksana", ["Pengadministrasi Umum", "Pengelola Keuangan", "Pengolah Data"]),
]
EDUCATION = ["SMA", "D3", "D-IV", "S1", "S-1", "S2", "S3"]
GOLONGAN_PNS = [code for code, _pangkat in ref.GOLONGAN_PNS]
# Unit names that are unique in the seeded tree may be written by name.
UNIQUE_NAMES = ["Badan Kepegawaian Daerah", "RSUD Raden Mattaher", "Dinas Perkebunan"]


def unit_codes() -> list[str]:
    codes: list[str] = []
    for code, _name in ref.INSTANSI:
        codes.append(code)
        opds = ref.PROVINCE_OPD if code == "15" else ref.REGENCY_OPD
        codes.extend(f"{code}.{opd}" for opd, _name in opds)
    return codes


def make_nip(born: dt.date, tmt_year: int, tmt_month: int, gender: str, sequence: int) -> str:
    """As garda.core.identity.make_nip (kept here so generating needs no Django)."""
    return (
        f"{born:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{'1' if gender == 'L' else '2'}{sequence:03d}"
    )


def generate(path: Path, rows: int) -> None:
    """A deterministic sheet of `rows` valid employees, stored as Excel stores a workbook:
    a <dimension> element and shared strings. openpyxl writes every text as an inline string
    (and in write-only mode no dimension), which makes every reader, openpyxl included, much
    slower than on the files BKD staff save from Excel; `excel_strings` rewrites that."""
    rng = random.Random(SEED)
    units = unit_codes()
    workbook = Workbook()
    sheet = workbook.active
    if sheet is None:
        raise RuntimeError("openpyxl gave a workbook without a sheet")
    sheet.title = "Pegawai ASN"
    sheet.append(HEADERS)
    seen: set[str] = set()
    for index in range(rows):
        gender = rng.choice("LP")
        while True:
            born = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(35 * 365))
            tmt_year = min(born.year + rng.randint(20, 30), 2024)
            nip = make_nip(born, tmt_year, rng.randint(1, 12), gender, rng.randint(1, 999))
            if nip not in seen:
                seen.add(nip)
                break
        pppk = rng.random() < 0.2
        kind_label, jabatan_names = rng.choice(JABATAN)
        unit = rng.choice(UNIQUE_NAMES) if index % 50 == 0 else rng.choice(units)
        sheet.append(
            [
                nip,
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "Dr." if rng.random() < 0.03 else "",
                rng.choice(["", "S.E.", "S.Kom.", "S.Pd.", "M.M.", "A.Md."]),
                rng.choice(PLACES),
                born,
                gender,
                "PPPK" if pppk else "PNS",
                rng.choice(ref.GOLONGAN_PPPK[4:12]) if pppk else rng.choice(GOLONGAN_PNS[4:]),
                dt.date(rng.randint(2015, 2024), rng.choice((4, 10)), 1),
                rng.choice(jabatan_names),
                kind_label,
                unit,
                rng.choice(EDUCATION),
                f"asn{index}@jambiprov.go.id" if rng.random() < 0.7 else "",
                f"08{rng.randrange(10**9, 10**10)}",
            ]
        )
    for (nip_cell,) in sheet.iter_rows(min_row=2, max_col=1):
        nip_cell.number_format = "@"  # text, as the template asks
    for column in ("F", "J"):
        for (date_cell,) in sheet[f"{column}2:{column}{rows + 1}"]:
            date_cell.number_format = "dd-mm-yyyy"
    inline = path.with_suffix(".inline.xlsx")
    workbook.save(inline)
    excel_strings(inline, path)
    inline.unlink()


_INLINE = re.compile(
    r'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr">'
    r'<is><t(?: xml:space="preserve")?>(.*?)</t></is></c>'
)
_SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def excel_strings(source: Path, target: Path) -> None:
    """Copy an openpyxl-written .xlsx, moving its inline strings to a shared-string table."""
    index: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        number = index.setdefault(match.group(3), len(index))
        return f'<c r="{match.group(1)}"{match.group(2) or ""} t="s"><v>{number}</v></c>'

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = _INLINE.sub(shared, data.decode()).encode()
            elif item.filename == "[Content_Types].xml":
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}"/>'
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            elif item.filename == "xl/_rels/workbook.xml.rels":
                relation = (
                    f'<Relationship Id="rIdStrings" Type="{_SST}" Target="sharedStrings.xml"/>'
                )
                data = data.replace(b"</Relationships>", relation.encode() + b"</Relationships>")
            out.writestr(item, data)
        items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in index)
        out.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(index)}" uniqueCount="{len(index)}">{items}</sst>',
        )


def openpyxl_read(path: Path) -> tuple[float, int]:
    """The ceiling: openpyxl (read-only, values only) touching every cell of the sheet."""
    started = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.active
    if sheet is None:
        raise RuntimeError(f"{path} has no sheet")
    cells = 0
    for row in sheet.iter_rows(values_only=True):
        for _value in row:
            cells += 1
    workbook.close()
    return time.perf_counter() - started, cells


_SUMMARY = re.compile(r"(\d+) baris data; (\d+) baru, (\d+) diubah, (\d+) tidak berubah")


def run_import(path: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """`garda import_asn FILE` in its own process: wall time, CPU time, output. On this
    shared 2-core machine the wall time also holds whatever else runs; CPU time does not."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    output = garda(["import_asn", str(path), "--verbosity", "2"], env, timeout_s=1800)
    return time.perf_counter() - started, _children_cpu() - cpu_before, output


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def counts(output: str) -> dict[str, int]:
    match = _SUMMARY.search(output)
    if match is None:
        raise RuntimeError(f"unexpected import_asn output: {output!r}")
    total, created, updated, unchanged = (int(g) for g in match.groups())
    return {"total": total, "created": created, "updated": updated, "unchanged": unchanged}


_PHASES = re.compile(r"Fase: (.*)$", re.MULTILINE)


def phases(output: str) -> dict[str, float]:
    """The per-phase seconds `import_asn -v 2` prints."""
    match = _PHASES.search(output)
    if match is None:
        return {}
    found: dict[str, float] = {}
    for part in match.group(1).split(", "):
        name, _, seconds = part.partition("=")
        found[name] = float(seconds.rstrip("s"))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    args = parser.parse_args(argv)
    if not GARDA.exists():
        print(f"{GARDA} missing: run `make install` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="garda-import-bench-") as tmp:
        tmp_dir = Path(tmp)
        sheet = tmp_dir / f"asn-{args.rows}.xlsx"
        started = time.perf_counter()
        generate(sheet, args.rows)
        generate_s = time.perf_counter() - started
        print(
            f"generated {args.rows:,} rows in {generate_s:.1f} s ({sheet.stat().st_size:,} bytes)"
        )

        cpu_before = time.process_time()
        ceiling_s, cells = openpyxl_read(sheet)
        ceiling_cpu = time.process_time() - cpu_before
        print(
            f"openpyxl alone: {ceiling_s:.2f} s (CPU {ceiling_cpu:.1f} s) for {cells:,} cells "
            f"= {args.rows / ceiling_s:,.0f} rows/s (the ceiling)"
        )

        data_dir = tmp_dir / "data"
        data_dir.mkdir()
        env = garda_env(data_dir, None)  # a fresh SQLite database
        garda(["migrate", "--no-input"], env)

        import_s, import_cpu, output = run_import(sheet, env)
        first = counts(output)
        first_output = output
        if first["created"] != args.rows:
            print(f"import did not create every row:\n{output}", file=sys.stderr)
            return 2
        reimport_s, reimport_cpu, output = run_import(sheet, env)
        second = counts(output)
        if second["unchanged"] != args.rows:
            print(f"re-import was not a no-op:\n{output}", file=sys.stderr)
            return 2

    rows_per_s = args.rows / import_s
    ratio = import_s / ceiling_s
    verdict = "PASS" if rows_per_s >= TARGET_ROWS_PER_S else "FAIL"
    print(
        f"import:    {import_s:6.2f} s  {rows_per_s:8,.0f} rows/s  ({ratio:.2f}x openpyxl); "
        f"CPU {import_cpu:.1f} s = {args.rows / import_cpu:,.0f} rows per CPU-second"
    )
    print(
        f"re-import: {reimport_s:6.2f} s  {args.rows / reimport_s:8,.0f} rows/s  "
        f"({reimport_s / ceiling_s:.2f}x openpyxl, nothing written); CPU {reimport_cpu:.1f} s"
    )
    print(f"target >= {TARGET_ROWS_PER_S:,.0f} rows/s: {verdict}")
    payload: dict[str, Any] = {
        "bench": "import",
        "verdict": f"{verdict} ({rows_per_s:,.0f} rows/s)",
        "target": {"rows_per_s_at_least": TARGET_ROWS_PER_S, "rows": DEFAULT_ROWS},
        "config": {
            "rows": args.rows,
            "database": "sqlite (fresh, migrated)",
            "command": "garda import_asn FILE (own process, wall time incl. start-up)",
            "columns": len(HEADERS),
            "seed": SEED,
        },
        "machine": machine_info(),
        "ceiling": {
            "openpyxl_read_s": round(ceiling_s, 3),
            "openpyxl_read_cpu_s": round(ceiling_cpu, 3),
            "cells": cells,
            "openpyxl_rows_per_s": round(args.rows / ceiling_s, 1),
        },
        "import": {
            "seconds": round(import_s, 3),
            "rows_per_s": round(rows_per_s, 1),
            "ratio_to_openpyxl": round(ratio, 2),
            "cpu_s": round(import_cpu, 3),
            "rows_per_cpu_s": round(args.rows / import_cpu, 1),
            "phases_s": phases(first_output),
            "counts": first,
        },
        "reimport": {
            "seconds": round(reimport_s, 3),
            "rows_per_s": round(args.rows / reimport_s, 1),
            "ratio_to_openpyxl": round(reimport_s / ceiling_s, 2),
            "cpu_s": round(reimport_cpu, 3),
            "counts": second,
        },
        "generate_s": round(generate_s, 2),
    }
    path = write_results("import", payload)
    print(f"results: {path.relative_to(PROJECT_DIR)}")
    print(json.dumps(payload["import"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
