"""Attendance per session: the rotating QR, self check-in, manual marking and CSV import.

The QR holds a URL with the session id, a 30-second time slot and an HMAC of both (keyed by
SECRET_KEY). A photo of the screen passed around stops working within a minute (the current
and the previous slot are accepted, so a scan at the turn of a slot still succeeds), and
only while the session runs. Nothing is stored per slot: every process can check a code."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.errors import NotAllowed, NotFound, ValidationFailed
from garda.core.identity import InvalidIdentityNumber, check_asn_number
from garda.core.models import User
from garda.learning import policy
from garda.learning.models import (
    Attendance,
    AttendanceMethod,
    Enrollment,
    EnrollmentStatus,
    Session,
)

SLOT_SECONDS = 30
# A check-in is accepted from shortly before a session starts to its end.
EARLY_MINUTES = 15
PRESENT_STATUSES = (EnrollmentStatus.APPROVED, EnrollmentStatus.COMPLETED,
                    EnrollmentStatus.NOT_COMPLETED)  # fmt: skip


def current_slot(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // SLOT_SECONDS)


def slot_token(session_id: int, slot: int) -> str:
    message = f"learning-checkin:{session_id}:{slot}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return digest[:20]


def checkin_path(session_id: int, slot: int | None = None) -> str:
    slot = current_slot() if slot is None else slot
    return str(
        reverse(
            "learning:checkin",
            kwargs={"session_pk": session_id, "slot": slot, "token": slot_token(session_id, slot)},
        )
    )


def checkin_url(session_id: int, slot: int | None = None) -> str:
    return str(settings.SITE_URL).rstrip("/") + checkin_path(session_id, slot)


def session_is_running(session: Session, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return session.starts_at - dt.timedelta(minutes=EARLY_MINUTES) <= now <= session.ends_at


def _mark(*, session: Session, enrollment: Enrollment, method: str, actor: User) -> Attendance:
    existing = Attendance.objects.filter(session=session, enrollment=enrollment).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session, enrollment=enrollment, method=method, recorded_by=actor
            )
    except IntegrityError:  # the same person scanned twice at the same moment
        return Attendance.objects.get(session=session, enrollment=enrollment)
    audit_record(actor=actor, action=f"learning.attendance.{method}", target=attendance,
                 after={"session": session.pk, "enrollment": enrollment.pk})  # fmt: skip
    return attendance


@transaction.atomic
def attendance_checkin(
    *, actor: User, session_id: int, slot: int, token: str, now: float | None = None
) -> Attendance:
    """Self check-in from the scanned QR."""
    session = Session.objects.select_related("batch").filter(pk=session_id).first()
    if session is None:
        raise NotFound
    fresh = current_slot(now)
    if slot not in {fresh, fresh - 1} or not hmac.compare_digest(
        token, slot_token(session_id, slot)
    ):
        raise ValidationFailed(
            "Kode QR sudah kedaluwarsa. Pindai lagi kode yang tampil di layar.",
            "The QR code has expired. Scan the code on the screen again.",
        )
    if not session_is_running(session):
        raise ValidationFailed(
            "Presensi hanya dapat dilakukan selama sesi berlangsung.",
            "Check-in works only while the session runs.",
        )
    enrollment = Enrollment.objects.filter(
        batch=session.batch, employee__user=actor, status__in=PRESENT_STATUSES
    ).first()
    if enrollment is None:
        raise NotAllowed(
            "Anda tidak terdaftar sebagai peserta angkatan ini.",
            "You are not a participant of this batch.",
        )
    return _mark(session=session, enrollment=enrollment, method=AttendanceMethod.QR, actor=actor)


def _organised_session(actor: User, session_id: int) -> Session:
    session = Session.objects.select_related("batch").filter(pk=session_id).first()
    if session is None:
        raise NotFound
    if not policy.can_manage_batch(actor, session.batch):
        raise NotAllowed
    return session


@transaction.atomic
def attendance_mark(
    *, actor: User, session_id: int, enrollment_id: int, present: bool = True
) -> Attendance | None:
    """The organiser marks someone present (or takes a mark back)."""
    session = _organised_session(actor, session_id)
    enrollment = session.batch.enrollments.filter(
        pk=enrollment_id, status__in=PRESENT_STATUSES
    ).first()
    if enrollment is None:
        raise NotFound
    if present:
        return _mark(session=session, enrollment=enrollment, method=AttendanceMethod.MANUAL,
                     actor=actor)  # fmt: skip
    deleted, _ = Attendance.objects.filter(session=session, enrollment=enrollment).delete()
    if deleted:
        audit_record(actor=actor, action="learning.attendance.unmark", target=enrollment,
                     after={"session": session.pk})  # fmt: skip
    return None


@transaction.atomic
def attendance_import(*, actor: User, session_id: int, content: bytes) -> int:
    """A CSV with a `NIP` column: all rows or none (same rule as every Garda import)."""
    session = _organised_session(actor, session_id)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationFailed("Berkas harus CSV UTF-8.", "The file must be UTF-8 CSV.") from error
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = {h.strip().upper(): h for h in (reader.fieldnames or [])}
    if "NIP" not in headers:
        raise ValidationFailed("Kolom NIP tidak ada.", "There is no NIP column.")
    by_nip = {
        e.employee.nip: e
        for e in session.batch.enrollments.filter(status__in=PRESENT_STATUSES).select_related(
            "employee"
        )
    }
    problems: list[dict[str, str]] = []
    found: list[Enrollment] = []
    for number, row in enumerate(reader, start=2):
        raw = (row.get(headers["NIP"]) or "").strip().strip("'")
        if not raw:
            continue
        try:
            nip = check_asn_number(raw)
        except InvalidIdentityNumber as error:
            problems.append(
                {"field": "file", "message": f"Baris {number}, kolom NIP: {error.message_id}"}
            )
            continue
        if nip not in by_nip:
            message = f"Baris {number}, kolom NIP: bukan peserta angkatan ini."
            problems.append({"field": "file", "message": message})
        else:
            found.append(by_nip[nip])
    if problems:
        raise ValidationFailed(problems[0]["message"], "Some rows are invalid.", errors=problems)
    for enrollment in found:
        _mark(session=session, enrollment=enrollment, method=AttendanceMethod.IMPORT, actor=actor)
    return len(found)


def attendance_percent(enrollment: Enrollment) -> int:
    total = enrollment.batch.sessions.count()
    if not total:
        return 100
    return round(enrollment.attendances.count() * 100 / total)
