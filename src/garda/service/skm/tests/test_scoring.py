"""The arithmetic against the numbers of capacity.md §5 and the regulation's example."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from garda.service.skm import scoring
from garda.service.skm.editions import GRADES_2017

BANDS = [(grade, Decimal(minimum), label) for grade, minimum, label in GRADES_2017]


@pytest.mark.parametrize(
    ("population", "sample"),
    [(100, 80), (200, 132), (1000, 278), (10_000, 370), (1_000_000, 384), (10_000_000, 384)],
)
def test_krejcie_morgan(population: int, sample: int) -> None:
    assert scoring.krejcie_morgan(population) == sample


def test_krejcie_morgan_of_nobody_is_zero() -> None:
    assert scoring.krejcie_morgan(0) == 0
    assert scoring.krejcie_morgan(1) == 1


def test_round_half_up_is_exact() -> None:
    assert scoring.round_half_up(Fraction(5, 1000), 2) == Decimal("0.01")
    assert scoring.round_half_up(Fraction(88305, 1000), 2) == Decimal("88.31")
    assert scoring.round_half_up(Fraction(1, 3), 4) == Decimal("0.3333")
    assert scoring.round_half_up(Fraction(2, 3), 4) == Decimal("0.6667")


def test_exact_ninth_and_no_early_rounding() -> None:
    # Nine NRRs whose sum is 31.78: 31.78/9 = 3.53111..., x25 = 88.2777... -> B; an IKM
    # rounded first to 3.53 would convert to 88.25 (B too), but 3.5324 x 25 = 88.31 shows why
    # the grade is taken from the exact value rounded once.
    nrrs = [Fraction(353, 100)] * 8 + [Fraction(354, 100)]
    index = scoring.ikm(nrrs, elements=9)
    assert index == Fraction(3178, 900)
    converted = scoring.round_half_up(index * 25, 2)
    assert converted == Decimal("88.28")
    assert scoring.grade_for(converted, BANDS) == ("B", "Baik")


@pytest.mark.parametrize(
    ("converted", "grade"),
    [("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"), ("65.00", "C"),
     ("64.99", "D"), ("25.00", "D")],
)  # fmt: skip
def test_grade_bands_at_their_edges(converted: str, grade: str) -> None:
    assert scoring.grade_for(Decimal(converted), BANDS)[0] == grade


def test_weakest_first() -> None:
    nrr = {"U1": Decimal("3.1"), "U2": Decimal("2.9"), "U3": Decimal("2.9"), "U4": Decimal("4")}
    assert scoring.weakest(nrr, 2) == ["U2", "U3"]
