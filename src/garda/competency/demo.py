"""Demo competency data: standards per jabatan kind for every instansi (capacity.md §1 demo
defaults), a stricter standard for the demo ASN's jabatan, competency tags on the catalog, three
more tagged programs (one a functional training), assessment results for a share of the ASN
(all of them at the small size), and approved development plans in a few OPDs so the province
plan has lines. Every write goes through the services (imports read in-memory CSV files)."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.db import transaction

from garda.competency import dictionary_data as data
from garda.competency.models import Assessment, Competency, DevelopmentPlan, ProgramTag
from garda.competency.selectors.plans import proposals_for
from garda.competency.services import (
    assessment_import,
    plan_approve,
    plan_draft,
    plan_submit,
    program_tags_set,
    standards_import,
)
from garda.core.demo import DemoSeeded
from garda.core.models import Unit, User
from garda.core.spreadsheets.export import csv_bytes
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Program
from garda.learning.services.catalog import program_create
from garda.people.models import Employee, JabatanKind

ASSESSED_SHARE = {"small": 1.0, "jambi": 0.35}
DEMO_ASN_NIP = "199003152015032001"
DEMO_JABATAN = "Widyaiswara Ahli Pertama"
# The demo ASN's results: below the stricter standard (2) in M.3, M.5 and M.6.
DEMO_ASN_LEVELS = {"M.1": 2, "M.2": 2, "M.3": 1, "M.4": 2, "M.5": 1, "M.6": 1, "M.7": 2,
                   "M.8": 2, "SK.1": 2}  # fmt: skip
# (code, title, form, JP, cost, tags)
DEMO_PROGRAMS: list[tuple[str, str, str, int, int, dict[str, int]]] = [
    ("komunikasi-efektif", "Pelatihan Komunikasi Efektif ASN", "manajerial", 32, 2_250_000,
     {"M.3": 3, "M.2": 3}),
    ("coaching-sdm", "Pelatihan Coaching dan Pengembangan SDM", "manajerial", 24, 1_900_000,
     {"M.6": 3}),
    # A functional training (the form IP ASN credits to JF holders such as the demo ASN, a
    # widyaiswara): the browser journey trains her with it and sees her index rise.
    ("fungsional-widyaiswara", "Pelatihan Fungsional Coaching dan Mentoring bagi Widyaiswara",
     "fungsional", 30, 2_750_000, {"M.6": 3}),
]  # fmt: skip
EXISTING_TAGS = {
    "pelayanan-prima": {"M.5": 3, "M.4": 2},
    "pkp-2026": {"M.4": 3, "M.7": 3, "M.8": 3},
}
ROWS_PER_FILE = 45_000  # well inside the spreadsheet kit's bounds
METHOD, INSTITUTION = "Assessment center", "UPT Penilaian Kompetensi BKD Provinsi Jambi"
PLAN_OPDS = ("15.DINKES", "15.BPKAD", "15.71.DINKES")
PLANS_PER_OPD = 6


def _csv(header: list[str], rows: list[list[object]]) -> io.BytesIO:
    return io.BytesIO(csv_bytes(header, rows))


def _standards(codes: list[str]) -> None:
    kinds = dict(JabatanKind.objects.values_list("code", "name"))
    for instansi in Unit.objects.filter(kind="instansi").order_by("code"):
        rows: list[list[object]] = [
            ["", kinds[kind], code, level]
            for kind, level in data.DEMO_KIND_LEVELS.items() if kind in kinds
            for code in codes
        ]  # fmt: skip
        if instansi.code == "15":
            rows += [[DEMO_JABATAN, kinds["fungsional_ahli_pertama"], code, 2] for code in codes]
        standards_import(
            actor=None, source=_csv(["Jabatan", "Jenis Jabatan", "Kode Kompetensi", "Level"], rows),
            filename=f"standar-{instansi.code}.csv", skip_invalid=False,
            instansi_code=instansi.code,
        )  # fmt: skip


def _programs(admin: User) -> None:
    bpsdm = Unit.objects.get(code="15.BPSDM")
    by_code = {c.code: c.pk for c in Competency.objects.filter(instansi__isnull=True)}
    for code, title, form, jp, cost, tags in DEMO_PROGRAMS:
        existing = Program.objects.filter(code=code).first()
        program = existing or program_create(
            actor=admin, fields={
                "code": code, "title": title, "form": LearningForm.objects.get(code=form),
                "jp": jp, "mode": "tatap_muka", "provider": "bpsdm", "cost_per_participant": cost,
                "needs_atasan": True, "post_test_required": False, "min_attendance_percent": 80,
                "owner_unit": bpsdm,
            },
        )  # fmt: skip
        program_tags_set(actor=admin, program_id=program.pk,
                         tags=[(by_code[c], lv) for c, lv in tags.items()])  # fmt: skip
    for code, tags in EXISTING_TAGS.items():
        tagged = Program.objects.filter(code=code).first()
        if tagged is not None:
            program_tags_set(actor=admin, program_id=tagged.pk,
                             tags=[(by_code[c], lv) for c, lv in tags.items()])  # fmt: skip


def _assessments(codes: list[str], size: str) -> int:
    rng = random.Random(2026)  # noqa: S311  # demo data, not security
    share = ASSESSED_SHARE.get(size, 1.0)
    today = dt.date.today()  # noqa: DTZ011  # a demo date; the time zone does not matter
    rows: list[list[object]] = []
    for nip, kind in Employee.objects.order_by("pk").values_list("nip", "jabatan_kind__code"):
        if nip == DEMO_ASN_NIP:
            rows += [[nip, c, lv, today - dt.timedelta(days=40), METHOD, INSTITUTION]
                     for c, lv in DEMO_ASN_LEVELS.items()]  # fmt: skip
            continue
        if rng.random() > share:
            continue
        standard = data.DEMO_KIND_LEVELS.get(kind or "", 1)
        day = today - dt.timedelta(days=rng.randint(30, 400))
        for code in codes:
            level = max(1, min(5, standard + rng.choice((-2, -1, -1, 0, 0, 0, 1))))
            rows.append([nip, code, level, day, METHOD, INSTITUTION])
    created = 0
    for start in range(0, len(rows), ROWS_PER_FILE):  # files a real upload could be
        part = rows[start : start + ROWS_PER_FILE]
        report = assessment_import(
            actor=None, filename=f"asesmen-demo-{start // ROWS_PER_FILE + 1}.csv",
            skip_invalid=True,
            source=_csv(["NIP", "Kode Kompetensi", "Level", "Tanggal", "Metode", "Lembaga"], part),
        )  # fmt: skip
        created += report.created
    return created


def _plans(admin: User) -> int:
    year = dt.date.today().year  # noqa: DTZ011  # the demo plans' year
    made = 0
    for code in PLAN_OPDS:
        opd = Unit.objects.filter(code=code).first()
        if opd is None:
            continue
        candidates = (
            Employee.objects.filter(
                unit__path__startswith=opd.path, competency_gaps__gap__lt=0, user__isnull=True
            )
            .distinct()
            .order_by("pk")[:PLANS_PER_OPD]
        )
        for employee in candidates:
            keys = [p.key for p in proposals_for(employee) if p.program_id][:2]
            if not keys:
                continue
            plan = plan_draft(actor=admin, year=year, keys=keys, employee_id=employee.pk)
            plan_submit(actor=admin, plan_id=plan.pk)
            plan_approve(actor=admin, plan_id=plan.pk, note="Disetujui (data demo).")
            made += 1
    return made


@transaction.atomic
def seed_demo(*, size: str) -> DemoSeeded:
    admin = User.objects.filter(username="admin.provinsi").first()
    if admin is None or ProgramTag.objects.exists():
        return DemoSeeded()
    codes = list(
        Competency.objects.filter(instansi__isnull=True, active=True).values_list("code", flat=True)
    )
    _standards(codes)
    _programs(admin)
    created = _assessments(codes, size)
    plans = _plans(admin)
    total = f"{Assessment.objects.count():,}".replace(",", ".")
    return DemoSeeded(
        created=created > 0,
        summary=f"{total} hasil asesmen, {DevelopmentPlan.objects.count()} IDP ({plans} demo)",
    )
