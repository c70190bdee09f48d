"""Writes of the 9-box: an instansi's kinerja and potential cut-offs for a year, critical posts,
and the calibration session (open, move an ASN with a reason, lock). Locking stores every ASN's box
for the year as a Placement: later imports no longer move a calibrated result."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from garda.core.access import unit_is_visible_to
from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import Unit, User
from garda.people.models import Employee, JabatanKind
from garda.talent import stamp
from garda.talent.models_ninebox import (
    CalibrationChange,
    CalibrationSession,
    CriticalPost,
    Kinerja,
    KinerjaCut,
    Placement,
    PotensialCut,
    SessionStatus,
)
from garda.talent.policy import CALIBRATE, RECORDS_WRITE, may
from garda.talent.selectors.ninebox import boxes
from garda.talent.vocabulary import Potensial, Predikat


def _check(actor: User | AnonymousUser | None, roles: frozenset[str], unit: Unit) -> None:
    if not may(roles, actor):
        raise NotAllowed("Peran Anda tidak boleh melakukan ini.", "Your role may not do this.")
    if actor is not None and not unit_is_visible_to(actor, unit.pk):
        raise NotFound


def _instansi(unit: Unit) -> Unit:
    if unit.kind != "instansi":
        raise ValidationFailed("Pilih sebuah instansi.", "Choose an instansi.")
    return unit


@transaction.atomic
def kinerja_cuts_set(
    *, actor: User | None, instansi: Unit, year: int, mapping: dict[str, str]
) -> None:
    """The instansi's own kinerja axis for `year` (every predikat -> a kinerja level); an
    empty mapping returns the instansi to the default."""
    _check(actor, CALIBRATE.roles, _instansi(instansi))
    if mapping and (set(mapping) != set(Predikat.values)
                    or not set(mapping.values()) <= set(Kinerja.values)):  # fmt: skip
        raise ValidationFailed(
            "Setiap predikat harus dipetakan ke satu tingkat kinerja.",
            "Every predikat must map to one kinerja level.",
        )
    current = KinerjaCut.objects.filter(instansi=instansi, year=year)
    before = dict(current.values_list("predikat", "kinerja"))
    current.delete()
    KinerjaCut.objects.bulk_create(
        KinerjaCut(instansi=instansi, year=year, predikat=p, kinerja=k) for p, k in mapping.items()
    )
    stamp.bump()
    audit_record(
        actor=actor,
        action="talent.cutoff.set",
        target=instansi,
        before={"year": year, "cuts": before},
        after={"year": year, "cuts": mapping},
    )


@transaction.atomic
def potensial_cuts_set(
    *, actor: User | None, instansi: Unit, year: int, mapping: dict[str, Decimal]
) -> None:
    """The instansi's own potential axis for `year`: the lowest JPM of each potential level
    (tinggi above menengah above rendah), used for ASN without an imported potential; an empty
    mapping returns the instansi to the default."""
    _check(actor, CALIBRATE.roles, _instansi(instansi))
    if mapping:
        if set(mapping) != set(Potensial.values):
            raise ValidationFailed(
                "Setiap tingkat potensial harus punya batas JPM.",
                "Every potential level needs a JPM cut-off.",
            )
        low, mid, high = (mapping[p] for p in (Potensial.RENDAH, Potensial.MENENGAH,
                                              Potensial.TINGGI))  # fmt: skip
        if not Decimal(0) <= low < mid < high <= Decimal(1000):
            raise ValidationFailed(
                "Batas JPM harus naik dari rendah ke menengah ke tinggi (0 sampai 1000).",
                "JPM cut-offs must rise from rendah to menengah to tinggi (0 to 1000).",
            )
    current = PotensialCut.objects.filter(instansi=instansi, year=year)
    before = {p: str(v) for p, v in current.values_list("potensial", "min_jpm")}
    current.delete()
    PotensialCut.objects.bulk_create(
        PotensialCut(instansi=instansi, year=year, potensial=p, min_jpm=v,
                     basis=f"Instansi {instansi.code} {year}")
        for p, v in mapping.items()
    )  # fmt: skip
    stamp.bump()
    audit_record(
        actor=actor,
        action="talent.potensial_cutoff.set",
        target=instansi,
        before={"year": year, "cuts": before},
        after={"year": year, "cuts": {p: str(v) for p, v in mapping.items()}},
    )


@transaction.atomic
def critical_post_create(
    *, actor: User | None, unit: Unit, name: str, jabatan_kind: JabatanKind
) -> CriticalPost:
    _check(actor, RECORDS_WRITE.roles, unit)
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed("Nama jabatan wajib diisi.", "The post's name is required.")
    if CriticalPost.objects.filter(unit=unit, name__iexact=name).exists():
        raise Conflict("Jabatan ini sudah terdaftar.", "This post is already listed.")
    post = CriticalPost.objects.create(unit=unit, name=name, jabatan_kind=jabatan_kind)
    audit_record(actor=actor, action="talent.critical_post.create", target=post,
                 after=snapshot(post))  # fmt: skip
    return post


@transaction.atomic
def calibration_open(*, actor: User | None, instansi: Unit, year: int) -> CalibrationSession:
    _check(actor, CALIBRATE.roles, _instansi(instansi))
    if CalibrationSession.objects.filter(instansi=instansi, year=year).exists():
        raise Conflict(
            "Sesi kalibrasi instansi ini untuk tahun itu sudah ada.",
            "This instansi already has a calibration session for that year.",
        )
    session = CalibrationSession.objects.create(instansi=instansi, year=year)
    audit_record(actor=actor, action="talent.calibration.open", target=session,
                 after=snapshot(session))  # fmt: skip
    return session


def _open(session: CalibrationSession) -> CalibrationSession:
    locked = CalibrationSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.OPEN:
        raise Conflict(
            "Sesi kalibrasi sudah dikunci; hasilnya tidak dapat diubah.",
            "The calibration session is locked; its result cannot change.",
        )
    return locked


@transaction.atomic
def calibration_change(
    *,
    actor: User | None,
    session: CalibrationSession,
    employee: Employee,
    box: int,
    reason: str,
) -> CalibrationChange:
    """Move one ASN of the session's instansi to `box`, with the panel's reason; moving the
    same ASN again replaces the earlier move (both stay in the audit log)."""
    _check(actor, CALIBRATE.roles, session.instansi)
    session = _open(session)
    if not employee.unit.path.startswith(session.instansi.path):
        raise NotFound
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationFailed("Alasan perubahan wajib diisi.", "A reason is required.")
    if not 1 <= box <= 9:
        raise ValidationFailed("Kotak harus 1 sampai 9.", "The box must be 1 to 9.")
    computed = boxes(Employee.objects.filter(pk=employee.pk), session.year).get(employee.pk)
    existing = CalibrationChange.objects.filter(session=session, employee=employee).first()
    before = snapshot(existing) if existing is not None else None
    change, _created = CalibrationChange.objects.update_or_create(
        session=session, employee=employee,
        defaults={"box_before": computed.computed if computed else None, "box_after": box,
                  "reason": reason[:500], "changed_by": actor},
    )  # fmt: skip
    audit_record(
        actor=actor,
        action="talent.calibration.change",
        target=change,
        object_label=f"Kalibrasi {session.year}",
        before=before,
        after=snapshot(change),
    )
    return change


@transaction.atomic
def calibration_lock(*, actor: User | None, session: CalibrationSession) -> int:
    """Lock the session: every ASN of the instansi gets the year's Placement (computed box, or
    the calibrated one). Answers how many were placed."""
    _check(actor, CALIBRATE.roles, session.instansi)
    session = _open(session)
    employees = Employee.objects.filter(unit__path__startswith=session.instansi.path)
    found = boxes(employees, session.year)
    moved = dict(session.changes.values_list("employee_id", "box_after"))
    Placement.objects.filter(year=session.year, employee_id__in=list(found)).delete()
    placements = [
        Placement(session=session, employee_id=pk, year=session.year,
                  box=moved.get(pk, boxed.computed), calibrated=pk in moved)  # type: ignore[misc]
        for pk, boxed in found.items()
        if pk in moved or boxed.computed is not None
    ]  # fmt: skip
    Placement.objects.bulk_create(placements, batch_size=1000)
    session.status = SessionStatus.LOCKED
    session.locked_at = timezone.now()
    session.locked_by = actor
    session.save(update_fields=["status", "locked_at", "locked_by", "updated_at"])
    stamp.bump()
    audit_record(
        actor=actor,
        action="talent.calibration.lock",
        target=session,
        after={"year": session.year, "placed": len(placements), "changed": len(moved)},
    )
    return len(placements)
