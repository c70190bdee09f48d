"""Checks a ticket must pass before it is issued, and the day counter every issue and call
of a poli queues on."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.utils import timezone

from garda.queueing.errors import (
    DateOutsideHorizon,
    InvalidIdentity,
    PoliClosed,
    QuotaFull,
)
from garda.queueing.models import (
    ACTIVE_STATUSES,
    ONLINE_CHANNELS,
    Channel,
    DayCounter,
    OpeningHours,
    Poli,
    Ticket,
    TicketStatus,
)
from garda.queueing.schedule import hours_on

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed
CODE_LENGTH = 8
_NIK = re.compile(r"^\d{16}$")
_CARD = re.compile(r"^\d{13}$")
_PHONE = re.compile(r"^\+?\d{8,15}$")


def new_booking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def digits(value: str) -> str:
    return re.sub(r"[\s.-]", "", value or "")


def check_identity(*, channel: str, nik: str, card_number: str, phone: str) -> None:
    if nik and not _NIK.match(nik):
        raise InvalidIdentity("NIK harus 16 digit angka.", "The NIK must be 16 digits.")
    if card_number and not _CARD.match(card_number):
        raise InvalidIdentity(
            "Nomor kartu BPJS harus 13 digit angka.", "The BPJS card number must be 13 digits."
        )
    if phone and not _PHONE.match(phone):
        raise InvalidIdentity("Nomor HP tidak valid.", "The phone number is not valid.")
    if channel in ONLINE_CHANNELS and not (nik or card_number):
        raise InvalidIdentity("Isi NIK atau nomor kartu BPJS.", "Give a NIK or a BPJS card number.")


def check_date(*, poli: Poli, service_date: dt.date, channel: str) -> OpeningHours:
    """The day's hours when the poli takes this booking; raises otherwise."""
    today = timezone.localdate()
    if service_date < today:
        raise DateOutsideHorizon(
            "Tanggal periksa tidak boleh tanggal yang sudah lewat.",
            "The service date is in the past.",
        )
    if channel in ONLINE_CHANNELS:
        horizon = poli.facility.booking_horizon_days
        if service_date > today + dt.timedelta(days=horizon):
            raise DateOutsideHorizon(
                f"Pendaftaran hanya dapat dilakukan paling lama {horizon} hari ke depan.",
                f"Bookings are open at most {horizon} days ahead.",
            )
    elif service_date != today:
        raise DateOutsideHorizon(
            "Antrean di tempat hanya untuk hari ini.", "On-site tickets are for today only."
        )
    hours = hours_on(poli.facility_id, service_date)
    if hours is None or not poli.is_active:
        raise PoliClosed(
            f"{poli.name} tidak buka pada tanggal tersebut.", "The poli is closed that day."
        )
    if service_date == today and channel != Channel.STAFF:
        now = timezone.localtime().time()
        if now >= hours.closes:
            raise PoliClosed(
                f"Pendaftaran {poli.name} hari ini sudah ditutup.",
                "Registration for today has closed.",
            )
    return hours


def lock_day(poli_id: int, service_date: dt.date) -> DayCounter:
    # Create the row if this is the day's first ticket; a concurrent creator makes ours a
    # no-op. Then lock it: everything else issuing in this poli and day waits here.
    DayCounter.objects.bulk_create(
        [DayCounter(poli_id=poli_id, service_date=service_date)], ignore_conflicts=True
    )
    return DayCounter.objects.select_for_update().get(poli_id=poli_id, service_date=service_date)


def holds_a_place(poli_id: int, service_date: dt.date, *, nik: str, card_number: str) -> bool:
    tickets = Ticket.objects.filter(
        poli_id=poli_id, service_date=service_date, status__in=ACTIVE_STATUSES
    )
    if card_number and tickets.filter(card_number=card_number).exists():
        return True
    return bool(nik and tickets.filter(nik=nik).exists())


def check_quota(poli: Poli, service_date: dt.date, channel: str) -> None:
    online = channel in ONLINE_CHANNELS
    quota = poli.quota_online if online else poli.quota_onsite
    taken = (
        Ticket.objects.filter(poli=poli, service_date=service_date)
        .exclude(status=TicketStatus.CANCELLED)
        .filter(channel__in=ONLINE_CHANNELS if online else [Channel.KIOSK, Channel.STAFF])
        .count()
    )
    if taken >= quota:
        raise QuotaFull(
            f"Kuota {'daring' if online else 'di tempat'} {poli.name} sudah penuh.",
            "The poli's quota for that date is full.",
        )
