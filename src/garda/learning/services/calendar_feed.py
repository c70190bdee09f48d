"""The per-user training calendar (ICS, RFC 5545): a secret URL a calendar app subscribes
to, listing the sessions of the batches the user is registered for."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.codes import random_token
from garda.core.models import User
from garda.learning.models import CalendarToken, EnrollmentStatus, Session

FEED_STATUSES = (EnrollmentStatus.PENDING, EnrollmentStatus.APPROVED, EnrollmentStatus.COMPLETED,
                 EnrollmentStatus.NOT_COMPLETED)  # fmt: skip


@transaction.atomic
def token_rotate(*, user: User) -> CalendarToken:
    CalendarToken.objects.filter(user=user).delete()
    token = CalendarToken.objects.create(user=user, token=random_token(32))
    audit_record(actor=user, action="learning.calendar.rotate", target=user)
    return token


def token_for(*, user: User) -> CalendarToken:
    existing = CalendarToken.objects.filter(user=user).first()
    if existing is not None:
        return existing
    try:
        return token_rotate(user=user)
    except IntegrityError:  # two first visits at once
        return CalendarToken.objects.get(user=user)


def feed_path(*, user: User) -> str:
    return reverse("learning:calendar_ics", args=[token_for(user=user).token])


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts: list[str] = []
    start = 0
    while start < len(data):
        end = min(start + (75 if not parts else 74), len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # do not split a character
            end -= 1
        parts.append(data[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def feed_for_token(*, token: str) -> str | None:
    row = CalendarToken.objects.filter(token=token).select_related("user").first()
    if row is None or not row.user.is_active:
        return None
    sessions = (
        Session.objects.filter(
            batch__enrollments__employee__user=row.user,
            batch__enrollments__status__in=FEED_STATUSES,
        )
        .select_related("batch__program")
        .distinct()
        .order_by("starts_at")
    )
    host = str(settings.SITE_URL).split("://")[-1].strip("/") or "garda"
    now = _stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Garda Jambi//Pelatihan//ID",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Pelatihan Saya (Garda)",
        "X-WR-TIMEZONE:Asia/Jakarta",
    ]  # fmt: skip
    for session in sessions:
        batch = session.batch
        lines += [
            "BEGIN:VEVENT",
            f"UID:learning-session-{session.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(session.starts_at)}",
            f"DTEND:{_stamp(session.ends_at)}",
            "SUMMARY:" + _escape(f"{batch.program.title}: {session.title}"),
            "LOCATION:" + _escape(session.place or batch.place or batch.online_link),
            "DESCRIPTION:" + _escape(f"{batch.name}. Pengajar: {session.instructor or '-'}"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
