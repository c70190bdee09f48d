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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from garda.core.errors import ValidationFailed
from garda.core.identity import (
    canonical_digits,
    nip_disagreements,
    parse_ni_pppk,
    parse_nik,
    parse_nip,
)
from garda.core.spreadsheets.cells import cell_text, identity_digits, parse_date
from garda.core.spreadsheets.errors import CellError, RowError
from garda.people.imports.lookups import Lookups
from garda.people.imports.reader import GARDA, TEMPLATE_COLUMNS
from garda.people.imports.vocabulary import (
    GENDERS,
    PHONE,
    STATUSES,
    compact,
    email_validator,
    employee_kind_of,
    golongan_key,
    jabatan_kind_code,
    norm,
)
from garda.people.models import (
    EmployeeKind,
)

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


@dataclass
class ParsedRow:
    row: int
    nip: str
    values: dict[str, Any]


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

        kind = employee_kind_of(cell_text(raw.get("kind")))
        if kind is None and "kind_cpns" in present:
            kind = employee_kind_of(cell_text(raw.get("kind_cpns")))
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
        gender = GENDERS.get(gender_text.casefold())
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
            if len(phone) > MAX_LENGTHS["phone"] or not PHONE.fullmatch(phone):
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
                status = STATUSES.get(norm(status_text))
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
        pk = self.lookups.golongan.get((kind, golongan_key(text)))
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
        pk = jabatan.get(norm(text))
        if pk is not None:
            return pk
        code = jabatan_kind_code(text, jabatan_name)
        if code is not None and norm(code) in jabatan:
            return jabatan[norm(code)]
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
            pk = education.get(compact(candidate))
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
        candidates = self.lookups.units_by_name.get(norm(text))
        if not candidates:
            return None
        if len(candidates) > 1 and self.lookups.allowed_unit_ids is not None:
            allowed = self.lookups.allowed_unit_ids
            candidates = [c for c in candidates if c[0] in allowed] or candidates
        if len(candidates) > 1 and instansi:
            root = self.lookups.instansi_path_by_name.get(norm(instansi))
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
        email_validator(text)
    except ValidationError:
        raise CellError(
            f"Alamat email {text!r} tidak valid.", f"Email address {text!r} is not valid."
        ) from None
    return text
