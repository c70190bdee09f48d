"""The demo Garda that `make run` starts with: a slice of the Jambi unit tree and one account
per role. Every write goes through the services, so the demo's audit log is a real one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from garda.core.models import User
from garda.core.roles import Role
from garda.core.services import user_create
from garda.people.models import Unit, UnitKind
from garda.people.services import unit_create

DEMO_PASSWORD = "garda-demo-2026"  # noqa: S105  # published demo password, printed by `make run`

# (code, name, kind, parent code)
DEMO_UNITS: list[tuple[str, str, str, str | None]] = [
    # The instansi and OPD come from migration people.0002; these hang below them.
    ("15.BPSDM.PKM", "Bidang Pengembangan Kompetensi Manajerial", UnitKind.BIDANG, "15.BPSDM"),
    ("15.71.DINKES.PKM-PUTRIAYU", "Puskesmas Putri Ayu", UnitKind.PUSKESMAS, "15.71.DINKES"),
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
    DemoAccount("admin.kota", Role.ADMIN_INSTANSI, "15.71", "Siti Aminah"),
    DemoAccount("admin.bpsdm", Role.ADMIN_OPD, "15.BPSDM", "Dedi Kurniawan"),
    DemoAccount("atasan.demo", Role.ATASAN, "15.BPSDM.PKM", "Yusuf Maulana"),
    DemoAccount("asn.demo", Role.ASN, "15.BPSDM.PKM", "Nurul Fitriani", "199003152015032001"),
    DemoAccount("petugas.demo", Role.PETUGAS_FASKES, "15.71.DINKES.PKM-PUTRIAYU", "Rina Marlina"),
    DemoAccount("ppid.demo", Role.PPID, "15.KOMINFO", "Hendra Saputra"),
    DemoAccount("auditor.demo", Role.AUDITOR, "15", "Fauzan Akbar"),
]


@transaction.atomic
def seed_demo_people() -> None:
    """The demo ASN and atasan get employee records; the atasan heads the ASN's bidang."""
    from garda.people.models import Employee, EmployeeKind, Gender, Golongan, JabatanKind
    from garda.people.services import employee_create, unit_set_head

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


@transaction.atomic
def seed_demo_base() -> bool:
    """Create the demo units and accounts once; returns False when they were already there."""
    if User.objects.filter(username=DEMO_ACCOUNTS[0].username).exists():
        return False
    units: dict[str, Unit] = {u.code: u for u in Unit.objects.all()}
    for code, name, kind, parent_code in DEMO_UNITS:
        if code not in units:
            units[code] = unit_create(
                actor=None,
                code=code,
                name=name,
                kind=kind,
                parent=units[parent_code] if parent_code else None,
            )
    hashed = make_password(DEMO_PASSWORD)
    for account in DEMO_ACCOUNTS:
        first, _, last = account.name.partition(" ")
        user_create(
            actor=None,
            username=account.username,
            password=hashed,
            password_is_hashed=True,
            role=account.role,
            first_name=first,
            last_name=last,
            email=f"{account.username}@demo.garda.id",
            unit_id=units[account.unit_code].pk,
            nip=account.nip,
        )
    return True
