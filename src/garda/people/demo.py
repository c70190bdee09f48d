"""A realistic, deterministic Jambi for demos and load tests (`garda seed_demo --size jambi`).

Sizes follow the province: about 60,000 ASN over the 12 instansi, PNS and PPPK, with golongan,
jabatan and education mixes close to BKN's published shares. The same seed gives the same
people every time, so benchmarks and screenshots are comparable between runs."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.db import transaction

from garda.core.audit.services import audit_record
from garda.core.demo import DemoSeeded
from garda.core.identity import make_nip
from garda.core.models import Unit, UnitKind, User
from garda.core.org.services import unit_create
from garda.people.models import (
    EducationLevel,
    Employee,
    EmployeeKind,
    EmployeeStatus,
    Gender,
    Golongan,
    JabatanKind,
)
from garda.people.services import employee_create, employees_create, unit_set_head

SIZES = {"small": 600, "jambi": 60_000}
# Share of the province's ASN per instansi code (the province employs the SMA teachers).
INSTANSI_WEIGHTS = {
    "15": 0.22, "15.71": 0.11, "15.01": 0.07, "15.02": 0.075, "15.03": 0.06, "15.04": 0.065,
    "15.05": 0.07, "15.06": 0.065, "15.07": 0.055, "15.08": 0.07, "15.09": 0.065, "15.72": 0.035,
}  # fmt: skip
FIRST_NAMES_M = [
    "Ahmad", "Muhammad", "Rahmat", "Hendra", "Dedi", "Yusuf", "Fauzan", "Andi", "Budi",
    "Syafrizal", "Zulkifli", "Hasan", "Irwan", "Joko", "Rizki", "Arief", "Taufik", "Agus",
    "Fikri", "Ilham", "Doni", "Eko", "Faisal", "Gunawan", "Hafiz", "Iqbal", "Yudi", "Rudi",
]  # fmt: skip
FIRST_NAMES_F = [
    "Siti", "Nurul", "Rina", "Dewi", "Fitri", "Aminah", "Yuliana", "Rahma", "Sri", "Wulan",
    "Ayu", "Desi", "Eka", "Fatimah", "Indah", "Lestari", "Maya", "Nova", "Putri", "Ratna",
    "Sari", "Tuti", "Uci", "Vivi", "Yanti", "Zahra", "Nining", "Melati",
]  # fmt: skip
LAST_NAMES = [
    "Hidayat", "Saputra", "Maulana", "Kurniawan", "Pratama", "Lubis", "Nasution", "Harahap",
    "Siregar", "Syahputra", "Wijaya", "Susanti", "Handayani", "Rahmawati", "Fitriani",
    "Marlina", "Yuliani", "Permata", "Anggraini", "Ramadhan", "Akbar", "Firmansyah",
    "Hasibuan", "Effendi", "Zainal", "Jambak", "Rangkuti", "Batubara",
]  # fmt: skip
PLACES = [
    "Jambi", "Sungai Penuh", "Muara Bulian", "Bangko", "Sarolangun", "Muara Bungo",
    "Muara Tebo", "Kuala Tungkal", "Muara Sabak", "Sengeti", "Padang", "Palembang", "Medan",
]  # fmt: skip
# (jabatan kind code, weight, sample jabatan names)
JABATAN_MIX: list[tuple[str, float, list[str]]] = [
    ("jpt_pratama", 0.008, ["Kepala Dinas", "Kepala Badan"]),
    ("administrator", 0.03, ["Sekretaris Dinas", "Kepala Bidang"]),
    ("pengawas", 0.07, ["Kepala Subbagian Umum", "Kepala Seksi", "Kepala UPT"]),
    ("fungsional_ahli_pertama", 0.14, ["Guru Ahli Pertama", "Perawat Ahli Pertama",
                                        "Analis Kebijakan Ahli Pertama"]),
    ("fungsional_ahli_muda", 0.15, ["Guru Ahli Muda", "Dokter Ahli Muda",
                                     "Pranata Komputer Ahli Muda"]),
    ("fungsional_ahli_madya", 0.07, ["Guru Ahli Madya", "Widyaiswara Ahli Madya"]),
    ("fungsional_ahli_utama", 0.004, ["Widyaiswara Ahli Utama"]),
    ("fungsional_terampil", 0.08, ["Perawat Terampil", "Bidan Terampil"]),
    ("fungsional_mahir", 0.05, ["Perawat Mahir", "Pranata Komputer Mahir"]),
    ("fungsional_penyelia", 0.03, ["Bidan Penyelia", "Arsiparis Penyelia"]),
    ("pelaksana", 0.368, ["Pengadministrasi Umum", "Pengelola Keuangan", "Pengemudi",
                          "Penata Laporan Keuangan", "Pengolah Data"]),
]  # fmt: skip
EDUCATION_MIX = {"SMA": 0.14, "D3": 0.13, "D4": 0.04, "S1": 0.52, "S2": 0.15, "S3": 0.01,
                 "SMP": 0.007, "SD": 0.003}  # fmt: skip
GOLONGAN_PNS_MIX = {"II/a": 0.03, "II/b": 0.03, "II/c": 0.05, "II/d": 0.04, "III/a": 0.12,
                    "III/b": 0.14, "III/c": 0.13, "III/d": 0.14, "IV/a": 0.16, "IV/b": 0.07,
                    "IV/c": 0.02, "IV/d": 0.005, "I/c": 0.005}  # fmt: skip
SUBUNITS = [("SEKRETARIAT", "Sekretariat", UnitKind.BIDANG), ("BID1", "Bidang Program",
            UnitKind.BIDANG), ("BID2", "Bidang Pelayanan", UnitKind.BIDANG)]  # fmt: skip


def _weighted(rng: random.Random, mix: dict[str, float]) -> str:
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def ensure_subunits(*, actor: User | None) -> list[Unit]:
    """Every OPD gets a sekretariat and two bidang, so trees have depth."""
    leaves: list[Unit] = []
    existing = set(Unit.objects.values_list("code", flat=True))
    for opd in Unit.objects.filter(kind=UnitKind.OPD).order_by("code"):
        for suffix, name, kind in SUBUNITS:
            code = f"{opd.code}.{suffix}"
            if code not in existing:
                unit_create(
                    actor=actor, code=code, name=f"{name} {opd.name}", kind=kind, parent=opd
                )
    leaves.extend(Unit.objects.filter(kind__in=[UnitKind.BIDANG, UnitKind.PUSKESMAS]))
    return leaves


def _people(seed: int, units_by_instansi: dict[str, list[Unit]]) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311  # demo data, not security
    sequences: Counter[str] = Counter()
    instansi_codes = [c for c in INSTANSI_WEIGHTS if units_by_instansi.get(c)]
    weights = [INSTANSI_WEIGHTS[c] for c in instansi_codes]
    while True:  # the caller stops after as many new people as it needs
        instansi = rng.choices(instansi_codes, weights=weights)[0]
        unit = rng.choice(units_by_instansi[instansi])
        gender = rng.choice("LP")
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=rng.randrange(0, 34 * 365))
        kind = EmployeeKind.PPPK if rng.random() < 0.2 else EmployeeKind.PNS
        tmt_year = min(2024, birth.year + rng.randint(21, 32))
        tmt_month = rng.randint(1, 12)
        if kind == EmployeeKind.PNS:
            prefix = f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{'1' if gender == 'L' else '2'}"
            sequences[prefix] += 1
            nip = make_nip(birth, tmt_year, tmt_month, gender, sequences[prefix])
        else:
            prefix = f"{birth:%Y%m%d}{tmt_year:04d}"
            sequences[prefix] += 1
            nip = f"{prefix}{sequences[prefix]:06d}"
        jabatan = rng.choices(JABATAN_MIX, weights=[w for _, w, _ in JABATAN_MIX])[0]
        first = rng.choice(FIRST_NAMES_M if gender == "L" else FIRST_NAMES_F)
        education = _weighted(rng, EDUCATION_MIX)
        yield {
            "nip": nip,
            "kind": kind,
            "name": f"{first} {rng.choice(LAST_NAMES)}",
            "gelar_belakang": {"S1": "S.E.", "S2": "M.M.", "S3": "Dr.", "D3": "A.Md."}.get(
                education, ""
            ),
            "birth_place": rng.choice(PLACES),
            "birth_date": birth,
            "gender": gender,
            "golongan": _weighted(rng, GOLONGAN_PNS_MIX)
            if kind == EmployeeKind.PNS
            else rng.choice(["V", "VII", "IX", "X", "XI"]),
            "tmt_golongan": dt.date(
                min(2025, tmt_year + rng.randint(0, 12)), rng.randint(1, 12), 1
            ),
            "jabatan_kind": jabatan[0],
            "jabatan_name": rng.choice(jabatan[2]),
            "unit": unit,
            "education": education,
            "status": EmployeeStatus.AKTIF
            if rng.random() < 0.95
            else rng.choice([EmployeeStatus.CUTI, EmployeeStatus.TUGAS_BELAJAR]),
        }


@transaction.atomic
def seed_employees(*, actor: User | None, count: int, seed: int = 2026) -> int:
    """Create `count` employees in the existing tree; returns how many were created."""
    leaves = ensure_subunits(actor=actor)
    by_instansi: dict[str, list[Unit]] = {}
    instansi_paths = {u.path: u.code for u in Unit.objects.filter(kind=UnitKind.INSTANSI)}
    for unit in leaves:
        root_path = "/" + unit.path.strip("/").split("/")[0] + "/"
        code = instansi_paths.get(root_path)
        if code:
            by_instansi.setdefault(code, []).append(unit)
    golongan = {(g.kind, g.code): g.pk for g in Golongan.objects.all()}
    jabatan = {j.code: j.pk for j in JabatanKind.objects.all()}
    education = {e.code: e.pk for e in EducationLevel.objects.all()}
    existing = set(Employee.objects.values_list("nip", flat=True))
    batch: list[tuple[str, dict[str, Any]]] = []
    created = 0
    for person in _people(seed, by_instansi):
        if created + len(batch) >= count:
            break
        if person["nip"] in existing:
            continue
        existing.add(person["nip"])
        batch.append((person["nip"], {
            "kind": person["kind"], "name": person["name"],
            "gelar_belakang": person["gelar_belakang"], "birth_place": person["birth_place"],
            "birth_date": person["birth_date"], "gender": person["gender"],
            "golongan_id": golongan.get((person["kind"], person["golongan"])),
            "tmt_golongan": person["tmt_golongan"], "jabatan_name": person["jabatan_name"],
            "jabatan_kind_id": jabatan[person["jabatan_kind"]], "unit_id": person["unit"].pk,
            "education_level_id": education[person["education"]], "status": person["status"],
        }))  # fmt: skip
        if len(batch) >= 2000:
            created += _store(actor, batch)
            batch = []
    if batch:
        created += _store(actor, batch)
    audit_record(actor=actor, action="demo.seed_employees", after={"created": created})
    return created


def _store(actor: User | None, batch: list[tuple[str, dict[str, Any]]]) -> int:
    # The generator makes valid people (NIPs built from their own dates): the one employee
    # write, with its history and audit entries, as the ASN import calls it.
    return len(employees_create(actor=actor, records=batch, checked=True))


@transaction.atomic
def seed_demo_people() -> None:
    """The demo ASN and atasan get employee records; the atasan heads the ASN's bidang."""
    bidang = Unit.objects.get(code="15.BPSDM.PKM")
    people = [
        ("asn.demo", "199003152015032001", "Nurul Fitriani", dt.date(1990, 3, 15), Gender.P,
         "III/b", "fungsional_ahli_pertama", "Widyaiswara Ahli Pertama"),
        ("atasan.demo", "197806102003121002", "Yusuf Maulana", dt.date(1978, 6, 10), Gender.L,
         "IV/a", "administrator", "Kepala Bidang Pengembangan Kompetensi Manajerial"),
    ]  # fmt: skip
    for username, nip, name, born, gender, golongan, jabatan_kind, jabatan in people:
        if Employee.objects.filter(nip=nip).exists():
            continue
        employee = employee_create(
            actor=None, nip=nip, kind=EmployeeKind.PNS, name=name, birth_date=born,
            gender=gender, birth_place="Jambi",
            golongan_id=Golongan.objects.get(kind="pns", code=golongan).pk,
            tmt_golongan=dt.date(2022, 4, 1), jabatan_name=jabatan,
            jabatan_kind_id=JabatanKind.objects.get(code=jabatan_kind).pk, unit_id=bidang.pk,
            user_id=User.objects.get(username=username).pk, email=f"{username}@demo.garda.id",
        )  # fmt: skip
        if username == "atasan.demo":
            unit_set_head(actor=None, unit=bidang, head=employee)


def seed_demo(*, size: str) -> DemoSeeded:
    """The demo ASN and atasan, then generated ASN up to the size's count."""
    seed_demo_people()
    missing = max(0, SIZES[size] - Employee.objects.count())
    made = seed_employees(actor=None, count=missing) if missing else 0
    total = f"{Employee.objects.count():,}".replace(",", ".")
    return DemoSeeded(created=made > 0, summary=f"{total} ASN")
