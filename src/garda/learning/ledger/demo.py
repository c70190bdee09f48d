"""Demo data of the JP ledger, called by `garda seed_demo` (idempotent).

Every demo ASN gets about ten entries over the last three years, drawn from a fixed seed so
runs compare (about four in five reach this year's target; the rest fill the dashboard's
below-target list). At
`jambi` size that is ~600,000 rows: they go in as plain rows (COPY on PostgreSQL,
executemany on SQLite), and the yearly totals are filled with one grouped INSERT … SELECT,
instead of one service call (and audit entry) per row. One audit entry records the seeding."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.demo import DemoSeeded
from garda.core.models import User
from garda.learning.demo_catalogue import seed_catalogue
from garda.learning.ledger.conversion import Activity, PastEntry, Rule
from garda.learning.ledger.models import ExternalLearning, JPYearTotal, LearningForm, LedgerEntry
from garda.learning.ledger.rules import apply_rule, rules_for
from garda.learning.ledger.services import ledger_record_training, refresh_total
from garda.learning.ledger.services.tallies import tallies_rebuild
from garda.people.models import Employee

DEMO_NIP = "199003152015032001"  # asn.demo
ENTRIES_PER_ASN = 10
SEED = 20260315
# (form code, title, provider, JP range, days)
ACTIVITIES: list[tuple[str, str, str, tuple[int, int], int]] = [
    ("teknis", "Pelatihan Pengadaan Barang/Jasa Pemerintah", "LKPP", (24, 40), 4),
    ("teknis", "Pelatihan Penyusunan Laporan Kinerja (SAKIP)", "BPSDM Provinsi Jambi", (16, 32), 3),
    ("bimtek", "Bimbingan Teknis SIASN", "BKN Kantor Regional VII", (8, 16), 2),
    ("bimtek", "Bimbingan Teknis Aplikasi SIPD", "Kemendagri", (8, 16), 2),
    ("seminar", "Seminar Pelayanan Publik Berbasis Digital", "Ombudsman RI", (4, 4), 1),
    ("sosialisasi", "Sosialisasi Manajemen Talenta ASN", "BKD Provinsi Jambi", (4, 4), 1),
    ("workshop", "Lokakarya Penyusunan Anjab dan ABK", "Biro Organisasi", (10, 10), 2),
    ("e-learning", "E-learning Literasi Digital ASN", "ASN Unggul (LAN)", (2, 6), 2),
    ("e-learning", "Kursus Daring Etika Birokrasi", "ASN Unggul (LAN)", (2, 6), 2),
    ("coaching", "Coaching Kinerja oleh Atasan Langsung", "Atasan langsung", (2, 4), 1),
    ("mentoring", "Mentoring Jabatan Fungsional", "Pejabat fungsional madya", (2, 4), 1),
    ("belajar-mandiri", "Belajar Mandiri Kebijakan Publik", "Mandiri", (2, 2), 1),
    ("fungsional", "Pelatihan Fungsional Analis Kebijakan", "LAN RI", (40, 60), 6),
    ("kursus", "Kursus Bahasa Inggris untuk Layanan Publik", "Balai Bahasa Jambi", (20, 30), 5),
    ("patok-banding", "Patok Banding Mal Pelayanan Publik", "Pemerintah Kota Jambi", (10, 10), 2),
]
COLUMNS = (
    "created_at", "updated_at", "employee_id", "year", "started_on", "finished_on", "form_id",
    "title", "provider", "jp", "stated_jp", "quantity", "abroad", "certificate_number", "evidence",
    "source_kind", "source_key", "status", "revoked_reason",
)  # fmt: skip


def seed_demo_once(*, size: str) -> None:
    if LedgerEntry.objects.filter(source_key__startswith="demo:").exists():
        return
    _seed_bulk()
    _seed_demo_asn()


def _rows(
    ids: list[int], forms: dict[str, int], rules: dict[int, Rule], today: dt.date
) -> Iterator[tuple[object, ...]]:
    rng = random.Random(SEED)  # noqa: S311  # demo data, not secrets
    now = timezone.now()
    years = [today.year - 2, today.year - 1, today.year]
    for employee_id in ids:
        count = rng.randint(ENTRIES_PER_ASN - 3, ENTRIES_PER_ASN + 3)
        mine: dict[int, list[PastEntry]] = {}
        for n in range(count):
            year = years[min(2, int(rng.random() * 3.4))]  # a little more this year
            code, title, provider, (low, high), days = ACTIVITIES[rng.randrange(len(ACTIVITIES))]
            last_day = today if year == today.year else dt.date(year, 12, 31)
            start = dt.date(year, 1, 2) + dt.timedelta(
                days=rng.randrange(max(1, (last_day - dt.date(year, 1, 2)).days - days))
            )
            finish = start + dt.timedelta(days=days - 1)
            stated = Decimal(rng.randint(low, high))
            # The same rule every write applies (these rows skip the write function for speed
            # only): min(stated, rule), capped by this ASN's earlier rows of the form.
            form_id = forms[code]
            earlier = mine.setdefault(form_id, [])
            jp = apply_rule(rules[form_id], Activity(start, finish, days, stated), earlier).jp
            earlier.append(PastEntry(start, finish, jp, days))
            yield (
                now, now, employee_id, finish.year, start, finish, form_id, title, provider,
                jp, stated, days, False, f"DEMO/{employee_id}/{n}", "", "training",
                f"demo:{employee_id}:{n}", "valid", "",
            )  # fmt: skip


def _seed_bulk() -> None:
    forms = dict(LearningForm.objects.values_list("code", "pk"))
    table = LedgerEntry._meta.db_table
    # Read before the generator starts: during COPY the connection can run no other query.
    ids = list(Employee.objects.exclude(nip=DEMO_NIP).order_by("pk").values_list("pk", flat=True))
    rules = rules_for(forms.values())
    rows = _rows(ids, forms, rules, timezone.localdate())
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor, table, rows)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608  # names are constants
            batch: list[Any] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= 20_000:
                    cursor.executemany(sql, batch)
                    batch.clear()
            if batch:
                cursor.executemany(sql, batch)
        totals = JPYearTotal._meta.db_table
        cursor.execute(
            f"INSERT INTO {totals} (employee_id, year, total_jp, entries) "  # noqa: S608
            f"SELECT employee_id, year, SUM(jp), COUNT(*) FROM {table} "
            "WHERE status = 'valid' AND source_key LIKE 'demo:%%' GROUP BY employee_id, year"
        )
        # The per-unit compliance counts of those totals, counted once (decision 0019).
        tallies_rebuild()
        audit_record(
            actor=None, action="ledger.demo.seed", object_type="ledger.demo",
            object_label="seed_demo",
            after={"entries": LedgerEntry.objects.count()},
        )  # fmt: skip


def _copy(cursor: object, table: str, rows: Iterator[tuple[object, ...]]) -> None:
    """COPY in text format, in blocks, so 600,000 rows take seconds and little memory."""
    raw = cursor.cursor  # type: ignore[attr-defined]  # Django's wrapper around psycopg's
    with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for n, row in enumerate(rows, start=1):
            buffer.write("\t".join(_copy_text(v) for v in row) + "\n")
            if n % 20_000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())


def _copy_text(value: object) -> str:
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _seed_demo_asn() -> None:
    """asn.demo: a clear story — 14 of 20 JP this year, a full previous year, one pending
    e-learning record waiting for the BPSDM admin."""
    employee = Employee.objects.filter(nip=DEMO_NIP).first()
    if employee is None:
        return
    forms = dict(LearningForm.objects.values_list("code", "pk"))
    today = timezone.localdate()
    this_year = [
        ("bimtek", "Bimbingan Teknis SIASN", "BKN Kantor Regional VII", 1, 2, "8"),
        ("seminar", "Seminar Pelayanan Publik Berbasis Digital", "Ombudsman RI", 2, 1, "4"),
        ("coaching", "Coaching Kinerja oleh Atasan Langsung", "Yusuf Maulana", 3, 1, "2"),
    ]
    last_year = [
        ("teknis", "Pelatihan Penyusunan Laporan Kinerja (SAKIP)", "BPSDM Jambi", 3, 3, "24"),
        ("e-learning", "E-learning Literasi Digital ASN", "ASN Unggul (LAN)", 9, 2, "6"),
    ]  # fmt: skip
    with transaction.atomic():
        for year, items in ((today.year, this_year), (today.year - 1, last_year)):
            for n, (code, title, provider, month, days, jp) in enumerate(items):
                month = min(month, today.month) if year == today.year else month
                start = dt.date(year, month, 5)
                ledger_record_training(
                    actor=None, employee_id=employee.pk, form_id=forms[code], title=title,
                    provider=provider, started_on=start,
                    finished_on=start + dt.timedelta(days=days - 1), jp=Decimal(jp),
                    certificate_number=f"DEMO/ASN/{year}/{n}", source_key=f"demo:asn:{year}:{n}",
                )  # fmt: skip
        refresh_total(employee_id=employee.pk, year=today.year)
        if employee.user_id and not ExternalLearning.objects.filter(employee=employee).exists():
            pending = ExternalLearning(
                employee=employee, submitted_by_id=employee.user_id, form_id=forms["e-learning"],
                title="Kursus Daring Etika Birokrasi", provider="ASN Unggul (LAN)",
                started_on=today - dt.timedelta(days=1), finished_on=today - dt.timedelta(days=1),
                stated_jp=Decimal("3"),
            )  # fmt: skip
            pending.evidence.save(
                "sertifikat-etika.pdf", ContentFile(b"%PDF-1.4 demo\n%%EOF\n"), save=False
            )
            pending.save()


def seed_demo(*, size: str) -> DemoSeeded:
    seed_demo_once(size=size)
    # The catalogue's past batches issue certificates, which write ledger entries and year
    # totals: seeded after the bulk history above, which inserts totals of its own.
    admin = User.objects.filter(username="admin.provinsi").first()
    if admin is not None:
        seed_catalogue(admin=admin, today=timezone.localdate())
    return DemoSeeded()
