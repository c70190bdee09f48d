"""What each WS Antrean FKTP call does, per queue-mobilejkn.md (table rows 1-6 and the rules
under it). Views parse the HTTP request and call these; each returns the envelope to send,
or raises `Refusal` (code 201/202 with its message). Rule failures of the queue core
(`GardaError`) are passed through with their Indonesian message as a 201.

Messages follow the wording deployed WS Antrean implementations use, so Mobile JKN shows the
patient the same sentences it shows elsewhere."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from garda.core.errors import Conflict, GardaError
from garda.core.identity import (
    InvalidIdentityNumber,
    check_card_number,
    check_family_card_number,
    check_nik,
)
from garda.queueing import selectors as queue
from garda.queueing import services as queue_services
from garda.queueing.errors import PoliNotBookable
from garda.queueing.mobilejkn import selectors, status_cache
from garda.queueing.mobilejkn.envelope import FAILED, NEW_PATIENT, Refusal, encode, envelope
from garda.queueing.mobilejkn.models import FacilityBridge, Sex
from garda.queueing.mobilejkn.services import patient_register, throttle
from garda.queueing.mobilejkn.services.outbox import serving_mobilejkn
from garda.queueing.mobilejkn.tokens import TokenInvalid, issue_token, read_token
from garda.queueing.models import Channel, Doctor, Poli, TicketStatus

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

MSG_CARD = "Format Nomor Kartu Tidak Sesuai"
MSG_NIK = "Format NIK Tidak Sesuai"
MSG_KK = "Format Nomor KK Tidak Sesuai"
MSG_DATE = "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd"
MSG_PAST = "Tanggal Periksa Tidak Berlaku"
MSG_POLI = "Poli Tidak Ditemukan"
MSG_NOT_ONLINE = "Poli Tidak Melayani Pendaftaran Online, Silakan Mendaftar Langsung di Puskesmas"
MSG_NOT_FOUND = "Antrean Tidak Ditemukan"
MSG_SERVED = "Pasien Sudah Dilayani, Antrean Tidak Dapat Dibatalkan"
MSG_NEW = "Pasien Baru"
MSG_KNOWN = "Data Peserta Sudah Pernah Dientrikan"
MSG_LOGIN = "Username atau Password Tidak Sesuai"
MSG_LOCKED = "Terlalu Banyak Percobaan Login Gagal, Silakan Coba Lagi Dalam {minutes} Menit"
NOTE_EARLY = "Peserta harap 30 menit lebih awal guna pencatatan administrasi."


# --- Authentication -----------------------------------------------------------------------------


def authenticate(bridge: FacilityBridge | None, username: str, password: str) -> dict[str, Any]:
    """Row 1: a token for the right username and password, within the limit on failures
    (services/throttle.py). A wrong username costs one password hash as a right one does
    (ModelBackend's defence), so the time of the answer does not tell which usernames exist."""
    if bridge is None:
        raise Refusal(MSG_LOGIN)
    gate = throttle.auth_attempt_begin(facility_id=bridge.facility_id, username=username)
    if not gate.allowed:
        raise Refusal(MSG_LOCKED.format(minutes=gate.retry_after_minutes))
    if username and constant_time_compare(username, bridge.username):
        valid = check_password(password, bridge.password)
    else:
        make_password(password)  # the same work for a username that does not exist
        valid = False
    if not valid:
        throttle.auth_attempt_failed(bridge=bridge, username=username)
        raise Refusal(MSG_LOGIN)
    throttle.auth_attempt_succeeded(facility_id=bridge.facility_id, username=username)
    token = issue_token(
        facility_id=bridge.facility_id, username=bridge.username, version=bridge.token_version
    )
    return envelope({"token": token})


def check_token(bridge: FacilityBridge | None, token: str, username: str) -> FacilityBridge:
    """Every other row: the token must be ours, current, and for the username sent."""
    if bridge is None:
        raise Refusal("Faskes tidak terdaftar untuk Mobile JKN")
    try:
        claims = read_token(token)
    except TokenInvalid as error:
        raise Refusal(error.message) from error
    if (
        claims.facility_id != bridge.facility_id
        or claims.version != bridge.token_version
        or claims.username != bridge.username
        or (username and username != bridge.username)
    ):
        raise Refusal("Token tidak valid.")
    return bridge


# --- Field rules ---------------------------------------------------------------------------------


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name, "")
    return "" if value is None else str(value).strip()


# Numbers are checked and canonicalised by core.identity, as on every other path; Mobile JKN
# only gets its own wording for the refusal.


def check_card(value: str) -> str:
    try:
        return check_card_number(value)
    except InvalidIdentityNumber as error:
        raise Refusal(MSG_CARD) from error


def check_patient_nik(value: str) -> str:
    try:
        return check_nik(value)
    except InvalidIdentityNumber as error:
        raise Refusal(MSG_NIK) from error


