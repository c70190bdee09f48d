"""What a request says and how its parts are checked, before any service writes it: the
requester's fields, the tracking code, the answer's attachment. Services call these; the
checks raise the same ValidationFailed (with the field named) that pages and the API show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.utils.text import get_valid_filename

from garda.core.codes import CROCKFORD, random_code
from garda.core.errors import ValidationFailed
from garda.core.identity import InvalidIdentityNumber, parse_nik
from garda.core.models import Unit, UnitKind
from garda.transparency.ppid.models import CopyDelivery, ObtainMethod, RequesterKind

CODE_LENGTH = 10  # 50 random bits: a code cannot be guessed, so it may open the status page
TARGET_KINDS = frozenset({UnitKind.INSTANSI, UnitKind.OPD})
ANSWER_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".csv",
                             ".jpg", ".jpeg", ".png", ".zip"})  # fmt: skip
MAX_ANSWER_BYTES = 20 * 1024 * 1024


def new_tracking_code() -> str:
    # Crockford's base32, so a code read aloud or typed from paper stays unambiguous.
    raw = random_code(CODE_LENGTH, CROCKFORD)
    return f"PPID-{raw[:5]}-{raw[5:]}"


def normalise_tracking_code(text: str) -> str:
    """What a person typed, as stored: case, spaces and look-alike letters forgiven."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) == len("PPID") + CODE_LENGTH and cleaned.startswith("PPID"):
        cleaned = cleaned[len("PPID") :]
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != CODE_LENGTH:
        return ""
    return f"PPID-{cleaned[:5]}-{cleaned[5:]}"


# --- Requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestInput:
    """What a requester states (transparency.md: identity, rincian, tujuan, cara memperoleh)."""

    unit_id: int
    requester_kind: str
    requester_name: str
    address: str
    details: str
    purpose: str
    obtain_method: str
    copy_delivery: str = ""
    requester_nik: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""


def problem(field: str, message_id: str, message_en: str) -> ValidationFailed:
    return ValidationFailed(
        message_id, message_en, errors=[{"field": field, "messages": [message_id]}]
    )


def check_input(data: RequestInput, *, need_contact: bool) -> Unit:
    unit = Unit.objects.filter(pk=data.unit_id).first()
    if unit is None or unit.kind not in TARGET_KINDS:
        raise problem("unit", "Pilih instansi atau OPD tujuan.", "Choose the target agency.")
    if data.requester_kind not in RequesterKind.values:
        raise problem("requester_kind", "Jenis pemohon tidak dikenal.", "Unknown requester kind.")
    required = {
        "requester_name": data.requester_name, "address": data.address,
        "details": data.details, "purpose": data.purpose,
    }  # fmt: skip
    for name, value in required.items():
        if not value.strip():
            raise problem(name, "Wajib diisi.", "This field is required.")
    if data.requester_kind == RequesterKind.INDIVIDUAL:
        try:
            parse_nik(data.requester_nik)
        except InvalidIdentityNumber as error:
            raise problem("requester_nik", error.message_id, error.message_en) from error
    elif not data.organisation.strip():
        raise problem(
            "organisation",
            "Nama badan hukum atau kelompok wajib diisi.",
            "The organisation or group name is required.",
        )
    if data.obtain_method not in ObtainMethod.values:
        raise problem("obtain_method", "Pilih cara memperoleh informasi.", "Choose how.")
    if data.copy_delivery and data.copy_delivery not in CopyDelivery.values:
        raise problem("copy_delivery", "Cara mendapat salinan tidak dikenal.", "Unknown delivery.")
    if data.obtain_method == ObtainMethod.COPY and not data.copy_delivery:
        raise problem(
            "copy_delivery",
            "Pilih cara mendapatkan salinan.",
            "Choose how to receive the copy.",
        )
    if data.email:
        try:
            validate_email(data.email)
        except DjangoValidationError as error:
            raise problem("email", "Alamat email tidak valid.", "Invalid email.") from error
    if data.copy_delivery == CopyDelivery.EMAIL and not data.email:
        raise problem("email", "Salinan lewat email memerlukan alamat email.", "Email needed.")
    if need_contact and not (data.phone.strip() or data.email.strip()):
        raise problem(
            "phone",
            "Isi nomor telepon atau email agar kami dapat menghubungi Anda.",
            "Give a phone number or an email so we can reach you.",
        )
    return unit


def check_attachment(attachment: File[bytes]) -> str:
    name = get_valid_filename(Path(attachment.name or "jawaban").name)[-100:] or "jawaban"
    if Path(name).suffix.casefold() not in ANSWER_SUFFIXES:
        raise problem(
            "attachment",
            "Jenis berkas lampiran tidak diterima (PDF, dokumen kantor, gambar, ZIP).",
            "This file type is not accepted (PDF, office documents, images, ZIP).",
        )
    if (attachment.size or 0) > MAX_ANSWER_BYTES:
        raise problem("attachment", "Lampiran paling besar 20 MB.", "At most 20 MB.")
    return name
