"""The demo Garda that `make run` starts with: a slice of the Jambi unit tree and one account
per role. Every write goes through the services, so the demo's audit log is a real one.

`garda seed_demo` seeds app by app in INSTALLED_APPS order: each app that has demo data keeps
a `demo` module with `seed_demo(*, size) -> DemoSeeded`, found by `demo_seeders()`, so core
seeds the floor (units, accounts) and knows nothing of the apps above it."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction

from garda.core.models import Unit, UnitKind, User
from garda.core.org.services import unit_create
from garda.core.roles import Role
from garda.core.services import user_create

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
    DemoAccount("asesor.demo", Role.ASESOR, "15.BKD", "Lestari Wulandari"),
]


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


@dataclass(frozen=True)
class DemoSeeded:
    """What one app's seeder did: whether it wrote anything, and a line for the summary."""

    created: bool = False
    summary: str = ""


DemoSeeder = Callable[..., DemoSeeded]


def demo_seeders() -> Iterator[tuple[str, DemoSeeder]]:
    """(app label, seeder) for every installed app with a `demo.seed_demo`, in
    INSTALLED_APPS order, which is the order the layers build on each other."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is None:
            continue
        seeder = getattr(importlib.import_module(name), "seed_demo", None)
        if callable(seeder):
            yield config.label, seeder


def seed_demo(*, size: str) -> DemoSeeded:
    """Core's part: the demo units and one account per role."""
    return DemoSeeded(created=seed_demo_base())