def check_family_card(value: str) -> str:
    try:
        return check_family_card_number(value)
    except InvalidIdentityNumber as error:
        raise Refusal(MSG_KK) from error


def parse_date(value: str, *, allow_past: bool = False) -> dt.date:
    if not DATE.match(value):
        raise Refusal(MSG_DATE)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as error:
        raise Refusal(MSG_DATE) from error
    if not allow_past and day < timezone.localdate():
        raise Refusal(MSG_PAST)
    return day


def find_poli(bridge: FacilityBridge, kodepoli: str) -> Poli:
    poli = Poli.objects.filter(facility_id=bridge.facility_id, bpjs_code=kodepoli).first()
    if poli is None or not poli.is_active:
        raise Refusal(MSG_POLI)
    return poli


# --- Row 2: antrean/status ----------------------------------------------------------------------


def antrean_status(bridge: FacilityBridge, kodepoli: str, tanggal: str, *, version: int) -> bytes:
    """The answer's JSON, cached per facility, poli and day as bytes (see status_cache): a
    poll is answered without building or encoding the document again. Refusals are cached
    too, since a poller repeating a bad date is as frequent as one repeating a good one."""
    cache_key = status_cache.key(bridge.facility_id, kodepoli, tanggal, version)
    cached = status_cache.get(cache_key)
    if isinstance(cached, bytes):
        return cached
    try:
        day = parse_date(tanggal)
        poli = find_poli(bridge, kodepoli)
        body = envelope(_status_response(poli, day, version=version))
    except Refusal as refusal:
        body = envelope(message=refusal.message, code=refusal.code)
    encoded = encode(body)
    status_cache.put(cache_key, encoded)
    return encoded


def _status_response(poli: Poli, day: dt.date, *, version: int) -> Any:
    """V1: one object for the poli. V2: the same figures once per active doctor (one item
    with kodedokter 0 when the poli has none): the poli calls one line whoever the doctor,
    so totalantrean, sisaantrean and antreanpanggil are the poli's in every item — counted
    per doctor, tickets without a doctor (most of them) were missing from every item."""
    status = queue.poli_day_status(poli_id=poli.pk, service_date=day)
    item: dict[str, Any] = {
        "namapoli": poli.name,
        "totalantrean": str(status.total),
        "sisaantrean": status.remaining,
        "antreanpanggil": status.now_calling or "-",
        "keterangan": "",
    }
    if version == 1:
        return item
    if not status.doctors:
        return [{**item, "kodedokter": 0, "namadokter": "", "jampraktek": ""}]
    return [
        {
            **item,
            "kodedokter": doctor.bpjs_code,
            "namadokter": doctor.name,
            "jampraktek": doctor.practice_hours,
        }
        for doctor in status.doctors
    ]


# --- Row 3: ambil antrean -----------------------------------------------------------------------


def _doctor(context: selectors.TakeContext, body: dict[str, Any]) -> int | None:
    """V2 bodies name a doctor and practice hours; V1 bodies do not (0 or absent: none)."""
    raw = body.get("kodedokter")
    if raw in (None, "", 0, "0"):
        return None
    try:
        code = int(raw)
    except (TypeError, ValueError) as error:
        raise Refusal("Kode Dokter Tidak Sesuai") from error
    doctor = Doctor.objects.filter(poli_id=context.poli_id, bpjs_code=code, is_active=True).first()
    if doctor is None:
        raise Refusal("Dokter Tidak Ditemukan")
    hours = _text(body, "jampraktek")
    if hours and hours != doctor.practice_hours:
        raise Refusal(f"Jadwal Dokter {doctor.name} Tidak Sesuai ({doctor.practice_hours})")
    return doctor.pk


def antrean_take(bridge: FacilityBridge, body: dict[str, Any]) -> dict[str, Any]:
    """Two queries before the core's issue (the poli with the card's name at this puskesmas;
    the core's checks) and none after: the answer's people ahead and number being called
    come back from the issue itself."""
    card = check_card(_text(body, "nomorkartu"))
    nik = check_patient_nik(_text(body, "nik"))
    context = selectors.take_context(bridge.facility_id, _text(body, "kodepoli"), card)
    if context is None:
        raise Refusal(MSG_POLI)
    day = parse_date(_text(body, "tanggalperiksa"))
    doctor_id = _doctor(context, body)
    if not context.known:
        raise Refusal(MSG_NEW, code=NEW_PATIENT)
    try:
        with serving_mobilejkn():
            issued = queue_services.ticket_take(
                actor=None,
                poli_id=context.poli_id,
                service_date=day,
                channel=Channel.MOBILEJKN,
                name=context.name,
                nik=nik,
                card_number=card,
                phone=_text(body, "nohp"),
                complaint=_text(body, "keluhan"),
                doctor_id=doctor_id,
                norm=_text(body, "norm"),
            )
    except PoliNotBookable as error:  # the core's rule, in Mobile JKN's wording
        raise Refusal(MSG_NOT_ONLINE) from error
    except GardaError as error:
        raise Refusal(error.message_id) from error
    ticket = issued.ticket
    eta = ticket.eta_at_issue
    note = NOTE_EARLY
    if eta is not None:
        note += f" Perkiraan dipanggil pukul {timezone.localtime(eta):%H:%M} WIB."
    return envelope(
        {
            "nomorantrean": ticket.display_number,
            "angkaantrean": ticket.number,
            "namapoli": context.poli_name,
            "sisaantrean": issued.people_ahead,
            "antreanpanggil": issued.now_calling or "-",
            "keterangan": note,
        }
    )


