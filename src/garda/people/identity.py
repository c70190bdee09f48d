"""Identity numbers of ASN and residents (NIP, NI PPPK, NIK), checked in one place.

Layouts (../shared/domain/asn.md):
- NIP PNS, 18 digits: birth date YYYYMMDD, TMT CPNS YYYYMM, gender (1 male, 2 female),
  sequence 001-999.
- NI PPPK, 18 digits, starts with the birth date; the rest is not published, so only length,
  digits and birth date are checked.
- NIK, 16 digits: province, kabupaten/kota, kecamatan, DDMMYY (day + 40 for women), sequence.

Every failure names the part that is wrong, in Indonesian and English.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from garda.core.errors import ValidationFailed

MIN_CPNS_AGE = 18  # a CPNS is at least 18 at appointment (UU ASN)

_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


class InvalidIdentityNumber(ValidationFailed):
    code = "invalid_identity_number"


@dataclass(frozen=True)
class NipInfo:
    birth_date: dt.date
    tmt_cpns_year: int
    tmt_cpns_month: int
    gender: str  # "L" or "P"
    sequence: int


def _fail(message_id: str, message_en: str) -> InvalidIdentityNumber:
    return InvalidIdentityNumber(message_id, message_en)


def _digits(value: str, length: int, name: str) -> str:
    text = value.strip()
    if _SCIENTIFIC.match(text) or (text.replace(".", "", 1).isdigit() and "." in text):
        raise _fail(
            f"{name} terbaca sebagai angka ({text}); digitnya sudah hilang. Simpan kolom {name} "
            "sebagai Teks di Excel lalu ketik ulang.",
            f"{name} was read as a number ({text}) and has lost digits. Format the {name} "
            "column as Text in Excel and re-enter it.",
        )
    if not text.isdigit():
        raise _fail(f"{name} hanya boleh berisi angka.", f"{name} must contain digits only.")
    if len(text) != length:
        raise _fail(
            f"{name} harus {length} digit (terisi {len(text)}).",
            f"{name} must have {length} digits (got {len(text)}).",
        )
    return text


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_nip(value: str) -> NipInfo:
    nip = _digits(value, 18, "NIP")
    birth = _date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if birth is None:
        raise _fail(
            f"NIP digit 1-8 ({nip[0:8]}) bukan tanggal lahir yang valid.",
            f"NIP digits 1-8 ({nip[0:8]}) are not a valid birth date.",
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < 1900:
        raise _fail(
            f"NIP digit 9-14 ({nip[8:14]}) bukan tahun-bulan TMT CPNS yang valid.",
            f"NIP digits 9-14 ({nip[8:14]}) are not a valid CPNS start year-month.",
        )
    if (year, month) < (birth.year + MIN_CPNS_AGE, birth.month):
        raise _fail(
            f"NIP: TMT CPNS {nip[8:12]}-{nip[12:14]} terlalu dekat dengan tanggal lahir "
            f"(usia CPNS minimal {MIN_CPNS_AGE} tahun).",
            f"NIP: CPNS start {nip[8:12]}-{nip[12:14]} is too soon after the birth date "
            f"(a CPNS is at least {MIN_CPNS_AGE}).",
        )
    if nip[14] not in "12":
        raise _fail(
            f"NIP digit 15 ({nip[14]}) harus 1 (laki-laki) atau 2 (perempuan).",
            f"NIP digit 15 ({nip[14]}) must be 1 (male) or 2 (female).",
        )
    sequence = int(nip[15:18])
    if sequence == 0:
        raise _fail(
            "NIP digit 16-18 (nomor urut) tidak boleh 000.",
            "NIP digits 16-18 (sequence) cannot be 000.",
        )
    return NipInfo(
        birth_date=birth,
        tmt_cpns_year=year,
        tmt_cpns_month=month,
        gender="L" if nip[14] == "1" else "P",
        sequence=sequence,
    )


def nip_disagreements(
    nip: str, *, birth_date: dt.date | None, gender: str | None
) -> list[tuple[str, str]]:
    """(Indonesian, English) messages for each stored fact the NIP contradicts."""
    info = parse_nip(nip)
    problems: list[tuple[str, str]] = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append(
            (
                f"Tanggal lahir {birth_date:%d-%m-%Y} tidak cocok dengan NIP "
                f"(digit 1-8: {info.birth_date:%d-%m-%Y}).",
                f"Birth date {birth_date:%d-%m-%Y} does not match the NIP "
                f"(digits 1-8: {info.birth_date:%d-%m-%Y}).",
            )
        )
    if gender and gender != info.gender:
        problems.append(
            (
                f"Jenis kelamin {gender} tidak cocok dengan NIP (digit 15: {info.gender}).",
                f"Gender {gender} does not match the NIP (digit 15: {info.gender}).",
            )
        )
    return problems


def check_nip_against(nip: str, *, birth_date: dt.date | None, gender: str | None) -> NipInfo:
    problems = nip_disagreements(nip, birth_date=birth_date, gender=gender)
    if problems:
        raise _fail(" ".join(p[0] for p in problems), " ".join(p[1] for p in problems))
    return parse_nip(nip)


def parse_ni_pppk(value: str) -> dt.date:
    """NI PPPK: 18 digits starting with the birth date; returns that date."""
    number = _digits(value, 18, "NI PPPK")
    birth = _date(int(number[0:4]), int(number[4:6]), int(number[6:8]))
    if birth is None:
        raise _fail(
            f"NI PPPK digit 1-8 ({number[0:8]}) bukan tanggal lahir yang valid.",
            f"NI PPPK digits 1-8 ({number[0:8]}) are not a valid birth date.",
        )
    return birth


@dataclass(frozen=True)
class NikInfo:
    province: str
    regency: str
    district: str
    birth_date_ddmmyy: tuple[int, int, int]
    gender: str


def parse_nik(value: str) -> NikInfo:
    nik = _digits(value, 16, "NIK")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = "L"
    if day > 40:
        day -= 40
        gender = "P"
    # The two-digit year cannot tell 1925 from 2025; any century that makes a real date will do.
    if _date(2000 + yy, month, day) is None and _date(1900 + yy, month, day) is None:
        raise _fail(
            f"NIK digit 7-12 ({nik[6:12]}) bukan tanggal lahir yang valid.",
            f"NIK digits 7-12 ({nik[6:12]}) are not a valid birth date.",
        )
    if nik[0:2] == "00" or nik[2:4] == "00":
        raise _fail(
            "NIK digit 1-4 harus kode provinsi dan kabupaten/kota.",
            "NIK digits 1-4 must be a province and regency code.",
        )
    if nik[12:16] == "0000":
        raise _fail(
            "NIK digit 13-16 (nomor urut) tidak boleh 0000.",
            "NIK digits 13-16 (sequence) cannot be 0000.",
        )
    return NikInfo(nik[0:2], nik[0:4], nik[0:6], (day, month, yy), gender)


def make_nip(birth_date: dt.date, tmt_year: int, tmt_month: int, gender: str, sequence: int) -> str:
    """Build a NIP from its parts (demo data and tests)."""
    return (
        f"{birth_date:%Y%m%d}{tmt_year:04d}{tmt_month:02d}"
        f"{'1' if gender == 'L' else '2'}{sequence:03d}"
    )
