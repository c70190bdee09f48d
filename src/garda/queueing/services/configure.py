"""Writes of a facility's set-up (admin_provinsi, or admin_instansi of the kabupaten/kota):
the facility itself, polis, opening hours, closed dates, counters, doctors, the notification
rule, and the province-wide queue parameters. Each is one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError, models, transaction

from garda.core.access import units_visible_to
from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import User
from garda.core.roles import Role
from garda.queueing import policy
from garda.queueing.models import (
    ClosedDate,
    Counter,
    Doctor,
    Facility,
    NotificationRule,
    OpeningHours,
    Poli,
    QueueParameter,
)

# Every parameter is a count of days or minutes: a century bounds them all, and keeps the
# dates computed from them (retention, standards) inside what a date can hold.
PARAMETER_MAX = 36_500

# kind -> (model, the lookup from the model to its facility)
PARTS: dict[str, tuple[type[models.Model], str]] = {
    "poli": (Poli, "facility"),
    "loket": (Counter, "poli__facility"),
    "dokter": (Doctor, "poli__facility"),
    "tutup": (ClosedDate, "facility"),
}


def _require_manager(actor: User, facility_id: int | None) -> None:
    if not policy.can_manage(actor, facility_id):
        raise NotAllowed


def _saved(instance: models.Model) -> None:
    try:
        with transaction.atomic():
            instance.full_clean(validate_unique=False, validate_constraints=False)
            instance.save()
    except IntegrityError as error:
        raise Conflict(
            "Data bentrok dengan data yang sudah ada (kode, awalan atau nama sudah dipakai).",
            "Clashes with existing data (code, prefix or name already used).",
        ) from error


FACILITY_CODE = re.compile(r"[A-Z0-9][A-Z0-9_.-]{0,19}")


@transaction.atomic
def facility_save(*, actor: User, facility_id: int | None, values: dict[str, Any]) -> Facility:
    """Create (facility_id None) or change a facility. An admin_instansi may only place it
    in their own kabupaten/kota."""
    if facility_id is None:
        _require_manager(actor, None)
        facility = Facility()
        before: dict[str, Any] = {}
    else:
        _require_manager(actor, facility_id)
        facility = Facility.objects.select_for_update().get(pk=facility_id)
        before = snapshot(facility)
    for name, value in values.items():
        setattr(facility, name, value)
    if (
        not actor.is_superuser
        and actor.role == Role.ADMIN_INSTANSI
        and not units_visible_to(actor).filter(pk=facility.kabupaten_id).exists()
    ):
        raise NotAllowed("Kabupaten/kota di luar wewenang Anda.", "Outside your area.")
    facility.code = facility.code.strip().upper()
    if not FACILITY_CODE.fullmatch(facility.code):
        # The code is part of every queue URL (/antrean/<code>/…, /mobilejkn/<code>/…).
        raise ValidationFailed(
            "Kode faskes hanya huruf, angka, titik, garis bawah atau tanda hubung "
            "(tanpa spasi), paling banyak 20.",
            "The facility code may hold only letters, digits, dots, underscores or hyphens "
            "(no spaces), at most 20.",
            code="facility_code_invalid",
            errors=[{"field": "code", "code": "facility_code_invalid"}],
        )
    _saved(facility)
    audit_record(
        actor=actor, action="queue.facility.save", target=facility, before=before,
        after=snapshot(facility),
    )  # fmt: skip
    return facility


@transaction.atomic
def part_save(
    *, actor: User, facility: Facility, kind: str, pk: int | None, values: dict[str, Any]
) -> models.Model:
    """Create or change one poli, counter, doctor or closed date of `facility`."""
    _require_manager(actor, facility.pk)
    model, lookup = PARTS[kind]
    if pk is None:
        instance = model()
        before: dict[str, Any] = {}
    else:
        found = model._default_manager.filter(pk=pk, **{lookup: facility}).first()
        if found is None:
            raise NotFound
        instance = found
        before = snapshot(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    if lookup == "facility":
        instance.facility = facility  # type: ignore[attr-defined]  # Poli and ClosedDate
    else:
        poli = getattr(instance, "poli", None)
        if poli is None or poli.facility_id != facility.pk:
            raise ValidationFailed("Pilih poli puskesmas ini.", "Choose a poli of this facility.")
    _saved(instance)
    audit_record(
        actor=actor, action=f"queue.{kind}.save", target=instance, before=before,
        after=snapshot(instance),
    )  # fmt: skip
    return instance


@transaction.atomic
def part_delete(*, actor: User, facility: Facility, kind: str, pk: int) -> None:
    """Remove a closed date or a counter (polis and doctors are switched off, not removed,
    because tickets refer to them)."""
    _require_manager(actor, facility.pk)
    if kind not in {"tutup", "loket"}:
        raise NotAllowed("Poli dan dokter dinonaktifkan, tidak dihapus.", "Deactivate instead.")
    model, lookup = PARTS[kind]
    instance = model._default_manager.filter(pk=pk, **{lookup: facility}).first()
    if instance is None:
        raise NotFound
    audit_record(
        actor=actor, action=f"queue.{kind}.delete", target=instance, before=snapshot(instance)
    )
    instance.delete()


@transaction.atomic
def hours_set(
    *, actor: User, facility: Facility, hours: dict[int, tuple[dt.time, dt.time] | None]
) -> None:
    """Registration hours per weekday (0 = Monday); None closes that weekday."""
    _require_manager(actor, facility.pk)
    for weekday, span in hours.items():
        if span is None:
            OpeningHours.objects.filter(facility=facility, weekday=weekday).delete()
            continue
        opens, closes = span
        if closes <= opens:
            raise ValidationFailed("Jam tutup harus setelah jam buka.", "Closing after opening.")
        OpeningHours.objects.update_or_create(
            facility=facility, weekday=weekday, defaults={"opens": opens, "closes": closes}
        )
    audit_record(
        actor=actor, action="queue.hours.set", target=facility,
        after={str(d): (f"{s[0]:%H:%M}-{s[1]:%H:%M}" if s else "tutup") for d, s in hours.items()},
    )  # fmt: skip


@transaction.atomic
def notification_rule_set(
    *, actor: User, facility: Facility, people_ahead: int, minutes_before: int, enabled: bool
) -> NotificationRule:
    _require_manager(actor, facility.pk)
    rule, _created = NotificationRule.objects.update_or_create(
        facility=facility,
        defaults={
            "people_ahead": people_ahead, "minutes_before": minutes_before, "enabled": enabled,
        },
    )  # fmt: skip
    audit_record(
        actor=actor, action="queue.notification_rule.set", target=rule, after=snapshot(rule)
    )
    return rule


@transaction.atomic
def parameter_set(*, actor: User, key: str, value: int) -> QueueParameter:
    """Province-wide parameters: admin_provinsi only."""
    if not (actor.is_superuser or actor.role == Role.ADMIN_PROVINSI):
        raise NotAllowed
    row = QueueParameter.objects.select_for_update().filter(key=key).first()
    if row is None:
        raise NotFound
    if value < 0:
        raise ValidationFailed("Nilai tidak boleh negatif.", "The value cannot be negative.")
    if value > PARAMETER_MAX:
        raise ValidationFailed(
            f"Nilai paling besar {PARAMETER_MAX}.", f"The value is at most {PARAMETER_MAX}."
        )
    before = snapshot(row)
    row.value = value
    row.save(update_fields=["value", "updated_at"])
    audit_record(
        actor=actor, action="queue.parameter.set", target=row, before=before, after=snapshot(row)
    )
    return row
