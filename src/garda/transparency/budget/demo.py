"""Demo budgets, deterministic and idempotent: `seed_budget_demo(size="small" | "jambi")`.

- small: all twelve governments (the province's six OPDs, five of each kabupaten/kota), about
  300 sub-kegiatan a year over 2025 and 2026, with monthly realisasi for all of 2025 and
  January to October 2026;
- jambi: the province-size set the bench measures: 12 instansi, about 3,000 sub-kegiatan in
  2026, twelve months of realisasi.

Rows go through the same writers as the import commands (budget_lines_write and
realisasi_write), so the audit log and the data version are real; running it again writes
nothing. The open datasets are generated afterwards so the catalog is not empty.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from garda.transparency.budget.codes import level_of_instansi, parse_sub_kegiatan_code
from garda.transparency.budget.importing import (
    BudgetRow,
    RealisasiRow,
    UnitLookup,
    budget_import_report,
)
from garda.transparency.budget.models import BudgetLine
from garda.transparency.budget.services import budget_lines_write, realisasi_write
from garda.transparency.opendata.services import opendata_generate_all

SEED = 15_2026
# Share of a line's pagu typically realised in each month: slow start, year-end rush.
MONTH_SHARE = [0.02, 0.04, 0.06, 0.07, 0.08, 0.08, 0.09, 0.09, 0.10, 0.10, 0.11, 0.14]


@dataclass(frozen=True)
class Template:
    bidang: str  # urusan.bidang, e.g. "1.02"
    program: str
    program_name: str
    kegiatan: str
    kegiatan_name: str
    sub: str
    name: str
    pagu_juta: int  # typical pagu in millions of rupiah


_PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah"


def _penunjang(bidang: str) -> list[Template]:
    return [
        Template(bidang, "01", _PENUNJANG, "01",
                 "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "0001",
                 "Penyusunan Dokumen Perencanaan Perangkat Daerah", 250),
        Template(bidang, "01", _PENUNJANG, "02", "Administrasi Keuangan Perangkat Daerah",
                 "0001", "Penyediaan Gaji dan Tunjangan ASN", 9_500),
        Template(bidang, "01", _PENUNJANG, "06", "Administrasi Umum Perangkat Daerah", "0009",
                 "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", 400),
    ]  # fmt: skip


# Per OPD (code suffix): what it spends on. About 5-6 lines each.
SMALL_OPD: dict[str, list[Template]] = {
    "BPSDM": [
        *_penunjang("5.04"),
        Template("5.04", "02", "Program Pengembangan Sumber Daya Manusia", "01",
                 "Pengembangan Kompetensi Manajerial dan Teknis", "0001",
                 "Pelatihan Kepemimpinan Administrator", 1_800),
        Template("5.04", "02", "Program Pengembangan Sumber Daya Manusia", "01",
                 "Pengembangan Kompetensi Manajerial dan Teknis", "0002",
                 "Pelatihan Teknis Pelayanan Publik dan e-Government", 1_200),
        Template("5.04", "02", "Program Pengembangan Sumber Daya Manusia", "02",
                 "Pelatihan Dasar CPNS", "0001", "Penyelenggaraan Latsar CPNS", 2_600),
    ],
    "BKD": [
        *_penunjang("5.03"),
        Template("5.03", "02", "Program Kepegawaian Daerah", "01",
                 "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN", "0001",
                 "Pengelolaan Sistem Informasi Kepegawaian", 700),
        Template("5.03", "02", "Program Kepegawaian Daerah", "03", "Mutasi dan Promosi ASN",
                 "0002", "Seleksi Terbuka Jabatan Pimpinan Tinggi", 450),
    ],
    "BKPSDM": [
        *_penunjang("5.03"),
        Template("5.03", "02", "Program Kepegawaian Daerah", "01",
                 "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN", "0001",
                 "Pengelolaan Sistem Informasi Kepegawaian", 350),
        Template("5.03", "02", "Program Kepegawaian Daerah", "05",
                 "Pengembangan Kompetensi ASN", "0001", "Pelatihan Teknis ASN Kota", 600),
    ],
    "DINKES": [
        *_penunjang("1.02"),
        Template("1.02", "02",
                 "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
                 "02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP", "0016",
                 "Pengelolaan Pelayanan Kesehatan Lingkungan", 900),
        Template("1.02", "02",
                 "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
                 "02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP", "0020",
                 "Pengelolaan Sistem Antrean Daring Puskesmas", 650),
        Template("1.02", "03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
                 "01", "Perencanaan Kebutuhan dan Pendayagunaan SDMK", "0001",
                 "Pelatihan Tenaga Kesehatan Puskesmas", 800),
    ],
    "DISDIK": [
        *_penunjang("1.01"),
        Template("1.01", "02", "Program Pengelolaan Pendidikan", "01",
                 "Pengelolaan Pendidikan Sekolah Menengah", "0001",
                 "Pembangunan Ruang Kelas Baru", 6_500),
        Template("1.01", "02", "Program Pengelolaan Pendidikan", "01",
                 "Pengelolaan Pendidikan Sekolah Menengah", "0009",
                 "Pengadaan Perlengkapan Sekolah", 2_200),
    ],
    "KOMINFO": [
        *_penunjang("2.16"),
        Template("2.16", "02", "Program Informasi dan Komunikasi Publik", "01",
                 "Pengelolaan Informasi dan Komunikasi Publik", "0002",
                 "Pengelolaan Layanan Informasi Publik (PPID)", 300),
        Template("2.16", "03", "Program Aplikasi Informatika", "02",
                 "Pengelolaan e-Government", "0005", "Pengelolaan Satu Data Daerah", 550),
    ],
    "BAPPEDA": [
        *_penunjang("5.01"),
        Template("5.01", "02", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
                 "01", "Penyusunan Perencanaan dan Pendanaan", "0001",
                 "Penyusunan Dokumen RKPD", 520),
        Template("5.01", "02", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
                 "02", "Pengendalian dan Evaluasi Pembangunan", "0003",
                 "Evaluasi Kinerja Pembangunan Daerah", 380),
    ],
}  # fmt: skip
# All twelve governments: the province, nine kabupaten and two kota (a demo with budgets for
# two of twelve could not show a province). Each kabupaten/kota spends a share of the
# province's typical pagu, roughly by its size.
_KABUPATEN_OPDS = ["BKPSDM", "BAPPEDA", "DINKES", "DISDIK", "KOMINFO"]
SMALL_UNITS = {
    "15": ["BPSDM", "BKD", "BAPPEDA", "DINKES", "DISDIK", "KOMINFO"],
    **dict.fromkeys(
        ("15.01", "15.02", "15.03", "15.04", "15.05", "15.06", "15.07", "15.08", "15.09",
         "15.71", "15.72"),
        _KABUPATEN_OPDS,
    ),
}  # fmt: skip
SMALL_SCALE = {
    "15": 1.0, "15.01": 0.38, "15.02": 0.46, "15.03": 0.41, "15.04": 0.43, "15.05": 0.52,
    "15.06": 0.40, "15.07": 0.36, "15.08": 0.44, "15.09": 0.39, "15.71": 0.55, "15.72": 0.30,
}  # fmt: skip
SMALL_YEARS = {2025: 12, 2026: 10}  # year -> months of realisasi so far
JAMBI_YEAR, JAMBI_MONTHS, JAMBI_LINES_PER_OPD = 2026, 12, 30

_ACTIONS = [
    "Penyediaan",
    "Pengelolaan",
    "Pembinaan",
    "Pengembangan",
    "Peningkatan",
    "Penyusunan",
    "Fasilitasi",
    "Koordinasi",
    "Pemeliharaan",
    "Pengadaan",
]
_OBJECTS = ["Sarana dan Prasarana", "Layanan Publik", "Sistem Informasi", "Kapasitas Aparatur",
            "Data dan Statistik", "Kemitraan Daerah", "Dokumen Perencanaan",
            "Pengawasan Internal", "Pelayanan Terpadu", "Kualitas Lingkungan"]  # fmt: skip


def _pagu(rng: random.Random, juta: int) -> tuple[int, int | None]:
    murni = round(juta * rng.uniform(0.7, 1.3)) * 1_000_000
    perubahan = round(murni * rng.uniform(0.9, 1.12), -5) if rng.random() < 0.6 else None
    return murni, (int(perubahan) if perubahan is not None else None)


def _months(rng: random.Random, pagu: int, months: int) -> list[int]:
    """Monthly realisasi that ends the year near the pagu; about 1 line in 70 goes over."""
    factor = rng.uniform(1.02, 1.08) if rng.random() < 0.015 else rng.uniform(0.72, 0.99)
    return [int(round(pagu * MONTH_SHARE[m] * factor, -3)) for m in range(months)]


def _small_rows(lookup: UnitLookup) -> list[tuple[BudgetRow, list[int]]]:
    rng = random.Random(SEED)  # noqa: S311  # demo figures, not secrets
    rows: list[tuple[BudgetRow, list[int]]] = []
    for year, months in SMALL_YEARS.items():
        for instansi, opds in SMALL_UNITS.items():
            level = level_of_instansi(instansi)
            for opd in opds:
                unit = lookup.by_code.get(f"{instansi}.{opd}".casefold())
                if unit is None:
                    continue
                for t in SMALL_OPD[opd]:
                    code = parse_sub_kegiatan_code(
                        f"{t.bidang}.{t.program}.{level}.{t.kegiatan}.{t.sub}"
                    )
                    scale = SMALL_SCALE[instansi]
                    murni, perubahan = _pagu(rng, round(t.pagu_juta * scale))
                    row = BudgetRow(
                        row=len(rows) + 2, year=year, unit=unit, code=code, name=t.name,
                        pagu_murni=murni, pagu_perubahan=perubahan,
                        program_name=t.program_name, kegiatan_name=t.kegiatan_name,
                    )  # fmt: skip
                    pagu = perubahan if perubahan is not None else murni
                    rows.append((row, _months(rng, pagu, months)))
    return rows


def _jambi_rows(lookup: UnitLookup) -> list[tuple[BudgetRow, list[int]]]:
    rng = random.Random(SEED + 1)  # noqa: S311  # demo figures, not secrets
    rows: list[tuple[BudgetRow, list[int]]] = []
    units = sorted((u for u in lookup.by_code.values() if u.opd_id == u.id), key=lambda u: u.code)
    for unit in units:
        level = level_of_instansi(unit.instansi_code)
        # Each OPD works in its own urusan.bidang, derived from its code so it is stable.
        bidang = f"{1 + sum(map(ord, unit.code)) % 8}.{1 + sum(map(ord, unit.code)) % 27:02d}"
        count = JAMBI_LINES_PER_OPD + (8 if unit.instansi_code == "15" else -2)
        for index in range(count):
            program, kegiatan, sub = 1 + index // 12, 1 + (index // 4) % 3, 1 + index % 4
            code = parse_sub_kegiatan_code(
                f"{bidang}.{program:02d}.{level}.{kegiatan:02d}.{sub:04d}"
            )
            name = f"{rng.choice(_ACTIONS)} {rng.choice(_OBJECTS)}"
            murni, perubahan = _pagu(rng, rng.choice([150, 300, 600, 1_200, 2_500, 6_000]))
            row = BudgetRow(
                row=len(rows) + 2, year=JAMBI_YEAR, unit=unit, code=code, name=name,
                pagu_murni=murni, pagu_perubahan=perubahan,
                program_name=_PENUNJANG if program == 1 else f"Program {bidang} ke-{program}",
                kegiatan_name=f"Kegiatan {kegiatan} Program {program}",
            )  # fmt: skip
            pagu = perubahan if perubahan is not None else murni
            rows.append((row, _months(rng, pagu, JAMBI_MONTHS)))
    return rows


def seed_budget_demo(size: str = "small", *, generate_open_data: bool = True) -> int:
    """Seed the demo budget; returns how many lines were created (0 when already there)."""
    if size not in {"small", "jambi"}:
        raise ValueError(f"unknown size {size!r}")
    lookup = UnitLookup(None)
    planned = _small_rows(lookup) if size == "small" else _jambi_rows(lookup)
    lines_report = budget_import_report(filename=f"demo-{size}", kind="anggaran")
    budget_lines_write(actor=None, rows=[row for row, _months in planned], report=lines_report)
    ids = {
        (year, unit_id, code): pk
        for pk, year, unit_id, code in BudgetLine.objects.filter(
            year__in={row.year for row, _m in planned}
        ).values_list("pk", "year", "unit_id", "code")
    }
    realisations = [
        RealisasiRow(
            row=row.row,
            year=row.year,
            month=month,
            unit=row.unit,
            code=row.code.full,
            line_id=ids[row.key],
            amount=int(amount),
        )
        for row, amounts in planned
        for month, amount in enumerate(amounts, start=1)
    ]
    realisasi_report = budget_import_report(filename=f"demo-{size}", kind="realisasi")
    realisasi_write(actor=None, rows=realisations, report=realisasi_report)
    if generate_open_data:
        opendata_generate_all(actor=None)
    return lines_report.created
