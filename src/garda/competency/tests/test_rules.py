"""The rules of capacity.md §1, each in one function."""

from __future__ import annotations

from decimal import Decimal

from garda.competency.rules import band_of, gap_of, jabatan_key, jpm_of

SELECTION = [("MS", "Memenuhi syarat", Decimal(80)), ("MMS", "Masih memenuhi syarat",
             Decimal(68)), ("KMS", "Kurang memenuhi syarat", Decimal(0))]  # fmt: skip


def test_jabatan_names_meet_on_their_normalised_form() -> None:
    assert jabatan_key("  Kepala  Bidang-Umum ") == "kepala bidang umum"
    assert jabatan_key("KEPALA BIDANG UMUM") == jabatan_key("kepala bidang umum")


def test_gap_is_achieved_minus_standard() -> None:
    assert gap_of(2, 3) == -1
    assert gap_of(4, 3) == 1
    assert gap_of(3, None) is None


def test_jpm_is_the_sum_achieved_over_the_sum_required() -> None:
    # 3 + 2 + 4 achieved against 3 + 3 + 3 required = 9/9; a competency with no standard
    # is left out of both sums.
    assert jpm_of([(3, 3), (2, 3), (4, 3), (5, None)], capped=False) == Decimal("100.00")
    assert jpm_of([(2, 3), (2, 3), (3, 3)], capped=False) == Decimal("77.78")
    assert jpm_of([(5, 3), (4, 3)], capped=False) == Decimal("150.00")
    assert jpm_of([(5, 3), (4, 3)], capped=True) == Decimal("100")
    assert jpm_of([(5, None)], capped=False) is None


def test_bands_take_the_highest_lower_bound_reached() -> None:
    assert band_of(Decimal("80"), SELECTION)[0] == "MS"
    assert band_of(Decimal("79.99"), SELECTION)[0] == "MMS"
    assert band_of(Decimal("68"), SELECTION)[0] == "MMS"
    assert band_of(Decimal("67.99"), SELECTION)[0] == "KMS"
    assert band_of(None, SELECTION) == ("", "")
