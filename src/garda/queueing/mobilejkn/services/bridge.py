"""Writes of the bridge outside the outbox: credentials an admin sets, patients Mobile JKN
registers. Each is one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import Conflict, NotAllowed, ValidationFailed
from garda.core.models import User
from garda.queueing.mobilejkn.models import AuthFailures, FacilityBridge, Patient
from garda.queueing.mobilejkn.selectors import bridge_cache_key
from garda.queueing.models import Facility
from garda.queueing.policy import can_manage

MIN_PASSWORD_LENGTH = 10


def _forget(code: str) -> None:
    """Drop the cached bridge now and after commit (a reader in between may cache the old)."""
    key = bridge_cache_key(code)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


@transaction.atomic
def bridge_set_credentials(
    *, actor: User | None, facility_id: int, username: str, password: str
) -> FacilityBridge:
    """Set the username and password Mobile JKN signs in with. `actor` None is the CLI
    (`garda mobilejkn_credentials`), run by whoever administers the server."""
    if actor is not None and not can_manage(actor, facility_id):
        raise NotAllowed
    username = username.strip()
    if not username:
        raise ValidationFailed("Nama pengguna wajib diisi.", "A username is required.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.",
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters.",
        )
    facility = Facility.objects.get(pk=facility_id)
    bridge, created = FacilityBridge.objects.select_for_update().get_or_create(
        facility=facility, defaults={"username": username, "password": make_password(password)}
    )
    if not created:
        bridge.username = username
        bridge.password = make_password(password)
        bridge.token_version = F("token_version") + 1  # voids the tokens issued so far
        bridge.save(update_fields=["username", "password", "token_version", "updated_at"])
        bridge.refresh_from_db()
    # New credentials lift any sign-in lockout: the old guesses were against the old ones.
    AuthFailures.objects.filter(facility=facility).delete()
    _forget(facility.code)
    audit_record(
        actor=actor,
        action="mobilejkn.credentials_set",
        target=bridge,
        after=snapshot(bridge, ["username", "password", "token_version"]),
    )
    return bridge


@transaction.atomic
def bridge_set_outbound(
    *,
    actor: User | None,
    facility_id: int,
    enabled: bool,
    base_url: str,
    cons_id: str,
    secret: str,
    user_key: str,
) -> FacilityBridge:
    """BPJS's consid, secret and user_key for outbound calls; an empty secret or user key
    keeps the stored one (forms never show them back)."""
    if actor is not None and not can_manage(actor, facility_id):
        raise NotAllowed
    bridge = FacilityBridge.objects.select_for_update().filter(facility_id=facility_id).first()
    if bridge is None:
        raise ValidationFailed(
            "Atur dulu nama pengguna dan kata sandi Mobile JKN.",
            "Set the Mobile JKN username and password first.",
        )
    bridge.bpjs_base_url = base_url.strip()
    bridge.cons_id = cons_id.strip()
    if secret:
        bridge.cons_secret = secret
    if user_key:
        bridge.user_key = user_key
    if enabled and not (bridge.bpjs_base_url and bridge.cons_id and bridge.cons_secret):
        raise ValidationFailed(
            "Pengiriman ke BPJS butuh alamat, cons-id dan secret key.",
            "Sending to BPJS needs the address, cons-id and secret key.",
        )
    bridge.outbound_enabled = enabled
    bridge.save()
    _forget(bridge.facility.code)
    audit_record(
        actor=actor,
        action="mobilejkn.outbound_set",
        target=bridge,
        after=snapshot(bridge, ["outbound_enabled", "bpjs_base_url", "cons_id", "cons_secret"]),
    )
    return bridge


@transaction.atomic
def patient_register(
    *,
    facility_id: int,
    card_number: str,
    nik: str,
    family_card: str,
    name: str,
    sex: str,
    birth_date: dt.date,
    address: str = "",
    region: dict[str, Any] | None = None,
    rt: str = "",
    rw: str = "",
) -> Patient:
    """A participant Mobile JKN registers after a 202 (the bridge has validated the fields)."""
    if Patient.objects.filter(facility_id=facility_id, card_number=card_number).exists():
        raise Conflict("Data peserta sudah pernah dientrikan.", "The participant is known.")
    try:
        with transaction.atomic():
            patient = Patient.objects.create(
                facility_id=facility_id,
                card_number=card_number,
                nik=nik,
                family_card=family_card,
                name=name.strip()[:200],
                sex=sex,
                birth_date=birth_date,
                address=address.strip(),
                region=region or {},
                rt=rt.strip()[:5],
                rw=rw.strip()[:5],
            )
    except IntegrityError as error:  # a concurrent registration of the same card
        raise Conflict(
            "Data peserta sudah pernah dientrikan.", "The participant is known."
        ) from error
    audit_record(
        actor=None, action="mobilejkn.patient_register", target=patient, after=snapshot(patient)
    )
    return patient
