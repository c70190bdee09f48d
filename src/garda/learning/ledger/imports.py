"""Training history files (.xlsx/.csv) -> checked rows, or the reasons a row cannot be taken.

Columns: NIP, Bentuk, Nama Kegiatan, Penyelenggara, Tanggal Mulai, Tanggal Selesai, JP,
Nomor Sertifikat. The file reader (header search, CSV delimiter, xlsx, bounds) and the cell
helpers ("Baris N, kolom X: …", dates, Excel's mangled NIPs) are the spreadsheet kit's
(garda.core.spreadsheets), as for the ASN and budget imports. Every check is made here
before services/importing.py writes anything."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from garda.core.identity import InvalidIdentityNumber, check_asn_number
from garda.core.spreadsheets.cells import (
    ExcelNumberError,
    cell_text,
    identity_digits,
    parse_date,
)
from garda.core.spreadsheets.errors import CellError, RowError
from garda.core.spreadsheets.reader import Layout
from garda.learning.ledger.models import LearningForm

LAYOUT = Layout(
    columns=[
        ("nip", "NIP"),
        ("form", "Bentuk"),
        ("title", "Nama Kegiatan"),
        ("provider", "Penyelenggara"),
        ("started_on", "Tanggal Mulai"),
        ("finished_on", "Tanggal Selesai"),
        ("jp", "JP"),
        ("certificate_number", "Nomor Sertifikat"),
    ],
    required=frozenset({"nip", "form", "title", "started_on", "finished_on", "jp"}),
    aliases={"nip baru": "nip", "nip / ni pppk": "nip", "jumlah jam": "jp", "jumlah jp": "jp"},
    marker="nip",
)
_WORD = re.compile(r"[^0-9a-z]+")
MAX_JP = Decimal("9999.9")


@dataclass(frozen=True)
class HistoryRow:
    row: int
    nip: str
    form_id: int
    title: str
    provider: str
    started_on: dt.date
    finished_on: dt.date
    jp: Decimal
    certificate_number: str

    @property
    def source_key(self) -> str:
        """The same activity of the same ASN gives the same key: re-importing writes nothing."""
        raw = "|".join(
            [self.nip, str(self.form_id), self.title.casefold(), self.started_on.isoformat(),
             self.finished_on.isoformat(), self.certificate_number.casefold()]
        )  # fmt: skip
        return "import:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _key(text: str) -> str:
    return _WORD.sub(" ", text.casefold()).strip()


def form_lookup() -> dict[str, int]:
    """Every way a file may name a form: its code, its name, the name's first part
    ("Seminar" for "Seminar/konferensi/sarasehan", "PKP" in brackets)."""
    table: dict[str, int] = {}
    for pk, code, name in LearningForm.objects.values_list("pk", "code", "name"):
        names = {code, name, name.split("/")[0], name.split("(")[0]}
        bracket = re.search(r"\(([^)]+)\)", name)
        if bracket:
            names.add(bracket.group(1))
        for text in names:
            table.setdefault(_key(text), pk)
    return table


def nip_text(value: Any) -> str:
    try:
        text = identity_digits(value, "NIP")  # the kit recognises a NIP Excel turned into a number
    except ExcelNumberError as error:
        # This import's own wording of the refusal, kept as its users know it.
        if error.number_cell:
            raise CellError(
                "NIP terbaca sebagai angka (Excel menghilangkan digitnya); format kolom NIP "
                "sebagai teks lalu ketik ulang.",
                "The NIP was read as a number (Excel drops its digits); format the NIP column "
                "as text and type it again.",
            ) from None
        raise CellError(
            "NIP dalam notasi ilmiah (mis. 1,99E+17): digitnya sudah hilang; ketik ulang sebagai "
            "teks.",
            "The NIP is in scientific notation (e.g. 1.99E+17): its digits are lost; type it "
            "again as text.",
        ) from None
    try:
        return check_asn_number(text)  # core.identity: canonical digits, length, birth date
    except InvalidIdentityNumber as error:
        raise CellError(error.message_id, error.message_en) from None


def jp_value(value: Any) -> Decimal:
    text = cell_text(value).replace(",", ".")
    try:
        jp = Decimal(text)
    except InvalidOperation:
        raise CellError(f"JP {text!r} bukan angka.", f"JP {text!r} is not a number.") from None
    if not Decimal("0") < jp <= MAX_JP or jp != jp.quantize(Decimal("0.1")):
        raise CellError(
            "JP harus lebih dari 0, paling banyak 9999,9, dengan satu angka desimal.",
            "JP must be above 0, at most 9999.9, with one decimal.",
        )
    return jp


def parse_row(
    number: int, raw: dict[str, Any], columns: dict[str, str], forms: dict[str, int]
) -> tuple[HistoryRow | None, list[RowError]]:
    errors: list[RowError] = []

    def take(key: str, parse: Any) -> Any:
        try:
            return parse(raw.get(key))
        except CellError as error:
            errors.append(
                RowError(number, columns.get(key, LAYOUT.label(key)), error.message_id,
                         error.message_en)
            )  # fmt: skip
            return None

    def required_text(limit: int) -> Any:
        def parse(value: Any) -> str:
            text = cell_text(value)
            if not text:
                raise CellError("Wajib diisi.", "Required.")
            if len(text) > limit:
                raise CellError(f"Paling banyak {limit} karakter.", f"At most {limit} characters.")
            return text

        return parse

    def optional_text(limit: int) -> Any:
        def parse(value: Any) -> str:
            text = cell_text(value)
            if len(text) > limit:
                raise CellError(f"Paling banyak {limit} karakter.", f"At most {limit} characters.")
            return text

        return parse

    def form(value: Any) -> int:
        text = cell_text(value)
        found = forms.get(_key(text))
        if found is None:
            raise CellError(
                f"Bentuk {text!r} tidak dikenal; gunakan nama bentuk menurut Peraturan LAN "
                "10/2018 (mis. Pelatihan teknis, Seminar, E-learning).",
                f"Unknown form {text!r}; use a form name of Peraturan LAN 10/2018.",
            )
        return found

    def date(value: Any) -> dt.date:
        parsed = parse_date(value)
        if parsed is None:
            raise CellError("Wajib diisi.", "Required.")
        return parsed

    nip = take("nip", nip_text)
    form_id = take("form", form)
    title = take("title", required_text(250))
    provider = take("provider", optional_text(200))
    started_on = take("started_on", date)
    finished_on = take("finished_on", date)
    jp = take("jp", jp_value)
    certificate = take("certificate_number", optional_text(120))
    if started_on and finished_on and finished_on < started_on:
        errors.append(
            RowError(number, columns.get("finished_on", "Tanggal Selesai"),
                     "Tanggal selesai sebelum tanggal mulai.", "Ends before it starts.")
        )  # fmt: skip
    if errors:
        return None, errors
    return (
        HistoryRow(number, nip, form_id, title, provider or "", started_on, finished_on, jp,
                   certificate or ""),
        [],
    )  # fmt: skip