# --- Row 4: sisa antrean peserta ----------------------------------------------------------------


def sisa_peserta(
    bridge: FacilityBridge, nomorkartu: str, kodepoli: str, tanggal: str
) -> dict[str, Any]:
    card = check_card(nomorkartu)
    poli = find_poli(bridge, kodepoli)
    day = parse_date(tanggal)
    ticket = queue.ticket_find_active(poli_id=poli.pk, service_date=day, card_number=card)
    if ticket is None:
        raise Refusal(MSG_NOT_FOUND)
    eta = queue.ticket_eta(ticket)
    note = ""
    if eta is not None:
        note = f"Perkiraan dipanggil pukul {timezone.localtime(eta):%H:%M} WIB."
    return envelope(
        {
            "nomorantrean": ticket.display_number,
            "namapoli": poli.name,
            "sisaantrean": queue.people_ahead(ticket),
            "antreanpanggil": selectors.now_calling(poli, day) or "-",
            "keterangan": note,
        }
    )


# --- Row 5: batal antrean ----------------------------------------------------------------------


def antrean_batal(bridge: FacilityBridge, body: dict[str, Any]) -> dict[str, Any]:
    card = check_card(_text(body, "nomorkartu"))
    poli = find_poli(bridge, _text(body, "kodepoli"))
    day = parse_date(_text(body, "tanggalperiksa"), allow_past=True)
    ticket = selectors.ticket_of_card(poli_id=poli.pk, service_date=day, card_number=card)
    if ticket is None:
        raise Refusal(MSG_NOT_FOUND)
    if ticket.status not in (TicketStatus.BOOKED, TicketStatus.CHECKED_IN):
        raise Refusal(MSG_SERVED)
    reason = _text(body, "keterangan") or "Dibatalkan melalui Mobile JKN"
    try:
        with serving_mobilejkn():
            queue_services.ticket_cancel(
                actor=None, ticket_id=ticket.pk, reason=reason, channel=Channel.MOBILEJKN
            )
    except GardaError as error:
        raise Refusal(error.message_id) from error
    return envelope()


# --- Row 6: pasien baru ------------------------------------------------------------------------

REGION_FIELDS = (
    "kodeprop", "namaprop", "kodedati2", "namadati2", "kodekec", "namakec", "kodekel", "namakel",
)  # fmt: skip


def peserta_register(bridge: FacilityBridge, body: dict[str, Any]) -> dict[str, Any]:
    card = check_card(_text(body, "nomorkartu"))
    nik = check_patient_nik(_text(body, "nik"))
    family_card = check_family_card(_text(body, "nomorkk"))
    name = _text(body, "nama")
    if not name:
        raise Refusal("Nama Belum Diisi")
    sex = _text(body, "jeniskelamin").upper()
    if sex not in Sex.values:
        raise Refusal("Jenis Kelamin Tidak Sesuai (L/P)")
    born_text = _text(body, "tanggallahir")
    if not DATE.match(born_text):
        raise Refusal("Format Tanggal Lahir Tidak Sesuai, format yang benar adalah yyyy-mm-dd")
    try:
        born = dt.date.fromisoformat(born_text)
    except ValueError as error:
        raise Refusal("Format Tanggal Lahir Tidak Sesuai") from error
    if born > timezone.localdate():
        raise Refusal("Tanggal Lahir Tidak Sesuai")
    if not _text(body, "alamat"):
        raise Refusal("Alamat Belum Diisi")
    for field in REGION_FIELDS:
        if not _text(body, field):
            raise Refusal(f"{field.capitalize()} Belum Diisi")
    for field in ("rt", "rw"):
        value = _text(body, field)
        if not value or not value.isdigit() or len(value) > 3:
            raise Refusal(f"Format {field.upper()} Tidak Sesuai")
    try:
        patient_register(
            facility_id=bridge.facility_id,
            card_number=card,
            nik=nik,
            family_card=family_card,
            name=name,
            sex=sex,
            birth_date=born,
            address=_text(body, "alamat"),
            region={field: _text(body, field) for field in REGION_FIELDS},
            rt=_text(body, "rt"),
            rw=_text(body, "rw"),
        )
    except Conflict as error:
        raise Refusal(MSG_KNOWN) from error
    return envelope()


__all__ = ["FAILED"]
