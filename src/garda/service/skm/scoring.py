"""The arithmetic of PermenPANRB 14/2017, exact until the last step.

NRR per element = sum of scores / respondents; IKM = sum of NRR x 1/9 (exactly one ninth, so a
Fraction, never 0.111); converted = IKM x the edition's factor (25). Rounding happens once,
half-up, on each published figure; the grade is read from the converted value rounded to two
decimals. The constants themselves are an Edition's data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction


def round_half_up(value: Fraction, places: int) -> Decimal:
    """`value` rounded half away from zero to `places` decimals, computed exactly."""
    scale = 10**places
    scaled = abs(value) * scale
    whole = int(scaled + Fraction(1, 2))  # floor of a non-negative number
    sign = -1 if value < 0 else 1
    return (Decimal(sign * whole) / Decimal(scale)).quantize(Decimal(1).scaleb(-places))


def krejcie_morgan(
    population: int,
    *,
    chi_square: Decimal = Decimal("3.841"),
    proportion: Decimal = Decimal("0.5"),
    margin: Decimal = Decimal("0.05"),
) -> int:
    """Minimum sample for `population` users, rounded to the nearest whole respondent."""
    if population <= 0:
        return 0
    x2 = Fraction(chi_square)
    p = Fraction(proportion)
    d = Fraction(margin)
    spread = x2 * p * (1 - p)
    sample = spread * population / (d * d * (population - 1) + spread)
    return int(round_half_up(sample, 0))


def nrr(total: int, respondents: int) -> Fraction:
    return Fraction(total, respondents)


def ikm(nrrs: Iterable[Fraction], *, elements: int) -> Fraction:
    """Σ NRR x 1/elements: each of the nine elements weighs exactly one ninth."""
    return sum(nrrs, Fraction(0)) * Fraction(1, elements)


def grade_for(converted: Decimal, bands: Sequence[tuple[str, Decimal, str]]) -> tuple[str, str]:
    """(grade, label) of the highest band whose minimum `converted` reaches; bands as
    (grade, minimum, label). The lowest band is the floor."""
    ordered = sorted(bands, key=lambda band: band[1], reverse=True)
    for grade, minimum, label in ordered:
        if converted >= minimum:
            return grade, label
    if not ordered:
        return "", ""
    return ordered[-1][0], ordered[-1][2]


def weakest(nrrs: Mapping[str, Decimal], count: int = 3) -> list[str]:
    """Codes of the lowest-scoring elements, lowest first (ties in element order)."""
    ranked = sorted(nrrs.items(), key=lambda item: (item[1], int(item[0].lstrip("UX") or 0)))
    return [code for code, _value in ranked[:count]]
