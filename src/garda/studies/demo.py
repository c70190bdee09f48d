"""Demo data of this app, called by `garda seed_demo` (idempotent): programmes of the
accreditation list, a published S2 offer of APBD Provinsi and one izin belajar draft
offer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from garda.core.demo import DemoSeeded
from garda.core.models import Unit, User
from garda.studies.models import AccreditationGrade, AccreditedProgram, FundingSource
from garda.studies.services.offers import offer_create, offer_publish

PROGRAMS = [
    ("Universitas Jambi", "Magister Administrasi Publik", "S2", "unggul", False),
    ("Universitas Jambi", "Magister Manajemen", "S2", "baik-sekali", False),
    ("Universitas Jambi", "Ilmu Kesehatan Masyarakat", "S1", "unggul", False),
    ("Universitas Gadjah Mada", "Magister Kebijakan Publik", "S2", "unggul", False),
    ("Universitas Indonesia", "Doktor Ilmu Administrasi", "S3", "unggul", False),
    ("Universitas Batanghari", "Magister Hukum", "S2", "baik", False),
    ("Flinders University", "Master of Public Administration", "S2", "unggul", True),
]


@transaction.atomic
def _seed(admin: User) -> None:
    grades = dict(AccreditationGrade.objects.values_list("code", "pk"))
    for institution, name, level, grade, abroad in PROGRAMS:
        AccreditedProgram.objects.get_or_create(
            institution=institution,
            name=name,
            level=level,
            defaults={
                "grade_id": grades[grade],
                "abroad": abroad,
                "valid_until": dt.date(2030, 12, 31),
            },
        )
    today = timezone.localdate()
    bkd = Unit.objects.filter(code="15.BKD").first() or admin.unit
    if bkd is None:
        return
    offer = offer_create(
        actor=admin,
        owner_unit_id=bkd.pk,
        title=f"Tugas Belajar S2 APBD Provinsi {today.year}",
        year=today.year,
        kind="tugas",
        level="S2",
        funding_source_id=FundingSource.objects.get(code="apbd-provinsi").pk,
        field="Administrasi dan kebijakan publik",
        quota=10,
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=30),
        budget_per_person=Decimal("90000000"),
        target_programs="Magister Administrasi Publik; Magister Kebijakan Publik",
    )
    offer_publish(actor=admin, offer_id=offer.pk)
    offer_create(
        actor=admin,
        owner_unit_id=bkd.pk,
        title=f"Izin Belajar S1 {today.year}",
        year=today.year,
        kind="izin",
        level="S1",
        funding_source_id=FundingSource.objects.get(code="mandiri").pk,
        field="Kesehatan masyarakat",
        quota=25,
        opens_on=today,
        closes_on=today + dt.timedelta(days=60),
    )


def seed_demo(*, size: str) -> DemoSeeded:
    if AccreditedProgram.objects.exists():
        return DemoSeeded()
    admin = User.objects.filter(username="admin.provinsi").first()
    if admin is None:
        return DemoSeeded()
    _seed(admin)
    return DemoSeeded(created=True, summary="studi: 7 program studi, 2 penawaran")
