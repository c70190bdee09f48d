"""Demo data of this app, called by `garda seed_demo` (idempotent).

`Puskesmas Demo` (DEMO01) hangs on the unit of the demo petugas (Puskesmas Putri Ayu's unit
in Kota Jambi), so `petugas.demo` runs its console. Its past days are written as plain rows
with the times they would have had (services stamp "now" and cannot backdate); today holds
the morning so far (seed_today), so a demo shows a queue at work. `size="jambi"` adds the
province's 208 puskesmas with their polis, real names where the domain notes list them."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from garda.core.demo import DemoSeeded
from garda.core.identity import make_nik
from garda.core.models import Unit
from garda.queueing.models import (
    Channel,
    Counter,
    DayCounter,
    Doctor,
    Facility,
    NotificationRule,
    OpeningHours,
    Poli,
    Ticket,
    TicketStatus,
)
from garda.queueing.schedule import local_datetime

DEMO_CODE = "DEMO01"
DEMO_UNIT = "15.71.DINKES.PKM-PUTRIAYU"
HISTORY_DAYS = 6  # opening days before today

# (bpjs code, name, prefix, bookable, counters, doctors [(code, name)], patients a day)
DEMO_POLIS = [
    ("001", "Poli Umum", "A", True, ["Ruang Umum 1", "Ruang Umum 2"],
     [(1001, "dr. Andi Pratama"), (1002, "dr. Maya Sari")], 45),
    ("002", "Poli Gigi & Mulut", "B", True, ["Ruang Gigi"], [(2001, "drg. Fitri Handayani")], 12),
    ("003", "Poli KIA", "C", True, ["Ruang KIA"], [(3001, "dr. Rahma Yuliani, Sp.OG")], 18),
    ("APT", "Apotek", "F", False, ["Loket Apotek"], [], 0),
]  # fmt: skip

FIRST = [
    "Siti",
    "Nur",
    "Ahmad",
    "Muhammad",
    "Dewi",
    "Rahmat",
    "Fitri",
    "Agus",
    "Sri",
    "Budi",
    "Yanti",
    "Hendra",
    "Rina",
    "Dedi",
    "Wati",
    "Fauzi",
    "Lestari",
    "Ilham",
    "Eka",
    "Putri",
]
LAST = ["Harahap", "Siregar", "Lubis", "Nasution", "Saputra", "Wijaya", "Hasibuan", "Rangkuti",
        "Marpaung", "Pohan", "Daulay", "Sitompul", "Kurniawan", "Hidayat", "Susanti"]  # fmt: skip

# Registration hours from the domain notes: Mon-Thu 08-12, Fri 08-11, Sat 08-12.30.
JAMBI_HOURS = {0: (8, 0, 12, 0), 1: (8, 0, 12, 0), 2: (8, 0, 12, 0), 3: (8, 0, 12, 0),
               4: (8, 0, 11, 0), 5: (8, 0, 12, 30)}  # fmt: skip

# kabupaten/kota unit code -> (how many puskesmas, names: the real ones first, then places)
JAMBI: dict[str, tuple[int, list[str]]] = {
    "15.01": (21, ["Siulak", "Sitinjau Laut", "Gunung Kerinci", "Kayu Aro", "Danau Kerinci",
                   "Air Hangat", "Gunung Raya", "Batang Merangin", "Keliling Danau", "Semurup",
                   "Sanggaran Agung", "Gunung Tujuh", "Depati VII", "Siulak Mukai"]),
    "15.02": (28, ["Bangko", "Tabir", "Pamenang", "Sungai Manau", "Jangkat", "Muara Siau",
                   "Lembah Masurai", "Nalo Tantan", "Rantau Panjang", "Tabir Selatan",
                   "Renah Pembarap", "Margo Tabir", "Pangkalan Jambu", "Tiang Pumpung"]),
    "15.03": (19, ["Sarolangun", "Pauh", "Mandiangin", "Singkut", "Pelawan", "Limun",
                   "Batang Asai", "Air Hitam", "Bathin VIII", "Cermin Nan Gedang"]),
    "15.04": (19, ["Teluk Leban", "Mersam", "Sungai Puar", "Sungai Rengas", "Durian Luncuk",
                   "Muara Tembesi", "Muara Bulian", "Pasar Terusan", "Tenam", "Jembatan Mas",
                   "Bajubang", "Pemayung", "Maro Sebo Ulu"]),
    "15.05": (22, ["Petaling Jaya", "Tempino", "Pondok Meja", "Sungai Bahar I", "Markanding",
                   "Muara Kumpeh", "Sengeti", "Jambi Kecil", "Kebon IX", "Sungai Gelam",
                   "Taman Rajo", "Talang Duku"]),
    "15.06": (17, ["Kuala Tungkal", "Betara", "Pengabuan", "Tungkal Ulu", "Merlung",
                   "Senyerang", "Bram Itam", "Teluk Nilau", "Batang Asam", "Renah Mendaluh"]),
    "15.07": (17, ["Muara Sabak", "Nipah Panjang", "Mendahara", "Rantau Rasau", "Dendang",
                   "Geragai", "Sadu", "Simpang Pandan", "Kuala Jambi", "Berbak"]),
    "15.08": (19, ["Muara Bungo", "Rantau Pandan", "Tanah Tumbuh", "Jujuhan", "Pelepat",
                   "Limbur Lubuk Mengkuang", "Babeko", "Kuamang Kuning", "Rantau Keloyang",
                   "Sungai Binjai"]),
    "15.09": (19, ["Muara Tebo", "Rimbo Bujang", "Tebo Ilir", "Tebo Tengah", "Sumay",
                   "Tengah Ilir", "VII Koto", "Wirotho Agung", "Sungai Bengkal", "Pulau Temiang"]),
    "15.71": (20, ["Simpang Kawat", "Payo Selincah", "Olak Kemang", "Paal Merah I",
                   "Kebun Handil", "Talang Banjar", "Tahtul Yaman", "Pakuan Baru", "Aur Duri",
                   "Koni", "Rawasari", "Kenali Besar", "Paal V", "Paal X", "Tanjung Pinang",
                   "Simpang IV Sipin", "Talang Bakung", "Putri Ayu II", "Paal Merah II"]),
    "15.72": (7, ["Sungai Penuh", "Kumun Debai", "Pondok Tinggi", "Hamparan Rawang",
                  "Tanah Kampung", "Koto Baru"]),
}  # fmt: skip


def seed_demo_once(*, size: str) -> None:
    facility = seed_demo_facility()
    if not Ticket.objects.filter(facility=facility).exists():
        seed_history(facility, days=HISTORY_DAYS, rng=random.Random(20261128))  # noqa: S311
        seed_today(facility, rng=random.Random(20261207))  # noqa: S311
    if size == "jambi":
        seed_jambi()


def _hours(facility: Facility, hours: dict[int, tuple[int, int, int, int]]) -> None:
    OpeningHours.objects.bulk_create(
        [
            OpeningHours(facility=facility, weekday=day, opens=dt.time(a, b), closes=dt.time(c, d))
            for day, (a, b, c, d) in hours.items()
        ]
    )


@transaction.atomic
def seed_demo_facility() -> Facility:
    existing = Facility.objects.filter(code=DEMO_CODE).first()
    if existing is not None:
        return existing
    facility = Facility.objects.create(
        code=DEMO_CODE,
        name="Puskesmas Demo",
        kabupaten=Unit.objects.get(code="15.71"),
        unit=Unit.objects.filter(code=DEMO_UNIT).first(),
        address="Jl. Kapten Pattimura No. 1, Kota Jambi",
        booking_horizon_days=7,
        priority_every=3,
    )
    _hours(facility, dict.fromkeys(range(6), (7, 30, 14, 0)))
    NotificationRule.objects.create(facility=facility, people_ahead=3, minutes_before=15)
    for code, name, prefix, bookable, counters, doctors, _daily in DEMO_POLIS:
        poli = Poli.objects.create(
            facility=facility, bpjs_code=code, name=name, prefix=prefix, bookable=bookable,
            quota_online=60, quota_onsite=80, default_service_minutes=4 if code == "APT" else 8,
        )  # fmt: skip
        for counter in counters:
            Counter.objects.create(poli=poli, name=counter)
        for doctor_code, doctor_name in doctors:
            Doctor.objects.create(poli=poli, bpjs_code=doctor_code, name=doctor_name)
    return facility


def _opening_days_before(today: dt.date, days: int) -> list[dt.date]:
    found: list[dt.date] = []
    day = today
    while len(found) < days:
        day -= dt.timedelta(days=1)
        if day.weekday() < 6:
            found.append(day)
    return sorted(found)


def _person(rng: random.Random, n: int) -> dict[str, str]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return {
        "name": name,
        "nik": make_nik(n, region=f"1571{rng.randint(1, 11):02d}"),
        "card_number": f"000{rng.randint(1000000000, 9999999999)}" if rng.random() < 0.8 else "",
        "phone": f"08{rng.randint(1100000000, 1399999999)}" if rng.random() < 0.7 else "",
    }


def seed_history(
    facility: Facility,
    *,
    days: int,
    rng: random.Random,
    dates: list[dt.date] | None = None,
    now: dt.datetime | None = None,
    serial: int = 0,
) -> int:
    """Past days through the whole lifecycle with plausible times: walk-ins arrive early and
    wait in line, online bookings arrive near their estimate, 12% of them never come; service
    times vary around each poli's mean; some Poli Umum patients go on to the apotek.

    With `dates` and `now` (today's traffic), each ticket stands where it would at `now`:
    served, being served, called, waiting in the room, or booked and not yet come."""
    today = timezone.localdate()
    polis = {p.bpjs_code: p for p in facility.polis.all()}
    apotek = polis.get("APT")
    tickets: list[Ticket] = []
    counters: dict[tuple[int, dt.date], int] = {}
    for day in dates if dates is not None else _opening_days_before(today, days):
        busy = 1.25 if day.weekday() in (0, 3) else 1.0  # Monday and Thursday are busiest
        opens = local_datetime(day, dt.time(7, 30))
        pharmacy_free = opens
        for code, *_rest, daily in DEMO_POLIS:
            if not daily:
                continue
            poli = polis[code]
            counter_rows = list(poli.counters.order_by("name"))
            mean = {"001": 9.0, "002": 15.0, "003": 11.0}[code]
            arrivals = []
            for _i in range(int(daily * busy * rng.uniform(0.85, 1.15))):
                online = rng.random() < 0.55
                channel = (
                    rng.choice([Channel.WEB, Channel.MOBILEJKN]) if online
                    else rng.choice([Channel.KIOSK] * 9 + [Channel.STAFF])
                )  # fmt: skip
                minutes = rng.uniform(0, 270) if online else rng.triangular(0, 240, 10)
                arrivals.append((opens + dt.timedelta(minutes=minutes), online, channel))
            arrivals.sort(key=lambda item: item[0])
            free = [opens + dt.timedelta(minutes=rng.uniform(0, 20)) for _ in counter_rows]
            for number, (arrive, online, channel) in enumerate(arrivals, start=1):
                serial += 1
                booked_at = arrive - dt.timedelta(hours=rng.uniform(2, 40)) if online else arrive
                ticket = Ticket(
                    facility=facility, poli=poli, service_date=day, number=number,
                    line_number=number,
                    booking_code=f"D{serial:07d}", channel=channel,
                    priority=rng.choice(["lansia", "anak", "ibu_hamil", "disabilitas"])
                    if rng.random() < 0.15 else "",
                    complaint="" if rng.random() < 0.5 else "Demam dan batuk",
                    **_person(rng, serial),
                )  # fmt: skip
                ticket.created_at = booked_at
                if online and rng.random() < 0.12:
                    ticket.status = TicketStatus.NO_SHOW if rng.random() < 0.7 else (
                        TicketStatus.CANCELLED
                    )  # fmt: skip
                    if ticket.status == TicketStatus.CANCELLED:
                        ticket.cancelled_at = booked_at + dt.timedelta(hours=1)
                        ticket.cancel_reason = "Berhalangan"
                    else:
                        ticket.no_show_at = arrive + dt.timedelta(minutes=30)
                        ticket.called_at = ticket.no_show_at - dt.timedelta(minutes=3)
                        if now is not None and ticket.no_show_at > now:  # not missed yet
                            ticket.status = TicketStatus.BOOKED
                            ticket.no_show_at = ticket.called_at = None
                    tickets.append(ticket)
                    continue
                slot = min(range(len(free)), key=lambda i: free[i])
                called = max(arrive, free[slot]) + dt.timedelta(minutes=rng.uniform(0.3, 2))
                service = dt.timedelta(minutes=max(2.0, rng.gauss(mean, mean * 0.35)))
                ticket.status = TicketStatus.DONE
                ticket.checked_in_at = arrive
                ticket.called_at = called
                ticket.serving_at = called + dt.timedelta(minutes=rng.uniform(0.3, 1.5))
                ticket.done_at = ticket.serving_at + service
                ticket.counter = counter_rows[slot]
                error = dt.timedelta(minutes=rng.gauss(0, 9 if online else 14))
                ticket.eta_at_issue = called + error
                ticket.eta_at_checkin = called + error / 2
                free[slot] = ticket.done_at
                if now is not None and not _as_of(ticket, arrive=arrive, online=online, now=now):
                    continue  # a walk-in who has not come yet
                tickets.append(ticket)
                if ticket.status != TicketStatus.DONE:
                    continue
                if apotek is not None and code == "001" and rng.random() < 0.6:
                    serial += 1
                    key = (apotek.pk, day)
                    counters[key] = counters.get(key, 0) + 1
                    start = max(ticket.done_at, pharmacy_free) + dt.timedelta(minutes=1)
                    pharmacy_free = start + dt.timedelta(minutes=max(1.5, rng.gauss(4, 1.2)))
                    follow_up = Ticket(
                        facility=facility,
                        poli=apotek,
                        service_date=day,
                        number=counters[key],
                        line_number=counters[key],
                        booking_code=f"D{serial:07d}",
                        channel=Channel.STAFF,
                        status=TicketStatus.DONE,
                        priority=ticket.priority,
                        name=ticket.name,
                        nik=ticket.nik,
                        card_number=ticket.card_number,
                        phone=ticket.phone,
                        checked_in_at=ticket.done_at,
                        called_at=start,
                        serving_at=start,
                        done_at=pharmacy_free,
                        counter=apotek.counters.first(),
                        eta_at_issue=start,
                        eta_at_checkin=start,
                    )
                    if now is None or _as_of(
                        follow_up, arrive=follow_up.checked_in_at or start, online=False, now=now
                    ):
                        tickets.append(follow_up)
            if now is not None:
                _number_in_taking_order(
                    [t for t in tickets if t.poli_id == poli.pk and t.service_date == day]
                )
            # The day's last number given (today: walk-ins still to come have none yet).
            counters[(poli.pk, day)] = max(
                (t.number for t in tickets if t.poli_id == poli.pk and t.service_date == day),
                default=0,
            )
    with transaction.atomic():
        booking_times = [t.created_at or t.checked_in_at for t in tickets]
        Ticket.objects.bulk_create(tickets, batch_size=500)
        # bulk_create stamps created_at with now; the booking time is the history's.
        for ticket, when in zip(tickets, booking_times, strict=True):
            if when is not None:
                ticket.created_at = when
        Ticket.objects.bulk_update(tickets, ["created_at"], batch_size=500)
        DayCounter.objects.bulk_create(
            [
                DayCounter(poli_id=p, service_date=d, last_number=n)
                for (p, d), n in counters.items()
            ],
            ignore_conflicts=True,
        )
    return len(tickets)


def _number_in_taking_order(tickets: list[Ticket]) -> None:
    """Today's numbers as the queue gives them: 1, 2, 3 … in the order the tickets were taken
    (an online booking when booked, a walk-in on arrival), among the tickets that exist at
    `now`. Numbering every arrival of the day first and then leaving out the walk-ins still to
    come left gaps (a demo started before opening showed only 4, 6, 9 …)."""
    taken = sorted(tickets, key=lambda t: (t.created_at or t.checked_in_at, t.number))
    for number, ticket in enumerate(taken, start=1):
        ticket.number = ticket.line_number = number


def _as_of(ticket: Ticket, *, arrive: dt.datetime, online: bool, now: dt.datetime) -> bool:
    """Put a finished day's ticket where it stands at `now`; False when it does not exist yet
    (a walk-in takes a number on arrival)."""
    if ticket.done_at is None or ticket.serving_at is None or ticket.done_at <= now:
        return True
    ticket.done_at = None
    if ticket.serving_at <= now:
        ticket.status = TicketStatus.SERVING
        return True
    ticket.serving_at = None
    if ticket.called_at is not None and ticket.called_at <= now:
        ticket.status = TicketStatus.CALLED
        return True
    ticket.called_at = None
    ticket.counter = None
    if arrive <= now:
        ticket.status = TicketStatus.CHECKED_IN
        return True
    ticket.checked_in_at = None
    ticket.eta_at_checkin = None
    ticket.status = TicketStatus.BOOKED
    return online


def seed_today(facility: Facility, *, rng: random.Random) -> int:
    """Today's traffic as it stands when the demo is started: on an opening day, what has
    happened since 07.30 and who waits now; before opening, the online bookings."""
    today = timezone.localdate()
    if (
        today.weekday() >= 6
        or Ticket.objects.filter(facility=facility, service_date=today).exists()
    ):
        return 0
    return seed_history(
        facility, days=1, rng=rng, dates=[today], now=timezone.now(), serial=900_000
    )


ROMAN = ["I", "II", "III", "IV"]


def _numbered(place: str, round_: int) -> str:
    """The second puskesmas of a kecamatan is "II" (and "Sungai Bahar I" becomes "... II")."""
    if round_ == 0:
        return f"Puskesmas {place}"
    base = place[:-2] if place.endswith(" I") else place
    return f"Puskesmas {base} {ROMAN[round_]}"


@transaction.atomic
def seed_jambi() -> int:
    """The province's puskesmas (208) with polis 001/002/003 and one counter each."""
    if Facility.objects.filter(code__startswith="PKM").count() >= sum(n for n, _ in JAMBI.values()):
        return 0
    made = 0
    for kab_code, (count, places) in JAMBI.items():
        kabupaten = Unit.objects.get(code=kab_code)
        digits = kab_code.replace(".", "")
        for i in range(count):
            name = _numbered(places[i % len(places)], i // len(places))
            code = f"PKM{digits}{i + 1:02d}"
            facility, created = Facility.objects.get_or_create(
                code=code,
                defaults={"name": name, "kabupaten": kabupaten, "address": kabupaten.name},
            )
            if not created:
                continue
            made += 1
            _hours(facility, JAMBI_HOURS)
            polis = Poli.objects.bulk_create(
                [
                    Poli(facility=facility, bpjs_code=c, name=n, prefix=p)
                    for c, n, p, *_rest in DEMO_POLIS[:3]
                ]
            )
            Counter.objects.bulk_create([Counter(poli=p, name=f"Ruang {p.prefix}") for p in polis])
    return made


def seed_demo(*, size: str) -> DemoSeeded:
    seed_demo_once(size=size)
    return DemoSeeded()
