"""Rupiah amounts as budget files write them, and as the portal prints them.

Accepted: `1250000`, `1.250.000` (Indonesian grouping), `1,250,000` (English grouping),
`Rp 1.250.000`, `1.250.000,00` and `1250000.00` (zero sen only), and numeric spreadsheet
cells. Budgets are kept in whole rupiah; a non-zero sen, a negative amount or a fraction in
a numeric cell is refused with a reason rather than rounded away.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from garda.transparency.budget.codes import CodeError

_PLAIN = re.compile(r"^\d+$")
_GROUPED_ID = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_GROUPED_EN = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_WITH_SEN_ID = re.compile(r"^(\d{1,3}(?:\.\d{3})*|\d+),(\d{1,2})$")
_WITH_SEN_EN = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+)\.(\d{1,2})$")
_NOISE = re.compile(r"(?i)^(rp\.?|idr)|\s|\u00a0")

MAX_AMOUNT = 10**15  # a thousand trillion rupiah: far above any APBD, far below BigInteger


class AmountError(CodeError):
    """An amount that cannot be read; Indonesian and English."""


def parse_rupiah(value: Any) -> int:
    """Whole rupiah from a cell; AmountError says why not."""
    if isinstance(value, bool) or value is None:
        raise AmountError("Jumlah rupiah kosong.", "The rupiah amount is empty.")
    if isinstance(value, int):
        return _checked(value, str(value))
    if isinstance(value, float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise _unreadable(str(value)) from None
        if number != number.to_integral_value():
            raise AmountError(
                f"Jumlah {value} memuat pecahan; anggaran dicatat dalam rupiah penuh.",
                f"Amount {value} has a fraction; budgets are kept in whole rupiah.",
            )
        return _checked(int(number), str(value))
    text = str(value).strip()
    compact = _NOISE.sub("", text)
    if compact.startswith("-") or (compact.startswith("(") and compact.endswith(")")):
        raise _negative(text)
    if not compact:
        raise AmountError("Jumlah rupiah kosong.", "The rupiah amount is empty.")
    if _PLAIN.fullmatch(compact):
        return _checked(int(compact), text)
    if _GROUPED_ID.fullmatch(compact):
        return _checked(int(compact.replace(".", "")), text)
    if _GROUPED_EN.fullmatch(compact):
        return _checked(int(compact.replace(",", "")), text)
    for pattern, group_sep in ((_WITH_SEN_ID, "."), (_WITH_SEN_EN, ",")):
        match = pattern.fullmatch(compact)
        if match is not None:
            whole, sen = match.groups()
            if int(sen):
                raise AmountError(
                    f"Jumlah {text!r} memuat sen; anggaran dicatat dalam rupiah penuh.",
                    f"Amount {text!r} has sen; budgets are kept in whole rupiah.",
                )
            return _checked(int(whole.replace(group_sep, "")), text)
    raise _unreadable(text)


def _checked(amount: int, text: str) -> int:
    if amount < 0:
        raise _negative(text)
    if amount > MAX_AMOUNT:
        raise AmountError(
            f"Jumlah {text} terlalu besar untuk masuk akal.",
            f"Amount {text} is too large to be plausible.",
        )
    return amount


def _negative(text: str) -> AmountError:
    return AmountError(
        f"Jumlah {text!r} negatif; pagu dan realisasi tidak boleh negatif.",
        f"Amount {text!r} is negative; pagu and realisasi cannot be negative.",
    )


def _unreadable(text: str) -> AmountError:
    return AmountError(
        f"Jumlah {text!r} tidak dikenali; tulis misalnya 1250000 atau 1.250.000.",
        f"Amount {text!r} is not understood; write e.g. 1250000 or 1.250.000.",
    )


# --- Figures ----------------------------------------------------------------------------------

GREEN = "green"
YELLOW = "yellow"
RED = "red"
BAND_GREEN_FROM = Decimal(80)
BAND_YELLOW_FROM = Decimal(60)
_ONE_DECIMAL = Decimal("0.1")


def serapan(realisasi: int, pagu: int) -> Decimal | None:
    """Serapan % = realisasi / pagu x 100, rounded half up to one decimal; None without pagu."""
    if pagu <= 0:
        return None
    return (Decimal(realisasi) * 100 / Decimal(pagu)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)


def band(percent: Decimal | None) -> str | None:
    """The colour band of a serapan, on the rounded figure the reader sees."""
    if percent is None:
        return None
    if percent >= BAND_GREEN_FROM:
        return GREEN
    if percent >= BAND_YELLOW_FROM:
        return YELLOW
    return RED
