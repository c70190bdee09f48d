"""An IP ASN edition's four tables as text an admin edits, one `key = value` per line, and
back: point tables (`dimensi.kunci = poin`), categories (`kode = nilai terendah`), ledger form
to indicator (`kode bentuk = indikator`) and jabatan kinds (`jenis jabatan = kelompok[,
pelatihan kepemimpinan]`). Every line is checked against what Garda knows (education levels,
SKP predikat, sanction levels, ledger forms, jabatan kinds); a bad line is named by number."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from garda.core.errors import ValidationFailed
from garda.learning.ledger.models import LearningForm
from garda.people.models import EducationLevel, JabatanKind
from garda.talent.ipasn import NO_SANCTION
from garda.talent.models import IpEdition
from garda.talent.models_ipasn import Dimension, Indicator, JabatanGroup
from garda.talent.vocabulary import CATEGORY_LABELS, Predikat, Tingkat

MAX_POINTS = Decimal(100)
# The edition's own fields besides its tables, in the order pages and documents show them.
EDITION_HEADER = (
    "code", "name", "first_year", "technical_min_jp", "technical_partial", "seminar_years",
)  # fmt: skip
TABLES = ("points", "categories", "indicators", "jabatan")
TABLE_NAMES = {
    "points": ("Tabel poin", "Point table"),
    "categories": ("Kategori", "Categories"),
    "indicators": ("Bentuk ke indikator", "Form to indicator"),
    "jabatan": ("Jenis jabatan", "Jabatan kinds"),
}


@dataclass(frozen=True)
class IpTables:
    points: list[tuple[str, str, Decimal]]  # (dimension, key, points)
    categories: list[tuple[str, Decimal]]  # (code, lowest total)
    indicators: list[tuple[str, str]]  # (ledger form code, indicator)
    jabatan: list[tuple[str, str, str]]  # (jabatan kind code, group, leadership form code)


class _LineError(Exception):
    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id, self.message_en = message_id, message_en


def tables_as_text(edition: IpEdition) -> dict[str, str]:
    """The edition's tables in the text form `tables_from_text` reads."""
    return {
        "points": "\n".join(
            f"{p.dimension}.{p.key} = {p.points.normalize():f}"
            for p in edition.points.order_by("dimension", "-points", "key")
        ),
        "categories": "\n".join(
            f"{c.code} = {c.min_total.normalize():f}" for c in edition.categories.all()
        ),
        "indicators": "\n".join(
            f"{f.form_code} = {f.indicator}"
            for f in edition.forms.order_by("indicator", "form_code")
        ),
        "jabatan": "\n".join(
            f"{j.jabatan_kind_code} = {j.group}"
            + (f", {j.leadership_form_code}" if j.leadership_form_code else "")
            for j in edition.jabatan.order_by("group", "jabatan_kind_code")
        ),
    }


def edition_document(edition: IpEdition) -> dict[str, Any]:
    """The edition as one document: its header and its four tables in the text form (what
    `garda ip_asn_tables` prints and saves, and what /api/v1/ip-asn/editions/ answers)."""
    header: dict[str, Any] = {name: getattr(edition, name) for name in EDITION_HEADER}
    header["technical_min_jp"] = float(header["technical_min_jp"])
    return {**header, "tables": tables_as_text(edition)}


def _number(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise _LineError(f"{text!r} bukan angka", f"{text!r} is not a number") from None
    if not value.is_finite() or not Decimal(0) <= value <= MAX_POINTS:
        raise _LineError("angka harus antara 0 dan 100", "the number must be between 0 and 100")
    return value.quantize(Decimal("0.01"))


def _known(value: str, allowed: set[str], what: str) -> str:
    if value not in allowed:
        shown = ", ".join(sorted(allowed))
        raise _LineError(f"{what} {value!r} tidak dikenal ({shown})",
                         f"unknown {what} {value!r} ({shown})")  # fmt: skip
    return value


Parsed = tuple[object, tuple[object, ...]]  # (what must be unique, the row)


def _lines(table: str, text: str, parse: Callable[[str, str], Parsed]) -> list[Any]:
    """Every non-blank line (a `#` starts a comment line) through `parse`; all bad lines are
    reported together as "baris N: ..." for the table's field."""
    rows: list[Any] = []
    seen: dict[object, int] = {}
    errors: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        left, sign, right = line.partition("=")
        try:
            if not sign:
                raise _LineError("tulis sebagai kunci = nilai", "write it as key = value")
            key, row = parse(left.strip(), right.strip())
            if key in seen:
                raise _LineError(f"mengulang baris {seen[key]}", f"repeats line {seen[key]}")
            seen[key] = number
            rows.append(row)
        except _LineError as error:
            errors.append(
                (f"baris {number}: {error.message_id}", f"line {number}: {error.message_en}")
            )
    if errors:
        name_id, name_en = TABLE_NAMES[table]
        raise ValidationFailed(
            f"{name_id}: " + "; ".join(e[0] for e in errors) + ".",
            f"{name_en}: " + "; ".join(e[1] for e in errors) + ".",
            errors=[{"field": table, "message": e[0]} for e in errors],
        )
    return rows


def _point_keys() -> dict[str, set[str]]:
    kompetensi = {f"{g}.{i}" for g in JabatanGroup.values for i in Indicator.values}
    return {
        Dimension.KUALIFIKASI: set(EducationLevel.objects.values_list("code", flat=True)),
        Dimension.KOMPETENSI: kompetensi,
        Dimension.KINERJA: set(Predikat.values),
        Dimension.DISIPLIN: {*Tingkat.values, NO_SANCTION},
    }


def tables_from_text(texts: dict[str, str]) -> IpTables:
    """The four tables from their text; ValidationFailed naming every bad line (the first
    table with bad lines is reported, its field named)."""
    point_keys = _point_keys()
    forms = set(LearningForm.objects.values_list("code", flat=True))
    kinds = set(JabatanKind.objects.values_list("code", flat=True))

    def point(left: str, right: str) -> Parsed:
        dimension, _dot, key = left.partition(".")
        _known(dimension, set(point_keys), "dimensi")
        _known(key, point_keys[dimension], "kunci")
        return (dimension, key), (dimension, key, _number(right))

    def category(left: str, right: str) -> Parsed:
        return left, (_known(left, set(CATEGORY_LABELS), "kategori"), _number(right))

    def form(left: str, right: str) -> Parsed:
        row = (_known(left, forms, "bentuk"), _known(right, set(Indicator.values), "indikator"))
        return left, row

    def jabatan(left: str, right: str) -> Parsed:
        group, _comma, leadership = (part.strip() for part in right.partition(","))
        _known(group, set(JabatanGroup.values), "kelompok")
        if leadership:
            _known(leadership, forms, "bentuk")
        return left, (_known(left, kinds, "jenis jabatan"), group, leadership)

    parsers: dict[str, Callable[[str, str], Parsed]] = {
        "points": point, "categories": category, "indicators": form, "jabatan": jabatan,
    }  # fmt: skip
    parsed = {name: _lines(name, texts.get(name, ""), parsers[name]) for name in TABLES}
    floors = [low for _code, low in parsed["categories"]]
    if not floors or len(set(floors)) != len(floors):
        raise ValidationFailed(
            "Kategori: isi paling sedikit satu kategori, masing-masing dengan nilai terendah "
            "yang berbeda.",
            "Categories: at least one, each with a different lowest total.",
            errors=[{"field": "categories", "message": "Nilai terendah kategori harus berbeda."}],
        )
    return IpTables(**parsed)
