"""Sub-kegiatan codes of Permendagri 90/2019 and the level rule.

`1.02.02.1.01.0001` = urusan (1) . bidang urusan (2) . program (2) . level (1) . kegiatan (2)
. sub-kegiatan (4). Level 1 is a province's line, 2 a kabupaten/kota's. The program is the
first three segments, the kegiatan the first five. Old exports carry a 2-digit sub-kegiatan
(`1.02.02.1.01.01`), normalised here to 4 digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVEL_PROVINSI = "1"
LEVEL_KABUPATEN_KOTA = "2"
LEVELS = (LEVEL_PROVINSI, LEVEL_KABUPATEN_KOTA)

_SHAPE = re.compile(r"^(\d)\.(\d{2})\.(\d{2})\.(\d)\.(\d{2})\.(\d{2}|\d{4})$")
_WHITESPACE = re.compile(r"\s+")
EXAMPLE = "1.02.02.1.01.0001"


class CodeError(ValueError):
    """A code that is not in the Permendagri 90/2019 form; Indonesian and English."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


@dataclass(frozen=True)
class SubKegiatanCode:
    urusan: str
    bidang: str
    program: str
    level: str
    kegiatan: str
    sub: str

    @property
    def full(self) -> str:
        return f"{self.kegiatan_code}.{self.sub}"

    @property
    def bidang_code(self) -> str:
        return f"{self.urusan}.{self.bidang}"

    @property
    def program_code(self) -> str:
        return f"{self.urusan}.{self.bidang}.{self.program}"

    @property
    def kegiatan_code(self) -> str:
        return f"{self.program_code}.{self.level}.{self.kegiatan}"

    def __str__(self) -> str:
        return self.full


def parse_sub_kegiatan_code(text: str) -> SubKegiatanCode:
    """Parse and normalise a sub-kegiatan code; CodeError says what is wrong with it."""
    compact = _WHITESPACE.sub("", str(text))
    match = _SHAPE.fullmatch(compact)
    if match is None:
        raise CodeError(
            f"Kode {compact!r} tidak berbentuk kode sub kegiatan Permendagri 90/2019 "
            f"(contoh {EXAMPLE}).",
            f"Code {compact!r} is not a Permendagri 90/2019 sub-kegiatan code (e.g. {EXAMPLE}).",
        )
    urusan, bidang, program, level, kegiatan, sub = match.groups()
    if level not in LEVELS:
        raise CodeError(
            f"Segmen ke-4 kode {compact} harus 1 (provinsi) atau 2 (kabupaten/kota), "
            f"bukan {level}.",
            f"The 4th segment of code {compact} must be 1 (province) or 2 (regency/city), "
            f"not {level}.",
        )
    return SubKegiatanCode(urusan, bidang, program, level, kegiatan, sub.zfill(4))


def level_of_instansi(instansi_code: str) -> str:
    """The level digit an instansi's lines must carry. Instansi codes are Kemendagri's kode
    wilayah: two digits for a province ("15"), province.regency for a kabupaten/kota
    ("15.71")."""
    return LEVEL_PROVINSI if "." not in instansi_code else LEVEL_KABUPATEN_KOTA


def level_name(level: str) -> tuple[str, str]:
    """(Indonesian, English) name of a level digit."""
    if level == LEVEL_PROVINSI:
        return "provinsi", "province"
    return "kabupaten/kota", "regency/city"
