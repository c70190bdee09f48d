"""Signed Open Badges 3.0 (docs/decisions/0016).

A certificate's badge is an `OpenBadgeCredential` with a Data Integrity proof
(`eddsa-rdfc-2022`) made with the badge key, a key of its own (never the audit key). The issuer
is `did:web:<site>:pelatihan:lencana`, whose DID document (`/pelatihan/lencana/did.json`) lists
every badge key ever used, so a rotation never breaks a badge signed before. Revocation is
published as a signed Bitstring Status List credential (`/pelatihan/lencana/status/<n>/`):
certificate id `pk` is bit `pk % LIST_SIZE` of list `pk // LIST_SIZE`."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.audit.signing import key_id, load_key_file
from garda.core.identity import mask_identifier
from garda.core.models import User
from garda.learning.badges import jsonld, proof
from garda.learning.models import BadgeKey, Certificate

# 131,072 bits (16 KiB before compression): the minimum the Bitstring Status List
# recommendation sets, so one revoked bit does not single out a small group.
LIST_SIZE = 131_072


def _site() -> str:
    return str(settings.SITE_URL).rstrip("/")


def issuer_did() -> str:
    """did:web of the DID document's URL: host (port percent-encoded) then the path."""
    parts = urlsplit(_site() + reverse("learning:badge_did"))
    segments = [quote(parts.netloc, safe=""), *parts.path.strip("/").split("/")[:-1]]
    return "did:web:" + ":".join(segments)


def _timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- The key ----------------------------------------------------------------------------------


def _key_file() -> Path:
    return Path(settings.GARDA_BADGE_KEY_FILE)


def _verification_method(row: BadgeKey) -> str:
    return f"{issuer_did()}#{row.key_id}"


@transaction.atomic
def current_key() -> tuple[Ed25519PrivateKey, BadgeKey]:
    """The badge signing key and its published row. Made on first use: losing the file costs
    nothing but a new key, since every public key that signed is kept in the database."""
    key = load_key_file(_key_file(), create=True, missing="")
    public = key.public_key()
    row, created = BadgeKey.objects.get_or_create(
        key_id=key_id(public),
        defaults={"public_key_multibase": proof.public_key_multibase(public)},
    )
    if created:
        audit_record(actor=None, action="learning.badge_key.create", target=row,
                     after={"key_id": row.key_id})  # fmt: skip
    return key, row


@transaction.atomic
def badge_key_rotate(*, actor: User | None, withdraw: bool = False) -> BadgeKey:
    """Replace the badge key. The old public key stays in the DID document, so badges it
    signed still verify; with `withdraw` (the key leaked) it is removed from it, and those
    badges fail until downloaded again."""
    _key, old = current_key()
    now = timezone.now()
    old.retired_at = now
    if withdraw:
        old.withdrawn_at = now
    old.save(update_fields=["retired_at", "withdrawn_at", "updated_at"])
    _key_file().unlink()
    _new_key, new = current_key()
    audit_record(actor=actor, action="learning.badge_key.rotate", target=new,
                 before={"key_id": old.key_id}, after={"key_id": new.key_id,
                                                      "withdrawn": withdraw})  # fmt: skip
    return new


def did_document() -> dict[str, Any]:
    did = issuer_did()
    current_key()  # a fresh install publishes its key before the first badge
    methods = [
        {
            "id": _verification_method(row),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": row.public_key_multibase,
        }
        for row in BadgeKey.objects.filter(withdrawn_at__isnull=True)
    ]
    return {
        "@context": [jsonld.DID_V1, jsonld.MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def _sign(document: dict[str, Any]) -> dict[str, Any]:
    key, row = current_key()
    return proof.sign(document, key=key, verification_method=_verification_method(row),
                      created=_timestamp(timezone.now()))  # fmt: skip


# --- Revocation: the Bitstring Status List ----------------------------------------------------


def status_list_url(number: int) -> str:
    return _site() + reverse("learning:badge_status_list", args=[number])


def encode_bits(revoked: list[int]) -> str:
    """Multibase base64url (no padding) of the GZIP of the bitstring; bit 0 is the first
    byte's most significant bit."""
    bits = bytearray(LIST_SIZE // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def status_list_credential(number: int) -> dict[str, Any]:
    """The signed list of revoked certificates whose id falls in list `number`."""
    url = status_list_url(number)
    revoked = Certificate.objects.filter(
        pk__gte=number * LIST_SIZE, pk__lt=(number + 1) * LIST_SIZE, revoked_at__isnull=False
    ).values_list("pk", flat=True)
    credential = {
        "@context": [jsonld.CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": _timestamp(timezone.now()),
        "credentialSubject": {
            "id": url + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bits([pk % LIST_SIZE for pk in revoked]),
        },
    }
    return _sign(credential)


# --- The badge --------------------------------------------------------------------------------


def open_badge(certificate: Certificate) -> dict[str, Any]:
    """The certificate as a signed Open Badges 3.0 `OpenBadgeCredential`."""
    # certificates imports nothing from here; its verify_url is the credential's id.
    from garda.learning.services.certificates import verify_url

    enrollment = certificate.enrollment
    batch, program = enrollment.batch, enrollment.batch.program
    site = _site()
    list_url = status_list_url(certificate.pk // LIST_SIZE)
    index = certificate.pk % LIST_SIZE
    criteria = f"Kehadiran minimal {program.min_attendance_percent}%"
    if program.post_test_required:
        criteria += f", lulus post-test (nilai >= {program.pass_mark})"
    credential: dict[str, Any] = {
        "@context": [jsonld.CREDENTIALS_V2, jsonld.OB_V3],
        "id": verify_url(certificate.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Sertifikat {program.title}",
        "issuer": {
            "id": issuer_did(), "type": ["Profile"], "name": program.provider_label,
            "url": site + "/",
        },
        "validFrom": _timestamp(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": enrollment.employee.full_name,
            "identifier": [{
                "type": "IdentityObject", "identityType": "identifier", "hashed": False,
                "identityHash": mask_identifier(enrollment.employee.nip),
            }],
            "achievement": {
                "id": site + reverse("learning:program_detail", args=[program.pk]),
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": program.title,
                "description": program.description or program.title,
                "criteria": {"narrative": criteria},
                "creditsAvailable": program.jp,
                "fieldOfStudy": program.form.name,
            },
            "result": [{"type": ["Result"], "value": str(program.jp)}],
            "activityStartDate": f"{batch.starts_on.isoformat()}T00:00:00+07:00",
            "activityEndDate": f"{batch.ends_on.isoformat()}T23:59:59+07:00",
        },
        "credentialStatus": {
            "id": f"{list_url}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": list_url,
        },
    }  # fmt: skip
    return _sign(credential)
