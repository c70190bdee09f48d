"""One raw import row -> the values `people.services` writes, or the reasons it cannot be.

Every check a model's `full_clean` would make is made here by hand, against reference data
and units loaded once into dictionaries (`Lookups`): 60,000 rows must not mean 60,000
queries, nor 60,000 `full_clean` calls. Messages are Indonesian with an English twin.

SIASN's own names are mapped here as well (documented where they are decided):
- JENIS JABATAN NAMA "Struktural": the export has no eselon, so the jabatan name decides:
  Sekretaris Daerah Provinsi -> JPT Madya; Kepala Dinas/Badan, Sekretaris Daerah/DPRD,
  Inspektur, Asisten, Staf Ahli, Direktur, Kepala Satuan -> JPT Pratama; Kepala Seksi,
  Kepala Sub(bagian/bidang), Kasubag, Kasi, Lurah -> Pengawas; any other -> Administrator.
- "Fungsional (Tertentu)": the level is the suffix of the jabatan name (Ahli Pertama/Muda/
  Madya/Utama, Pemula/Terampil/Mahir/Penyelia). "Fungsional Umum"/"Pelaksana" -> Pelaksana.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from garda.core.access import sees_everything, units_visible_to
from garda.core.errors import ValidationFailed
from garda.core.identity import (
    canonical_digits,
    nip_disagreements,
    parse_ni_pppk,
    parse_nik,
    parse_nip,
)
from garda.core.models import Unit, UnitKind, User
from garda.core.spreadsheets.cells import cell_text, identity_digits, parse_date
from garda.core.spreadsheets.errors import CellError, RowError
from garda.people.imports.reader import GARDA, TEMPLATE_COLUMNS
from garda.people.models import (
    EducationLevel,
    EmployeeKind,
    EmployeeStatus,
    Gender,
    Golongan,
    JabatanKind,
)
from garda.people.reference_data import GOLONGAN_PPPK

MAX_LENGTHS: dict[str, int] = {
    "name": 150,
    "gelar_depan": 40,
    "gelar_belakang": 60,
    "birth_place": 80,
    "jabatan_name": 200,
    "education_major": 120,
    "education_institution": 150,
    "email": 254,
    "phone": 20,
}
# Plain text fields copied as they are (after trimming and the length check).
TEXT_KEYS = ("gelar_depan", "gelar_belakang", "birth_place", "education_major",
             "education_institution")  # fmt: skip

_DEFAULT_LABELS: dict[str, str] = {
    **dict(TEMPLATE_COLUMNS),
    "nik": "NIK",
    "kind_cpns": "STATUS CPNS PNS",
    "unit_code": "UNOR ID",
    "instansi": "INSTANSI KERJA NAMA",
    "email_gov": "EMAIL GOV",
}

_GENDERS: dict[str, str] = {
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
_STATUSES: dict[str, str] = {
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

_EDUCATION_ALIASES: dict[str, tuple[str, ...]] = {
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
_PHONE = re.compile(r"[0-9+()\-./ ]*")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_ROMAN = {str(n): roman for n, roman in enumerate(GOLONGAN_PPPK, start=1)}  # "3" -> "III"
_email_validator = EmailValidator()


@dataclass
class ParsedRow:
    row: int
    nip: str
    values: dict[str, Any]


def _norm(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


@dataclass
class Lookups:
    """Reference data and units, loaded once per import."""

    golongan: dict[tuple[str, str], int]
    jabatan: dict[str, int]
    education: dict[str, int]
    unit_by_code: dict[str, tuple[int, str]]
    units_by_name: dict[str, list[tuple[int, str]]]
    instansi_path_by_name: dict[str, str]
    allowed_unit_ids: frozenset[int] | None  # None: every unit
    golongan_codes: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, actor: User | None) -> Lookups:
        golongan: dict[tuple[str, str], int] = {}
        codes: dict[str, list[str]] = {}
        for pk, kind, code in Golongan.objects.order_by("kind", "rank").values_list(
            "pk", "kind", "code"
        ):
            golongan[(kind, _golongan_key(code))] = pk
            codes.setdefault(kind, []).append(code)
        jabatan: dict[str, int] = {}
        for pk, code, name in JabatanKind.objects.values_list("pk", "code", "name"):
            jabatan[_norm(code)] = pk
            jabatan[_norm(name)] = pk
        education: dict[str, int] = {}
        level_ids = dict(EducationLevel.objects.values_list("code", "pk"))
        for code, aliases in _EDUCATION_ALIASES.items():
            if code in level_ids:
                for alias in aliases:
                    education[alias] = level_ids[code]
        for pk, code, name in EducationLevel.objects.values_list("pk", "code", "name"):
            education[_compact(code)] = pk
            education[_compact(name)] = pk
        by_code: dict[str, tuple[int, str]] = {}
        by_name: dict[str, list[tuple[int, str]]] = {}
        instansi: dict[str, str] = {}
        for pk, code, name, kind, path in Unit.objects.values_list(
            "pk", "code", "name", "kind", "path"
        ):
            by_code[code.casefold()] = (pk, path)
            by_name.setdefault(_norm(name), []).append((pk, path))
            if kind == UnitKind.INSTANSI:
                instansi[_norm(name)] = path
        allowed: frozenset[int] | None = None
        if actor is not None and not sees_everything(actor):
            allowed = frozenset(units_visible_to(actor).values_list("pk", flat=True))
        return cls(golongan, jabatan, education, by_code, by_name, instansi, allowed, codes)


def _golongan_key(text: str) -> str:
    """ "III/a", "iii a", "3a", "III-A - Penata Muda" -> "III/a"; "ix" -> "IX"."""
    match = _GOLONGAN.match(text.strip())
    if match is None:
        return text.strip()
    roman, letter = match.groups()
    roman = _ROMAN.get(roman, roman.upper())
    return f"{roman}/{letter.lower()}" if letter else roman


def jabatan_kind_code(kind_text: str, jabatan_name: str) -> str | None:
    """SIASN's JENIS JABATAN NAMA (+ the jabatan name) -> a JabatanKind code (module doc)."""
    kind = _norm(kind_text)
    name = _norm(jabatan_name)
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


