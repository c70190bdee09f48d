"""Checks a ticket must pass before it is issued, and the day counter every issue and call
of a poli queues on.

Issuing reads everything it decides on (poli, facility, the day's hours, closed dates,
holidays, service-time sample, open counters, queue length) in ONE query before it takes the
poli's day lock (`issue_facts`), so the lock is held only for the increment, the insert, the
audit entry and the event. None of those facts is cached between requests: an admin's change
is seen by the next booking, in every process."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from garda.core.calendar import NonWorkingDay, NonWorkingKind, closed_kind
from garda.core.codes import UNAMBIGUOUS, random_code
from garda.core.hotsql import hot_cursor
from garda.core.identity import (
    InvalidIdentityNumber,
    canonical_digits,
    check_card_number,
    check_nik,
)
from garda.queueing.errors import (
    DateOutsideHorizon,
    InvalidIdentity,
    PoliClosed,
    PoliNotBookable,
    QuotaFull,
)
from garda.queueing.eta import RECENT_DAYS, RECENT_SAMPLE
from garda.queueing.models import (
    ACTIVE_STATUSES,
    ONLINE_CHANNELS,
    WAITING_STATUSES,
    Channel,
    ClosedDate,
    Counter,
    DayCounter,
    Doctor,
    Facility,
    OpeningHours,
    Poli,
    Ticket,
    TicketStatus,
)

CODE_LENGTH = 8  # 40 bits, 32**8 codes
_PHONE = re.compile(r"^\+?\d{8,15}$")


def new_booking_code() -> str:
    return random_code(CODE_LENGTH, UNAMBIGUOUS)


def check_identity(*, channel: str, nik: str, card_number: str, phone: str) -> tuple[str, str, str]:
    """NIK, card number and phone in their canonical form (core.identity), or InvalidIdentity:
    the same number typed in other digits or with separators is the same person."""
    try:
        nik = check_nik(nik) if canonical_digits(nik) else ""
        card_number = check_card_number(card_number) if canonical_digits(card_number) else ""
    except InvalidIdentityNumber as error:
        raise InvalidIdentity(error.message_id, error.message_en) from error
    phone = canonical_digits(phone)
    if phone and not _PHONE.match(phone):
        raise InvalidIdentity("Nomor HP tidak valid.", "The phone number is not valid.")
    if channel in ONLINE_CHANNELS and not (nik or card_number):
        raise InvalidIdentity("Isi NIK atau nomor kartu BPJS.", "Give a NIK or a BPJS card number.")
    return nik, card_number, phone


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


@dataclass(frozen=True)
class IssueFacts:
    """What `ticket_issue` decides on, read in one query before it locks the day."""

    day: dt.date
    poli_id: int
    facility_id: int
    poli_active: bool
    poli_bookable: bool  # takes online bookings (the apotek is reached by transfer only)
    poli_name: str
    prefix: str
    bpjs_code: str
    quota_online: int
    quota_onsite: int
    default_service_minutes: int
    facility_active: bool
    facility_code: str
    facility_name: str
    booking_horizon_days: int
    opens: dt.time | None  # the weekday's hours; None: no hours that weekday
    closes: dt.time | None
    closed_date: bool  # one of the facility's closed dates
    calendar_year_kept: bool  # core's calendar holds this year (else the holidays package)
    calendar_kind: str  # core's calendar's kind for the day, "" if none
    doctor_ok: bool  # the doctor asked for practises in this poli (True when none asked)
    open_counters: int
    sample_size: int  # finished tickets in the service-time sample
    sample_mean_seconds: float | None
    waiting: int  # waiting tickets a new number would have behind it, when read (a late
    # arrival slotted beyond the next number is not ahead of it)
    last_number: int  # the day counter when read (0 before the day's first ticket)
    last_called: int | None  # number of the last called ticket of the day

    @property
    def is_open(self) -> bool:
        """Open that day: weekday hours, not a closed date, not a national holiday."""
        if self.opens is None or self.closed_date:
            return False
        kind = closed_kind(
            self.day, year_kept=self.calendar_year_kept, kept_kind=self.calendar_kind
        )
        return kind != NonWorkingKind.LIBUR_NASIONAL


def _table(model: type[object]) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def _seconds_sql(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"  # SQLite


def _as_time(value: object) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def issue_facts(
    *, poli_id: int, service_date: dt.date, doctor_id: int | None = None
) -> IssueFacts | None:
    """One query, no lock: the poli and its facility, the day's opening hours, closed date and
    calendar entries, whether the doctor practises there, and what the estimate needs (open
    counters, the service-time sample, the queue length, the counter, the last call)."""
    ops = connection.ops
    day = ops.adapt_datefield_value(service_date)
    since = ops.adapt_datefield_value(timezone.localdate() - dt.timedelta(days=RECENT_DAYS))
    year_start = ops.adapt_datefield_value(dt.date(service_date.year, 1, 1))
    year_end = ops.adapt_datefield_value(dt.date(service_date.year, 12, 31))
    ticket = _table(Ticket)
    waiting = ", ".join(["%s"] * len(WAITING_STATUSES))
    sql = f"""
        SELECT p.id, p.facility_id, p.is_active, p.name, p.prefix, p.bpjs_code,
               p.quota_online, p.quota_onsite, p.default_service_minutes, p.bookable,
               f.is_active, f.code, f.name, f.booking_horizon_days, h.opens, h.closes,
               EXISTS (SELECT 1 FROM {_table(ClosedDate)} c
                       WHERE c.facility_id = p.facility_id AND c.date = %s),
               EXISTS (SELECT 1 FROM {_table(NonWorkingDay)} n
                       WHERE n.date >= %s AND n.date <= %s),
               (SELECT n.kind FROM {_table(NonWorkingDay)} n WHERE n.date = %s),
               CAST(%s AS bigint) IS NULL OR EXISTS (SELECT 1 FROM {_table(Doctor)} d
                                     WHERE d.id = %s AND d.poli_id = p.id),
               (SELECT COUNT(*) FROM {_table(Counter)} k WHERE k.poli_id = p.id AND k.is_open),
               s.n, s.seconds,
               (SELECT COUNT(*) FROM {ticket} w WHERE w.poli_id = p.id AND w.service_date = %s
                AND w.status IN ({waiting}) AND w.line_number <= 1 + COALESCE(
                    (SELECT dw.last_number FROM {_table(DayCounter)} dw
                     WHERE dw.poli_id = p.id AND dw.service_date = %s), 0)),
               (SELECT dc.last_number FROM {_table(DayCounter)} dc
                WHERE dc.poli_id = p.id AND dc.service_date = %s),
               (SELECT lc.number FROM {ticket} lc WHERE lc.poli_id = p.id
                AND lc.service_date = %s AND lc.called_at IS NOT NULL
                ORDER BY lc.called_at DESC, lc.number DESC LIMIT 1)
        FROM {_table(Poli)} p
        JOIN {_table(Facility)} f ON f.id = p.facility_id
        LEFT JOIN {_table(OpeningHours)} h ON h.facility_id = p.facility_id AND h.weekday = %s
        CROSS JOIN (
            SELECT COUNT(*) AS n, AVG(r.seconds) AS seconds FROM (
                SELECT {_seconds_sql("t.done_at", "t.called_at")} AS seconds FROM {ticket} t
                WHERE t.poli_id = %s AND t.status = %s AND t.service_date >= %s
                AND t.called_at IS NOT NULL ORDER BY t.done_at DESC LIMIT {RECENT_SAMPLE}
            ) r
        ) s
        WHERE p.id = %s
    """  # noqa: S608  # names come from the models, values are parameters
    params = [
        day, year_start, year_end, day, doctor_id, doctor_id, day, *WAITING_STATUSES, day,
        day, day, service_date.weekday(), poli_id, TicketStatus.DONE, since, poli_id,
    ]  # fmt: skip
    with hot_cursor() as cursor:  # prepared on PostgreSQL: its plan cost more than its run
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    return IssueFacts(
        day=service_date, poli_id=row[0], facility_id=row[1], poli_active=bool(row[2]),
        poli_name=row[3], prefix=row[4], bpjs_code=row[5], quota_online=row[6], quota_onsite=row[7],
        default_service_minutes=row[8], poli_bookable=bool(row[9]), facility_active=bool(row[10]),
        facility_code=row[11], facility_name=row[12], booking_horizon_days=row[13],
        opens=_as_time(row[14]), closes=_as_time(row[15]), closed_date=bool(row[16]),
        calendar_year_kept=bool(row[17]), calendar_kind=row[18] or "", doctor_ok=bool(row[19]),
        open_counters=int(row[20] or 0), sample_size=int(row[21] or 0),
        sample_mean_seconds=None if row[22] is None else float(row[22]),
        waiting=int(row[23] or 0), last_number=int(row[24] or 0), last_called=row[25],
    )  # fmt: skip


def check_bookable(*, bookable: bool, channel: str) -> None:
    """The one rule on which polis take online bookings: a poli whose `bookable` is off
    (the apotek, reached by transfer) refuses every online channel — the booking page, the
    booking API and Mobile JKN, all of which issue through `ticket_take` — while the kiosk
    and the staff still issue tickets to it."""
    if channel in ONLINE_CHANNELS and not bookable:
        raise PoliNotBookable


def check_day(facts: IssueFacts, *, channel: str) -> None:
    """The date rules (past, horizon, opening hours, closed dates, holidays) on facts already
    read: no query."""
    service_date = facts.day
    today = timezone.localdate()
    if service_date < today:
        raise DateOutsideHorizon(
            "Tanggal periksa tidak boleh tanggal yang sudah lewat.",
            "The service date is in the past.",
        )
    if channel in ONLINE_CHANNELS:
        horizon = facts.booking_horizon_days
        if service_date > today + dt.timedelta(days=horizon):
            raise DateOutsideHorizon(
                f"Pendaftaran hanya dapat dilakukan paling lama {horizon} hari ke depan.",
                f"Bookings are open at most {horizon} days ahead.",
            )
    elif service_date != today:
        raise DateOutsideHorizon(
            "Antrean di tempat hanya untuk hari ini.", "On-site tickets are for today only."
        )
    if not facts.is_open or not facts.poli_active:
        raise PoliClosed(
            f"{facts.poli_name} tidak buka pada tanggal tersebut.", "The poli is closed that day."
        )
    closes = facts.closes
    if (
        service_date == today
        and channel != Channel.STAFF
        and closes is not None
        and timezone.localtime().time() >= closes
    ):
        raise PoliClosed(
            f"Pendaftaran {facts.poli_name} hari ini sudah ditutup.",
            "Registration for today has closed.",
        )


def next_number(poli_id: int, service_date: dt.date) -> int:
    """Take the day's next number: one statement creates the day's row or increments it and
    keeps it locked until the transaction ends (UPDATE ... RETURNING on PostgreSQL and
    SQLite >= 3.35; elsewhere the row is locked, read and written back)."""
    if connection.vendor in {"postgresql", "sqlite"}:
        table = _table(DayCounter)
        with hot_cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (poli_id, service_date, last_number) VALUES (%s, %s, 1) "  # noqa: S608
                f"ON CONFLICT (poli_id, service_date) DO UPDATE "
                f"SET last_number = {table}.last_number + 1 RETURNING last_number",
                [poli_id, connection.ops.adapt_datefield_value(service_date)],
            )
            row = cursor.fetchone()
        return int(row[0])
    day = lock_day(poli_id, service_date)
    day.last_number += 1
    day.save(update_fields=["last_number"])
    return day.last_number


def quota_taken(poli_id: int, service_date: dt.date, channel: str) -> int:
    """Tickets of the channel's group (online, or on site) that day, cancelled ones not
    counted."""
    online = channel in ONLINE_CHANNELS
    return (
        Ticket.objects.filter(poli_id=poli_id, service_date=service_date)
        .exclude(status=TicketStatus.CANCELLED)
        .filter(channel__in=ONLINE_CHANNELS if online else [Channel.KIOSK, Channel.STAFF])
        .count()
    )


def check_quota_for(facts: IssueFacts, number: int, channel: str) -> None:
    """Inside the lock, with the number just taken. Every ticket of the day holds one of the
    numbers 1 .. number - 1, so while that is below the quota nothing needs counting; only
    past it are the group's tickets counted (a few dozen rows at most)."""
    online = channel in ONLINE_CHANNELS
    quota = facts.quota_online if online else facts.quota_onsite
    if number - 1 < quota:
        return
    if quota_taken(facts.poli_id, facts.day, channel) >= quota:
        raise QuotaFull(
            f"Kuota {'daring' if online else 'di tempat'} {facts.poli_name} sudah penuh.",
            "The poli's quota for that date is full.",
        )
