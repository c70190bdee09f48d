"""Who signs a certificate, and what its paper says about the signer and the participant.

The signing official is configured per organising unit (`CertificateSignatory`, edited by an
admin on "Penandatangan sertifikat"); the nearest one up the unit tree signs. At issue the
certificate keeps a copy (`Certificate.details`), with the participant's golongan and jabatan
of that day, so a later promotion or a new head of BPSDM never rewrites a certificate."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotAllowed, NotFound, ValidationFailed
from garda.core.identity import check_nip
from garda.core.models import Unit, User
from garda.learning import policy
from garda.learning.models import Certificate, CertificateSignatory, Enrollment

PLACEHOLDER_EMBLEM = (
    Path(__file__).resolve().parent.parent / "static" / "learning" / "emblem-placeholder.svg"
)
SIGNATORY_FIELDS = ("government", "institution", "address", "place", "position", "name",
                    "pangkat", "nip")  # fmt: skip
REQUIRED = ("government", "institution", "place", "position", "name")
EMBLEM_TYPES = {"image/png", "image/jpeg", "image/svg+xml"}


def signatory_for(unit: Unit) -> CertificateSignatory | None:
    """The signatory of `unit` or of its nearest ancestor that has one."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part] or [unit.pk]
    found = {s.unit_id: s for s in CertificateSignatory.objects.filter(unit_id__in=ids)}
    return next((found[pk] for pk in reversed(ids) if pk in found), None)


def _signatory_dict(signatory: CertificateSignatory) -> dict[str, str]:
    data = {name: str(getattr(signatory, name)) for name in SIGNATORY_FIELDS}
    data["emblem"] = str(signatory.emblem.name or "")
    return data


def certificate_details(enrollment: Enrollment) -> dict[str, Any]:
    """What the certificate keeps as of its issue."""
    employee = enrollment.employee
    signatory = signatory_for(enrollment.batch.organiser_unit)
    golongan = employee.golongan
    return {
        "signatory": _signatory_dict(signatory) if signatory else {},
        "participant": {
            "golongan": golongan.code if golongan else "",
            "pangkat": golongan.pangkat if golongan else "",
            "jabatan": employee.jabatan_name,
            "unit": str(employee.unit) if employee.unit_id else "",
        },
    }


def _emblem_data_uri(name: str) -> str:
    """The emblem as a data: URI (WeasyPrint reads no URL); the neutral placeholder when none
    is configured or its file went missing."""
    from django.core.files.storage import default_storage  # the media storage, read lazily

    if name and default_storage.exists(name):
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        kind = mimetypes.guess_type(name)[0] or "image/png"
    else:
        data, kind = PLACEHOLDER_EMBLEM.read_bytes(), "image/svg+xml"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def paper_context(certificate: Certificate) -> dict[str, Any]:
    """The signer, participant rank, emblem and revocation for the certificate template."""
    details = certificate.details or certificate_details(certificate.enrollment)
    signatory = details.get("signatory") or {}
    if not signatory:
        program = certificate.enrollment.batch.program
        signatory = {"institution": program.provider_label, "place": "Jambi",
                     "position": "Penyelenggara"}  # fmt: skip
    return {
        "signatory": signatory,
        "participant": details.get("participant") or {},
        "emblem": _emblem_data_uri(str(signatory.get("emblem", ""))),
        "revoked": certificate.revoked_at is not None,
    }


@transaction.atomic
def signatory_save(
    *, actor: User, unit_id: int, data: dict[str, str], emblem: UploadedFile[bytes] | None = None
) -> CertificateSignatory:
    """Create or change the signatory of a unit the admin manages."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise NotFound
    if not policy.can_manage_unit(actor, unit):
        raise NotAllowed
    nip = check_nip(data.get("nip", ""))  # the official's own NIP, checked like any NIP
    missing = [name for name in REQUIRED if not str(data.get(name, "")).strip()]
    if missing:
        raise ValidationFailed("Lengkapi data penandatangan.", "Fill in the signatory.",
                               errors=[{"field": name, "message": "Wajib diisi."}
                                       for name in missing])  # fmt: skip
    if emblem is not None and emblem.content_type not in EMBLEM_TYPES:
        raise ValidationFailed(
            "Lambang harus PNG, JPG atau SVG.",
            "PNG, JPG or SVG only.",
            errors=[{"field": "emblem", "message": "PNG, JPG atau SVG."}],
        )
    signatory = CertificateSignatory.objects.select_for_update().filter(unit=unit).first()
    audited = [*SIGNATORY_FIELDS, "emblem"]
    before = snapshot(signatory, audited) if signatory else None
    if signatory is None:
        signatory = CertificateSignatory(unit=unit)
    for name in SIGNATORY_FIELDS:
        setattr(signatory, name, str(data.get(name, "")).strip())
    signatory.nip = nip
    if emblem is not None:
        signatory.emblem.save(emblem.name or "lambang", emblem, save=False)
    signatory.save()
    audit_record(actor=actor, action="learning.signatory.save", target=signatory,
                 before=before, after=snapshot(signatory, audited))  # fmt: skip
    return signatory