def _kind(text: str) -> str | None:
    folded = text.casefold()
    if not folded:
        return None
    if "pppk" in folded or "p3k" in folded or "perjanjian kerja" in folded:
        return EmployeeKind.PPPK
    if "pns" in folded or "negeri sipil" in folded or folded in {"p", "c"}:
        return EmployeeKind.PNS
    return None


class RowParser:
    """Parses the rows of one file; remembers NIPs and NIKs to report duplicates."""

    def __init__(
        self,
        lookups: Lookups,
        *,
        columns: Mapping[str, str],
        fmt: str = GARDA,
        today: dt.date | None = None,
    ) -> None:
        self.lookups = lookups
        self.columns = dict(columns)
        self.fmt = fmt
        self.today = today or dt.date.today()  # noqa: DTZ011  # a calendar date, compared to dates
        self.present = frozenset(columns)
        self.first_row_of_nip: dict[str, int] = {}
        self.first_row_of_nik: dict[str, int] = {}

    def label(self, key: str) -> str:
        return self.columns.get(key) or _DEFAULT_LABELS.get(key, key)

    def parse(self, number: int, raw: Mapping[str, Any]) -> ParsedRow | list[RowError]:
        errors: list[RowError] = []
        values: dict[str, Any] = {}
        present = self.present

        def fail(key: str, error: CellError | ValidationFailed) -> None:
            errors.append(RowError(number, self.label(key), error.message_id, error.message_en))

        nip = ""
        try:
            nip = self._nip(raw.get("nip"))
            first = self.first_row_of_nip.setdefault(nip, number)
            if first != number:
                raise CellError(
                    f"NIP ini sudah muncul di baris {first}.",
                    f"This NIP already appears in row {first}.",
                )
        except (CellError, ValidationFailed) as error:
            fail("nip", error)
            nip = ""

        kind = _kind(cell_text(raw.get("kind")))
        if kind is None and "kind_cpns" in present:
            kind = _kind(cell_text(raw.get("kind_cpns")))
        if kind is None:
            shown = cell_text(raw.get("kind")) or cell_text(raw.get("kind_cpns"))
            fail(
                "kind" if "kind" in present else "kind_cpns",
                CellError(
                    f"Status kepegawaian {shown!r} tidak dikenal; isi PNS atau PPPK."
                    if shown
                    else "Status kepegawaian wajib diisi (PNS atau PPPK).",
                    f"Employee type {shown!r} is unknown; use PNS or PPPK."
                    if shown
                    else "Employee type is required (PNS or PPPK).",
                ),
            )
        else:
            values["kind"] = kind

        name = cell_text(raw.get("name"))
        if not name:
            fail("name", CellError("Nama wajib diisi.", "Name is required."))
        else:
            values["name"] = name

        birth_date: dt.date | None = None
        try:
            birth_date = parse_date(raw.get("birth_date"))
            if birth_date is None:
                raise CellError("Tanggal lahir wajib diisi.", "Birth date is required.")
            if birth_date > self.today:
                raise CellError(
                    "Tanggal lahir ada di masa depan.", "The birth date is in the future."
                )
            values["birth_date"] = birth_date
        except CellError as error:
            fail("birth_date", error)
            birth_date = None

        gender_text = cell_text(raw.get("gender"))
        gender = _GENDERS.get(gender_text.casefold())
        if gender is None:
            fail(
                "gender",
                CellError(
                    f"Jenis kelamin {gender_text!r} tidak dikenal; isi L atau P."
                    if gender_text
                    else "Jenis kelamin wajib diisi (L atau P).",
                    f"Gender {gender_text!r} is unknown; use L or P."
                    if gender_text
                    else "Gender is required (L or P).",
                ),
            )
        else:
            values["gender"] = gender

        if nip and kind is not None:
            self._identity(nip, kind, birth_date, gender, fail)

        for key in TEXT_KEYS:
            if key in present:
                text = cell_text(raw.get(key))
                if len(text) > MAX_LENGTHS[key]:
                    fail(key, _too_long(MAX_LENGTHS[key], len(text)))
                else:
                    values[key] = text
        if len(name) > MAX_LENGTHS["name"]:
            fail("name", _too_long(MAX_LENGTHS["name"], len(name)))

        if "tmt_golongan" in present:
            try:
                values["tmt_golongan"] = parse_date(raw.get("tmt_golongan"))
            except CellError as error:
                fail("tmt_golongan", error)

        if "golongan" in present and kind is not None:
            try:
                values["golongan_id"] = self._golongan(cell_text(raw.get("golongan")), kind)
            except CellError as error:
                fail("golongan", error)

        jabatan_name = cell_text(raw.get("jabatan_name"))
        if "jabatan_name" in present:
            if len(jabatan_name) > MAX_LENGTHS["jabatan_name"]:
                fail("jabatan_name", _too_long(MAX_LENGTHS["jabatan_name"], len(jabatan_name)))
            else:
                values["jabatan_name"] = jabatan_name
        if "jabatan_kind" in present:
            try:
                values["jabatan_kind_id"] = self._jabatan_kind(
                    cell_text(raw.get("jabatan_kind")), jabatan_name
                )
            except CellError as error:
                fail("jabatan_kind", error)

        if "education_level" in present:
            try:
                values["education_level_id"] = self._education(
                    cell_text(raw.get("education_level"))
                )
            except CellError as error:
                fail("education_level", error)

        try:
            values["unit_id"] = self._unit(raw)
        except CellError as error:
            fail("unit" if "unit" in present else "unit_code", error)

        if "email" in present or "email_gov" in present:
            email = cell_text(raw.get("email")) or cell_text(raw.get("email_gov"))
            try:
                values["email"] = _email(email)
            except CellError as error:
                fail("email" if "email" in present else "email_gov", error)

        if "phone" in present:
            phone = cell_text(raw.get("phone"))
            if len(phone) > MAX_LENGTHS["phone"] or not _PHONE.fullmatch(phone):
                fail(
                    "phone",
                    CellError(
                        f"Nomor telepon {phone!r} tidak valid (angka, +, -, spasi; "
                        f"paling banyak {MAX_LENGTHS['phone']} karakter).",
                        f"Phone number {phone!r} is not valid (digits, +, -, spaces; "
                        f"at most {MAX_LENGTHS['phone']} characters).",
                    ),
                )
            else:
                values["phone"] = phone

        if "status" in present:
            status_text = cell_text(raw.get("status"))
            if status_text:
                status = _STATUSES.get(_norm(status_text))
                if status is None:
                    fail(
                        "status",
                        CellError(
                            f"Kedudukan hukum {status_text!r} tidak dikenal (contoh: Aktif, "
                            "CLTN, Tugas Belajar, Pemberhentian Sementara, Pensiun).",
                            f"Legal status {status_text!r} is unknown (e.g. Aktif, CLTN, "
                            "Tugas Belajar, Pemberhentian Sementara, Pensiun).",
                        ),
                    )
                else:
                    values["status"] = status

        if "nik" in present:
            try:
                values["nik"] = self._nik(raw.get("nik"), number)
            except (CellError, ValidationFailed) as error:
                fail("nik", error)

        if errors:
            return errors
        return ParsedRow(number, nip, values)

    # --- fields -------------------------------------------------------------------------------

    @staticmethod
    def _nip(value: Any) -> str:
        text = identity_digits(value, "NIP")  # refuses a NIP Excel turned into a number
        if not text:
            raise CellError("NIP wajib diisi.", "NIP is required.")
        nip = canonical_digits(text)
        if len(nip) != 18 or not (nip.isascii() and nip.isdigit()):
            parse_nip(text)  # raises with the reason (number, letters, length)
        return nip

    def _identity(
        self,
        nip: str,
        kind: str,
        birth_date: dt.date | None,
        gender: str | None,
        fail: Callable[[str, CellError | ValidationFailed], None],
    ) -> None:
        """NIP (PNS) or NI PPPK structure, and agreement with birth date and gender."""
        try:
            if kind == EmployeeKind.PNS:
                info = parse_nip(nip)
                if birth_date is not None and birth_date != info.birth_date:
                    for message_id, message_en in nip_disagreements(
                        nip, birth_date=birth_date, gender=None
                    ):
                        fail("birth_date", CellError(message_id, message_en))
                if gender is not None and gender != info.gender:
                    for message_id, message_en in nip_disagreements(
                        nip, birth_date=None, gender=gender
                    ):
                        fail("gender", CellError(message_id, message_en))
            else:
                born = parse_ni_pppk(nip)
                if birth_date is not None and born != birth_date:
                    fail(
                        "birth_date",
                        CellError(
                            f"Tanggal lahir {birth_date:%d-%m-%Y} tidak cocok dengan NI PPPK "
                            f"(digit 1-8: {born:%d-%m-%Y}).",
                            f"Birth date {birth_date:%d-%m-%Y} does not match the NI PPPK "
                            f"(digits 1-8: {born:%d-%m-%Y}).",
                        ),
                    )
        except ValidationFailed as error:
            fail("nip", error)

    def _golongan(self, text: str, kind: str) -> int | None:
        if not text:
            return None
        pk = self.lookups.golongan.get((kind, _golongan_key(text)))
        if pk is None:
            known = self.lookups.golongan_codes.get(kind, [])
            sample = f"{known[0]} … {known[-1]}" if known else "-"
            label = "PNS" if kind == EmployeeKind.PNS else "PPPK"
            raise CellError(
                f"Golongan {text!r} tidak dikenal untuk {label} ({sample}).",
                f"Golongan {text!r} is not known for {label} ({sample}).",
            )
        return pk

    def _jabatan_kind(self, text: str, jabatan_name: str) -> int | None:
        if not text:
            return None
        jabatan = self.lookups.jabatan
        pk = jabatan.get(_norm(text))
        if pk is not None:
            return pk
        code = jabatan_kind_code(text, jabatan_name)
        if code is not None and _norm(code) in jabatan:
            return jabatan[_norm(code)]
        if code is None and ("fungsional" in text.casefold() or "tertentu" in text.casefold()):
            raise CellError(
                f"Jenjang jabatan fungsional tidak terbaca dari nama jabatan {jabatan_name!r} "
                "(harus berakhiran Ahli Pertama/Muda/Madya/Utama atau Pemula/Terampil/Mahir/"
                "Penyelia).",
                f"The level of the functional post cannot be read from {jabatan_name!r} "
                "(it must end in Ahli Pertama/Muda/Madya/Utama or Pemula/Terampil/Mahir/"
                "Penyelia).",
            )
        raise CellError(
            f"Jenis jabatan {text!r} tidak dikenal (contoh: Administrator, Pengawas, "
            "Fungsional Ahli Muda, Pelaksana).",
            f"Post type {text!r} is unknown (e.g. Administrator, Pengawas, "
            "Fungsional Ahli Muda, Pelaksana).",
        )

    def _education(self, text: str) -> int | None:
        if not text:
            return None
        education = self.lookups.education
        for candidate in (text, *text.split("/"), *text.split()):
            pk = education.get(_compact(candidate))
            if pk is not None:
                return pk
        raise CellError(
            f"Pendidikan {text!r} tidak dikenal (contoh: SD, SMP, SMA, D3, D4, S1, S2, S3).",
            f"Education level {text!r} is unknown (e.g. SD, SMP, SMA, D3, D4, S1, S2, S3).",
        )

    def _unit(self, raw: Mapping[str, Any]) -> int:
        lookups = self.lookups
        code = cell_text(raw.get("unit_code"))
        text = cell_text(raw.get("unit"))
        found = lookups.unit_by_code.get(code.casefold()) if code else None
        if found is None and text:
            found = lookups.unit_by_code.get(text.casefold())
            if found is None:
                found = self._unit_by_name(text, cell_text(raw.get("instansi")))
        if found is None:
            if not text and not code:
                raise CellError("Unit kerja wajib diisi.", "Unit is required.")
            shown = text or code
            raise CellError(
                f"Unit kerja {shown!r} tidak ditemukan (isi kode unit atau namanya persis).",
                f"Unit {shown!r} not found (use the unit code or its exact name).",
            )
        pk = found[0]
        allowed = lookups.allowed_unit_ids
        if allowed is not None and pk not in allowed:
            raise CellError(
                "Unit kerja di luar kewenangan Anda.", "This unit is outside your authority."
            )
        return pk

    def _unit_by_name(self, text: str, instansi: str) -> tuple[int, str] | None:
        candidates = self.lookups.units_by_name.get(_norm(text))
        if not candidates:
            return None
        if len(candidates) > 1 and self.lookups.allowed_unit_ids is not None:
            allowed = self.lookups.allowed_unit_ids
            candidates = [c for c in candidates if c[0] in allowed] or candidates
        if len(candidates) > 1 and instansi:
            root = self.lookups.instansi_path_by_name.get(_norm(instansi))
            if root is not None:
                candidates = [c for c in candidates if c[1].startswith(root)] or candidates
        if len(candidates) > 1:
            raise CellError(
                f"Nama unit kerja {text!r} dipakai {len(candidates)} unit; tulis kode unitnya "
                "(lihat halaman Unit Kerja).",
                f"The unit name {text!r} is used by {len(candidates)} units; write its code "
                "instead (see the Units page).",
            )
        return candidates[0]

    def _nik(self, value: Any, number: int) -> str | None:
        text = identity_digits(value, "NIK")
        if not canonical_digits(text):
            return None
        text = parse_nik(text).number
        first = self.first_row_of_nik.setdefault(text, number)
        if first != number:
            raise CellError(
                f"NIK ini sudah muncul di baris {first}.",
                f"This NIK already appears in row {first}.",
            )
        return text


def _too_long(limit: int, length: int) -> CellError:
    return CellError(
        f"Terlalu panjang: paling banyak {limit} karakter (terisi {length}).",
        f"Too long: at most {limit} characters (got {length}).",
    )


def _email(text: str) -> str:
    if not text:
        return ""
    if len(text) > MAX_LENGTHS["email"]:
        raise _too_long(MAX_LENGTHS["email"], len(text))
    try:
        _email_validator(text)
    except ValidationError:
        raise CellError(
            f"Alamat email {text!r} tidak valid.", f"Email address {text!r} is not valid."
        ) from None
    return text
