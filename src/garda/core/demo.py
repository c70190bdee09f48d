"""The demo Garda that `make run` starts with: a slice of the Jambi unit tree and one account
per role. Every write goes through the services, so the demo's audit log is a real one."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from garda.core.models import User
from garda.core.roles import Role
from garda.core.services import user_create
from garda.people.models import Unit, UnitKind
from garda.people.services import unit_create

DEMO_PASSWORD = "garda-demo-2026"  # noqa: S105  # published demo password, printed by `make run`

# (code, name, kind, parent code)
DEMO_UNITS: list[tuple[str, str, str, str | None]] = [
    ("15", "Pemerintah Provinsi Jambi", UnitKind.INSTANSI, None),
    ("15.BPSDM", "Badan Pengembangan Sumber Daya Manusia", UnitKind.OPD, "15"),
    ("15.BPSDM.PKM", "Bidang Pengembangan Kompetensi Manajerial", UnitKind.BIDANG, "15.BPSDM"),
    ("15.BKD", "Badan Kepegawaian Daerah", UnitKind.OPD, "15"),
    ("15.DINKES", "Dinas Kesehatan", UnitKind.OPD, "15"),
    ("15.KOMINFO", "Dinas Komunikasi dan Informatika", UnitKind.OPD, "15"),
    ("1571", "Pemerintah Kota Jambi", UnitKind.INSTANSI, None),
    ("1571.DINKES", "Dinas Kesehatan Kota Jambi", UnitKind.OPD, "1571"),
    ("1571.DINKES.PKM-PUTRIAYU", "Puskesmas Putri Ayu", UnitKind.PUSKESMAS, "1571.DINKES"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit_code: str
    name: str
    nip: str | None = None


DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount("admin.provinsi", Role.ADMIN_PROVINSI, "15.BKD", "Rahmat Hidayat"),
    DemoAccount("admin.kota", Role.ADMIN_INSTANSI, "1571", "Siti Aminah"),
    DemoAccount("admin.bpsdm", Role.ADMIN_OPD, "15.BPSDM", "Dedi Kurniawan"),
    DemoAccount("atasan.demo", Role.ATASAN, "15.BPSDM.PKM", "Yusuf Maulana"),
    DemoAccount("asn.demo", Role.ASN, "15.BPSDM.PKM", "Nurul Fitriani", "199003152015032001"),
    DemoAccount("petugas.demo", Role.PETUGAS_FASKES, "1571.DINKES.PKM-PUTRIAYU", "Rina Marlina"),
    DemoAccount("ppid.demo", Role.PPID, "15.KOMINFO", "Hendra Saputra"),
    DemoAccount("auditor.demo", Role.AUDITOR, "15", "Fauzan Akbar"),
]


@transaction.atomic
def seed_demo_base() -> bool:
    """Create the demo units and accounts once; returns False when they were already there."""
    if User.objects.filter(username=DEMO_ACCOUNTS[0].username).exists():
        return False
    units: dict[str, Unit] = {}
    for code, name, kind, parent_code in DEMO_UNITS:
        existing = Unit.objects.filter(code=code).first()
        units[code] = existing or unit_create(
            actor=None,
            code=code,
            name=name,
            kind=kind,
            parent=units[parent_code] if parent_code else None,
        )
    for account in DEMO_ACCOUNTS:
        first, _, last = account.name.partition(" ")
        user_create(
            actor=None,
            username=account.username,
            password=DEMO_PASSWORD,
            role=account.role,
            first_name=first,
            last_name=last,
            email=f"{account.username}@demo.garda.id",
            unit_id=units[account.unit_code].pk,
            nip=account.nip,
        )
    return True
