"""How the budget portal prints figures: `{% load budget_format %}`.

- `rupiah`: Rp1.250.000 (Indonesian grouping; Rp1,250,000 on English pages);
- `persen`: 87,5% (comma decimal; 87.5% on English pages);
- `tanggal`: 17 Agustus 2026 (month names in the page's language);
- `bulan`: a month number as its name (Agustus);
- `band_label` / `band_class`: the serapan colour band as words and as a Bootstrap class, so
  colour never carries the meaning alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from garda.transparency.budget.amounts import GREEN, YELLOW, band

register = template.Library()

DASH = "\u2013"  # en dash


def _english(lang: str | None = None) -> bool:
    return (lang or translation.get_language() or "id").startswith("en")


def plain_rupiah(amount: int | Decimal | None, lang: str | None = None) -> str:
    """Rp1.250.000; negative as -Rp250.000; None as a dash."""
    if amount is None:
        return DASH
    whole = int(amount)
    grouped = f"{abs(whole):,}"
    if not _english(lang):
        grouped = grouped.replace(",", ".")
    return f"{'-' if whole < 0 else ''}Rp{grouped}"


def plain_percent(value: Decimal | float | None, lang: str | None = None) -> str:
    """87,5% (one decimal, comma on Indonesian pages); None as a dash."""
    if value is None:
        return DASH
    text = f"{value if isinstance(value, Decimal) else Decimal(str(value)):.1f}"
    if not _english(lang):
        text = text.replace(".", ",")
    return f"{text}%"


@register.filter
def rupiah(amount: Any) -> str:
    # Most cells are plain ints (a page renders a few hundred): no round trip through str.
    if type(amount) is int:
        return plain_rupiah(amount)
    if amount is None or amount == "":
        return DASH
    try:
        return plain_rupiah(Decimal(str(amount)))
    except ArithmeticError:
        return str(amount)


@register.filter
def persen(value: Any) -> str:
    if isinstance(value, Decimal):
        return plain_percent(value)
    if value is None or value == "":
        return DASH
    try:
        return plain_percent(Decimal(str(value)))
    except ArithmeticError:
        return str(value)


@register.filter
def tanggal(value: dt.date | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(value, "j F Y")


@register.filter
def bulan(month: int) -> str:
    return str(MONTHS.get(int(month), month))


@register.filter
def band_label(percent: Decimal | None) -> str:
    colour = band(percent)
    if colour is None:
        return _("Tanpa pagu")
    if colour == GREEN:
        return _("Tinggi (≥ 80%)")
    if colour == YELLOW:
        return _("Sedang (60–80%)")  # noqa: RUF001  # an en dash, as in print
    return _("Rendah (< 60%)")


@register.filter
def band_class(percent: Decimal | None) -> str:
    colour = band(percent)
    if colour == GREEN:
        return "text-bg-success"
    if colour == YELLOW:
        return "text-bg-warning"
    if colour is None:
        return "text-bg-secondary"
    return "text-bg-danger"
