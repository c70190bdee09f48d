"""Demo data of this app, called by `garda seed_demo` after the queue's own demo (idempotent):
Mobile JKN credentials `mobilejkn` / `demo-mobilejkn` for DEMO01 and a few registered
participants, so the bridge can be tried with curl at once (see docs/mobilejkn.md)."""

from __future__ import annotations

import datetime as dt

from garda.core.demo import DemoSeeded
from garda.core.identity import make_nik
from garda.queueing.mobilejkn.models import FacilityBridge, Patient
from garda.queueing.mobilejkn.services import bridge_set_credentials
from garda.queueing.models import Facility

DEMO_FACILITY = "DEMO01"
DEMO_USERNAME = "mobilejkn"
DEMO_PASSWORD = "demo-mobilejkn"  # noqa: S105  # published demo credentials, like the accounts'
DEMO_PATIENTS = 20


def demo_card(i: int) -> str:
    """Demo BPJS card numbers: 13 digits, starting 0009 so they never look like real ones."""
    return f"0009{i:09d}"


def seed_demo_once(*, size: str) -> None:
    facility = Facility.objects.filter(code=DEMO_FACILITY).first()
    if facility is None:
        return  # the queue's demo did not run (or changed its code): nothing to bridge
    if not FacilityBridge.objects.filter(facility=facility).exists():
        bridge_set_credentials(
            actor=None, facility_id=facility.pk, username=DEMO_USERNAME, password=DEMO_PASSWORD
        )
    if Patient.objects.filter(facility=facility).exists():
        return
    Patient.objects.bulk_create(
        Patient(
            facility=facility,
            card_number=demo_card(i),
            nik=make_nik(i),
            family_card=make_nik(i + 5000),
            name=f"Peserta Demo {i}",
            sex="P" if i % 2 else "L",
            birth_date=dt.date(1960 + i % 50, 1 + i % 12, 1 + i % 28),
            address="Jl. Demo, Kota Jambi",
            region={
                "kodeprop": "15",
                "namaprop": "JAMBI",
                "kodedati2": "1571",
                "namadati2": "KOTA JAMBI",
            },
            rt="001",
            rw="001",
        )
        for i in range(1, DEMO_PATIENTS + 1)
    )


def seed_demo(*, size: str) -> DemoSeeded:
    seed_demo_once(size=size)
    return DemoSeeded()
