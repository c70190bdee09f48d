"""SIASN's and people's own words for ASN data, mapped to Garda's values: genders, statuses,
education levels, golongan, and the jabatan kind a SIASN row implies.

- JENIS JABATAN NAMA "Struktural": the export has no eselon, so the jabatan name decides:
  Sekretaris Daerah Provinsi -> JPT Madya; Kepala Dinas/Badan, Sekretaris Daerah/DPRD,
  Inspektur, Asisten, Staf Ahli, Direktur, Kepala Satuan -> JPT Pratama; Kepala Seksi,
  Kepala Sub(bagian/bidang), Kasubag, Kasi, Lurah -> Pengawas; any other -> Administrator.
- "Fungsional (Tertentu)": the level is the suffix of the jabatan name (Ahli Pertama/Muda/
  Madya/Utama, Pemula/Terampil/Mahir/Penyelia). "Fungsional Umum"/"Pelaksana" -> Pelaksana.
"""

from __future__ import annotations

import re

from django.core.validators import EmailValidator

from garda.people.models import EmployeeKind, EmployeeStatus, Gender
from garda.people.reference_data import GOLONGAN_PPPK

GENDERS: dict[str, str] = {
    "l": Gender.L, "laki-laki": Gender.L, "laki laki": Gender.L, "lakilaki": Gender.L,
    "pria": Gender.L, "m": Gender.L, "male": Gender.L, "1": Gender.L,
    "p": Gender.P, "perempuan": Gender.P, "wanita": Gender.P, "w": Gender.P, "f": Gender.P,
    "female": Gender.P, "2": Gender.P,
}  # fmt: skip

# How exports and the template write a status; imports read these back (and SIASN's names).
STATUS_NAMES: dict[str, str] = {
    EmployeeStatus.AKTIF: "Aktif",
    EmployeeStatus.CUTI: "Cuti",
    EmployeeStatus.TUGAS_BELAJAR: "Tugas Belajar",
    EmployeeStatus.DIBERHENTIKAN_SEMENTARA: "Diberhentikan Sementara",
    EmployeeStatus.PENSIUN: "Pensiun",
    EmployeeStatus.BERHENTI: "Berhenti",
    EmployeeStatus.MENINGGAL: "Meninggal Dunia",
}
STATUSES: dict[str, str] = {
    "active": EmployeeStatus.AKTIF,
    "cltn": EmployeeStatus.CUTI,
    "cuti diluar tanggungan negara": EmployeeStatus.CUTI,
    "cuti di luar tanggungan negara": EmployeeStatus.CUTI,
    "perpanjangan cltn": EmployeeStatus.CUTI,
    "pemberhentian sementara": EmployeeStatus.DIBERHENTIKAN_SEMENTARA,
    "berhenti sementara": EmployeeStatus.DIBERHENTIKAN_SEMENTARA,
    "meninggal": EmployeeStatus.MENINGGAL,
    "wafat": EmployeeStatus.MENINGGAL,
    "diberhentikan": EmployeeStatus.BERHENTI,
    "pemberhentian": EmployeeStatus.BERHENTI,
    "diberhentikan dengan hormat": EmployeeStatus.BERHENTI,
    "diberhentikan tidak dengan hormat": EmployeeStatus.BERHENTI,
    "mengundurkan diri": EmployeeStatus.BERHENTI,
    **{str(value).replace("_", " "): value for value in EmployeeStatus.values},
    **{name.casefold(): value for value, name in STATUS_NAMES.items()},
}

EDUCATION_ALIASES: dict[str, tuple[str, ...]] = {
    "SD": ("sd", "sekolahdasar", "sr", "mi"),
    "SMP": ("smp", "sltp", "mts", "sekolahmenengahpertama", "sltpkejuruan"),
    "SMA": ("sma", "slta", "smk", "smu", "ma", "stm", "smea", "spk", "sltakejuruan",
            "sekolahmenengahatas", "sekolahmenengahkejuruan"),
    "D1": ("d1", "di", "diplomai", "diploma1"),
    "D2": ("d2", "dii", "diplomaii", "diploma2"),
    "D3": ("d3", "diii", "diplomaiii", "diploma3", "sarjanamuda"),
    "D4": ("d4", "div", "diplomaiv", "diploma4", "sarjanaterapan"),
    "S1": ("s1", "sarjana", "strata1", "s1sarjana", "sarjanas1"),
    "S2": ("s2", "magister", "master", "pascasarjana", "strata2", "s2magister"),
    "S3": ("s3", "doktor", "doktoral", "strata3", "s3doktor"),
}  # fmt: skip

_FUNGSIONAL_LEVELS = ("ahli utama", "ahli madya", "ahli muda", "ahli pertama",
                      "penyelia", "mahir", "terampil", "pemula")  # fmt: skip
_JPT_MADYA_PREFIXES = ("sekretaris daerah provinsi",)
_JPT_PRATAMA_PREFIXES = ("kepala dinas", "kepala badan", "sekretaris daerah",
                         "sekretaris dprd", "inspektur", "asisten", "staf ahli", "direktur",
                         "kepala satuan")  # fmt: skip
_PENGAWAS_PREFIXES = ("kepala seksi", "kepala sub", "kasubag", "kasubbag", "kasi ", "lurah",
                      "kepala urusan")  # fmt: skip

_GOLONGAN = re.compile(r"(\d{1,2}|[IVX]+)\s*(?:[/\-.]?\s*([A-E])(?![A-Z]))?", re.IGNORECASE)
PHONE = re.compile(r"[0-9+()\-./ ]*")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_ROMAN = {str(n): roman for n, roman in enumerate(GOLONGAN_PPPK, start=1)}  # "3" -> "III"
email_validator = EmailValidator()


def norm(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def golongan_key(text: str) -> str:
    """ "III/a", "iii a", "3a", "III-A - Penata Muda" -> "III/a"; "ix" -> "IX"."""
    match = _GOLONGAN.match(text.strip())
    if match is None:
        return text.strip()
    roman, letter = match.groups()
    roman = _ROMAN.get(roman, roman.upper())
    return f"{roman}/{letter.lower()}" if letter else roman


def jabatan_kind_code(kind_text: str, jabatan_name: str) -> str | None:
    """SIASN's JENIS JABATAN NAMA (+ the jabatan name) -> a JabatanKind code (module doc)."""
    kind = norm(kind_text)
    name = norm(jabatan_name)
    if "umum" in kind or "pelaksana" in kind:
        return "pelaksana"
    if "fungsional" in kind or "tertentu" in kind:
        for level in _FUNGSIONAL_LEVELS:
            if name.endswith(level) or f"{level} " in f"{name} ":
                return "fungsional_" + level.replace(" ", "_")
        return None
    if "struktural" in kind:
        if name.startswith(_JPT_MADYA_PREFIXES):
            return "jpt_madya"
        if name.startswith(_JPT_PRATAMA_PREFIXES):
            return "jpt_pratama"
        if name.startswith(_PENGAWAS_PREFIXES):
            return "pengawas"
        return "administrator"
    return None


def employee_kind_of(text: str) -> str | None:
    folded = text.casefold()
    if not folded:
        return None
    if "pppk" in folded or "p3k" in folded or "perjanjian kerja" in folded:
        return EmployeeKind.PPPK
    if "pns" in folded or "negeri sipil" in folded or folded in {"p", "c"}:
        return EmployeeKind.PNS
    return None
