"""Identity numbers (NIK, NIP, NI PPPK, BPJS card, KK): their one canonical form, their one
check each, and their one mask. Every page, API, import, bridge and migration calls these, so
two paths can never accept different inputs for the same number (decision 0010).

Canonical form, taken before any check, uniqueness test or lookup: NFKC, then every Unicode
decimal digit (category Nd: Arabic-Indic, Devanagari, fullwidth, ...) mapped to its ASCII
digit — NFKC alone leaves Arabic-Indic and Devanagari digits as they are, so a NIK typed
with U+0661 U+0665 ... and `15...` would otherwise be two people — then spaces, dashes and
dot groups removed.

Layouts (../shared/domain/asn.md):
- NIP PNS, 18 digits: birth date YYYYMMDD, TMT CPNS YYYYMM, gender (1 male, 2 female),
  sequence 001-999.
- NI PPPK, 18 digits, starts with the birth date; the rest is not published, so only length,
  digits and birth date are checked.
- NIK, 16 digits: province, kabupaten/kota, kecamatan, DDMMYY (day + 40 for women), sequence.
- BPJS card (nomor kartu JKN), 13 digits.

Every failure names the part that is wrong, in Indonesian and English.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from garda.core.errors import ValidationFailed

MIN_CPNS_AGE = 18  # a CPNS is at least 18 at appointment (UU ASN)
NIK_LENGTH = 16
NIP_LENGTH = 18
CARD_LENGTH = 13
VISIBLE_DIGITS = 4  # public pages and the public log show the last four digits only

# How Excel shows a long number it has turned into a float: 1.99001E+17, or 1990010120.5.
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
_ONE_DECIMAL_POINT = re.compile(r"^\d+\.\d+$")
_SEPARATORS = re.compile(r"[\s.\-]")


class InvalidIdentityNumber(ValidationFailed):
    code = "invalid_identity_number"


def _fail(message_id: str, message_en: str) -> InvalidIdentityNumber:
    return InvalidIdentityNumber(message_id, message_en)


def _ascii_digits(text: str) -> str:
    return "".join(
        str(unicodedata.decimal(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text
    )


def canonical_digits(value: object) -> str:
    """The canonical form of an identity number as typed: NFKC, every decimal digit as ASCII,
    spaces, dashes and dots removed. Anything else (letters) is kept, for the check to refuse."""
    text = _ascii_digits(unicodedata.normalize("NFKC", "" if value is None else str(value)))
    return _SEPARATORS.sub("", text)


def _digits(value: object, length: int, name: str) -> str:
    text = _ascii_digits(unicodedata.normalize("NFKC", "" if value is None else str(value)))
    text = text.strip()
    if _SCIENTIFIC.match(text) or _ONE_DECIMAL_POINT.match(text):
        raise _fail(
            f"{name} terbaca sebagai angka ({text}); digitnya sudah hilang. Simpan kolom {name} "
            "sebagai Teks di Excel lalu ketik ulang.",
            f"{name} was read as a number ({text}) and has lost digits. Format the {name} "
            "column as Text in Excel and re-enter it.",
        )
    text = _SEPARATORS.sub("", text)
    if not (text.isascii() and text.isdigit()):
        raise _fail(f"{name} hanya boleh berisi angka.", f"{name} must contain digits only.")
    if len(text) != length:
        raise _fail(
            f"{name} harus {length} digit (terisi {len(text)}).",
            f"{name} must have {length} digits (got {len(text)}).",
        )
    if not text.strip("0"):
        raise _fail(f"{name} tidak boleh semuanya nol.", f"{name} cannot be all zeros.")
    return text


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- NIP and NI PPPK ------------------------------------------------------------------------


@dataclass(frozen=True)
class NipInfo:
    number: str  # canonical
    birth_date: dt.date
    tmt_cpns_year: int
    tmt_cpns_month: int
    gender: str  # "L" or "P"
    sequence: int


def _birth_date_prefix(number: str, name: str) -> dt.date:
    birth = _date(int(number[0:4]), int(number[4:6]), int(number[6:8]))
    if birth is None:
        raise _fail(
            f"{name} digit 1-8 ({number[0:8]}) bukan tanggal lahir yang valid.",
            f"{name} digits 1-8 ({number[0:8]}) are not a valid birth date.",
        )
    return birth


def parse_nip(value: object) -> NipInfo:
    nip = _digits(value, NIP_LENGTH, "NIP")
    birth = _birth_date_prefix(nip, "NIP")
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
        number=nip,
        birth_date=birth,
        tmt_cpns_year=year,
        tmt_cpns_month=month,
        gender="L" if nip[14] == "1" else "P",
        sequence=sequence,
    )


def stored_nip_tmt_cpns(nip: str) -> dt.date | None:
    """TMT CPNS (the first of its month) of a NIP as the registry stores it: 18 ASCII digits,
    checked when it was written (`parse_nip`). For reading tens of thousands at once, so only
    digits 9-14 are read; None for anything that is not such a NIP."""
    if len(nip) != NIP_LENGTH or not (nip.isascii() and nip.isdigit()):
        return None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < 1900:
        return None
    return dt.date(year, month, 1)


def check_nip(value: object) -> str:
    """The canonical NIP, or InvalidIdentityNumber naming the wrong part."""
    return parse_nip(value).number


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


def parse_ni_pppk(value: object) -> dt.date:
    """NI PPPK: 18 digits starting with the birth date; returns that date."""
    return _birth_date_prefix(_digits(value, NIP_LENGTH, "NI PPPK"), "NI PPPK")


def check_ni_pppk(value: object) -> str:
    number = _digits(value, NIP_LENGTH, "NI PPPK")
    _birth_date_prefix(number, "NI PPPK")
    return number


def check_asn_number(value: object) -> str:
    """A NIP or NI PPPK whose kind is not known (sign-in, attendance lists): what both share,
    18 digits opening with a birth date. Used to find an ASN, never to register one."""
    number = _digits(value, NIP_LENGTH, "NIP")
    _birth_date_prefix(number, "NIP")
    return number


def make_nip(birth_date: dt.date, tmt_year: int, tmt_month: int, gender: str, sequence: int) -> str:
    """Build a NIP from its parts (demo data and tests)."""
    return (
        f"{birth_date:%Y%m%d}{tmt_year:04d}{tmt_month:02d}"
        f"{'1' if gender == 'L' else '2'}{sequence:03d}"
    )


# --- NIK, KK, BPJS card ---------------------------------------------------------------------


@dataclass(frozen=True)
class NikInfo:
    number: str  # canonical
    province: str
    regency: str
    district: str
    birth_date_ddmmyy: tuple[int, int, int]
    gender: str


def _region(number: str, name: str) -> None:
    if number[0:2] == "00" or number[2:4] == "00" or number[4:6] == "00":
        raise _fail(
            f"{name} digit 1-6 harus kode provinsi, kabupaten/kota dan kecamatan.",
            f"{name} digits 1-6 must be a province, regency and district code.",
        )


def parse_nik(value: object) -> NikInfo:
    nik = _digits(value, NIK_LENGTH, "NIK")
    _region(nik, "NIK")
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
    if nik[12:16] == "0000":
        raise _fail(
            "NIK digit 13-16 (nomor urut) tidak boleh 0000.",
            "NIK digits 13-16 (sequence) cannot be 0000.",
        )
    return NikInfo(nik, nik[0:2], nik[0:4], nik[0:6], (day, month, yy), gender)


def check_nik(value: object) -> str:
    """The canonical NIK, or InvalidIdentityNumber naming the wrong part."""
    return parse_nik(value).number


def make_nik(serial: int, *, region: str = "157101") -> str:
    """A valid NIK numbered `serial` (demo data and tests): born 1 January of a year that
    moves on every 9,999 serials, so serials below 999,900 give distinct NIKs."""
    year, sequence = divmod(serial, 9999)
    return f"{region}0101{year % 100:02d}{sequence + 1:04d}"


def check_family_card_number(value: object) -> str:
    """Nomor KK: 16 digits opening with the region codes, like a NIK; its date part is the
    issue date, whose layout is not published, so it is not checked."""
    number = _digits(value, NIK_LENGTH, "Nomor KK")
    _region(number, "Nomor KK")
    return number


def check_card_number(value: object) -> str:
    """Nomor kartu JKN (BPJS Kesehatan): 13 digits."""
    return _digits(value, CARD_LENGTH, "Nomor kartu BPJS")


# --- Masking --------------------------------------------------------------------------------


def mask_identifier(value: object) -> str:
    """`1571015503900001` -> `************0001`: the last four digits only, wherever a NIK,
    NIP or card number is shown to someone who need not read it. Values of four digits or
    fewer are hidden entirely (their last four would be all of them)."""
    text = canonical_digits(value)
    if len(text) <= VISIBLE_DIGITS:
        return "*" * len(text)
    return "*" * (len(text) - VISIBLE_DIGITS) + text[-VISIBLE_DIGITS:]
