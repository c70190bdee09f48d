"""Demo data of talent management, called by `garda seed_demo` (idempotent): SKP and
potential results for last year and this year for every demo ASN (a fixed seed, so runs
compare), a few discipline sanctions, two critical posts, and asn.demo in box 5 with a clear
story (SKP Baik, potential menengah). Rows go in with bulk inserts (60,000 ASN at `jambi`
size), with one audit entry for the seeding."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.demo import DemoSeeded
from garda.core.models import Unit
from garda.people.models import Employee, JabatanKind
from garda.talent import stamp
from garda.talent.models import PotentialResult, Sanction, SkpResult
from garda.talent.models_ninebox import CriticalPost

DEMO_NIP = "199003152015032001"  # asn.demo
SEED = 20261207
PREDIKAT_WEIGHTS = [
    ("sangat_baik", 18), ("baik", 62), ("butuh_perbaikan", 12), ("kurang", 6),
    ("sangat_kurang", 2),
]  # fmt: skip
POTENSIAL_WEIGHTS = [("rendah", 25), ("menengah", 50), ("tinggi", 25)]
SANCTION_SHARE = 0.015
SANCTIONS = [
    ("ringan", "Teguran tertulis"),
    ("sedang", "Pemotongan tunjangan kinerja 25% selama 6 bulan"),
    ("berat", "Penurunan jabatan setingkat lebih rendah selama 12 bulan"),
]
POSTS = [
    ("15.BPSDM", "Kepala Bidang Pengembangan Kompetensi Manajerial", "administrator"),
    ("15.BKD", "Kepala Bidang Mutasi dan Promosi", "administrator"),
]


def _pick(rng: random.Random, weights: list[tuple[str, int]]) -> str:
    return rng.choices([w for w, _n in weights], [n for _w, n in weights])[0]


def seed_demo(*, size: str) -> DemoSeeded:
    if SkpResult.objects.exists():
        return DemoSeeded()
    rng = random.Random(SEED)  # noqa: S311  # demo data, not secrets
    today = timezone.localdate()
    years = [today.year - 1, today.year]
    ids = list(Employee.objects.exclude(nip=DEMO_NIP).order_by("pk").values_list("pk", flat=True))
    skp, potential, sanctions = [], [], []
    for pk in ids:
        for year in years:
            skp.append(SkpResult(employee_id=pk, year=year, predikat=_pick(rng, PREDIKAT_WEIGHTS)))
            potential.append(
                PotentialResult(employee_id=pk, year=year, potensial=_pick(rng, POTENSIAL_WEIGHTS))
            )
        if rng.random() < SANCTION_SHARE:
            tingkat, jenis = SANCTIONS[rng.randrange(len(SANCTIONS))]
            tmt = dt.date(rng.choice(years), rng.randint(1, 11), rng.randint(1, 28))
            sanctions.append(Sanction(
                employee_id=pk, tingkat=tingkat, jenis_hukuman=jenis, tmt=tmt,
                tanggal_selesai=tmt + dt.timedelta(days=365) if tingkat != "ringan" else None,
                nomor_sk=f"800/{pk}/BKD/{tmt.year}",
            ))  # fmt: skip
    demo = Employee.objects.filter(nip=DEMO_NIP).first()
    if demo is not None:
        for year in years:
            skp.append(SkpResult(employee_id=demo.pk, year=year, predikat="baik"))
            potential.append(PotentialResult(employee_id=demo.pk, year=year, potensial="menengah"))
    with transaction.atomic():
        SkpResult.objects.bulk_create(skp, batch_size=5000)
        PotentialResult.objects.bulk_create(potential, batch_size=5000)
        Sanction.objects.bulk_create(sanctions, batch_size=5000)
        administrator = JabatanKind.objects.filter(code="administrator").first()
        for code, name, _kind in POSTS:
            unit = Unit.objects.filter(code=code).first()
            if unit is not None and administrator is not None:
                CriticalPost.objects.get_or_create(
                    unit=unit, name=name, defaults={"jabatan_kind": administrator}
                )
        stamp.bump()
        audit_record(
            actor=None, action="talent.demo.seed", object_type="talent.demo",
            object_label="seed_demo",
            after={"skp": len(skp), "potensial": len(potential), "disiplin": len(sanctions)},
        )  # fmt: skip
    return DemoSeeded(
        created=True,
        summary=f"talenta: {len(skp)} SKP, {len(potential)} potensial, "
        f"{len(sanctions)} hukuman disiplin",
    )
