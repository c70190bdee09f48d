"""Sub-kegiatan codes, rupiah amounts, serapan and its colour band, and how figures print."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from garda.transparency.budget.amounts import (
    GREEN,
    RED,
    YELLOW,
    AmountError,
    band,
    parse_rupiah,
    serapan,
)
from garda.transparency.budget.codes import (
    CodeError,
    level_of_instansi,
    parse_sub_kegiatan_code,
)
from garda.transparency.budget.templatetags.budget_format import (
    band_label,
    persen,
    plain_percent,
    plain_rupiah,
    rupiah,
    tanggal,
)


def two(n: int) -> str:
    return f"{n:02d}"


segments = st.tuples(
    st.integers(0, 9),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(["1", "2"]),
    st.integers(0, 99),
    st.integers(0, 9999),
)


def test_province_and_regency_codes() -> None:
    code = parse_sub_kegiatan_code("1.02.02.1.01.0001")
    assert code.full == "1.02.02.1.01.0001"
    assert code.program_code == "1.02.02"
    assert code.kegiatan_code == "1.02.02.1.01"
    assert code.level == "1"
    assert parse_sub_kegiatan_code("1.02.02.2.01.0001").level == "2"


def test_two_digit_sub_kegiatan_is_normalised() -> None:
    assert parse_sub_kegiatan_code("1.02.02.1.01.01").full == "1.02.02.1.01.0001"
    assert parse_sub_kegiatan_code(" 5.04.02.1.01.12 ").full == "5.04.02.1.01.0012"


@pytest.mark.parametrize(
    "text",
    [
        "1.02.02.3.01.0001",  # level 3 does not exist
        "1.02.02.1.01",  # kegiatan, not sub-kegiatan
        "1.02.02.1.01.001",  # 3-digit sub
        "X.XX.01.1.01.0001",  # nomenclature placeholder, not a real code
        "1-02-02-1-01-0001",
        "",
    ],
)
def test_malformed_codes_are_refused_in_both_languages(text: str) -> None:
    with pytest.raises(CodeError) as caught:
        parse_sub_kegiatan_code(text)
    assert caught.value.message_id
    assert caught.value.message_en
    assert caught.value.message_id != caught.value.message_en


@given(segments)
def test_round_trip_and_derived_codes(parts: tuple[int, int, int, str, int, int]) -> None:
    urusan, bidang, program, level, kegiatan, sub = parts
    text = f"{urusan}.{two(bidang)}.{two(program)}.{level}.{two(kegiatan)}.{sub:04d}"
    code = parse_sub_kegiatan_code(text)
    assert code.full == text
    assert parse_sub_kegiatan_code(code.full) == code  # idempotent
    assert code.full.startswith(code.kegiatan_code + ".")
    assert code.kegiatan_code.startswith(code.program_code + "." + level + ".")
    assert code.program_code == text[:7]
    assert code.kegiatan_code == text[:12]


@given(segments.filter(lambda p: p[5] < 100))
def test_two_digit_form_equals_four_digit_form(parts: tuple[int, int, int, str, int, int]) -> None:
    urusan, bidang, program, level, kegiatan, sub = parts
    head = f"{urusan}.{two(bidang)}.{two(program)}.{level}.{two(kegiatan)}"
    assert parse_sub_kegiatan_code(f"{head}.{two(sub)}") == parse_sub_kegiatan_code(
        f"{head}.{sub:04d}"
    )


@given(st.text(max_size=30))
def test_any_text_parses_or_is_refused_with_reasons(text: str) -> None:
    try:
        code = parse_sub_kegiatan_code(text)
    except CodeError as error:
        reasons = (error.message_id, error.message_en)
    else:
        reasons = ("ok", "ok")
        assert len(code.full) == 17
        assert code.level in {"1", "2"}
    assert all(reasons)


def test_level_of_instansi() -> None:
    assert level_of_instansi("15") == "1"  # Provinsi Jambi
    assert level_of_instansi("15.71") == "2"  # Kota Jambi
    assert level_of_instansi("15.01") == "2"  # Kabupaten Kerinci


# --- Amounts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.250.000", 1_250_000),
        ("1250000", 1_250_000),
        ("Rp 1.250.000", 1_250_000),
        ("Rp1.250.000,00", 1_250_000),
        ("1,250,000", 1_250_000),
        ("1250000.00", 1_250_000),
        (1_250_000, 1_250_000),
        (1_250_000.0, 1_250_000),
        (Decimal("1250000"), 1_250_000),
        ("0", 0),
        ("1.250", 1_250),  # Indonesian grouping, not a decimal
    ],
)
def test_rupiah_forms(value: object, expected: int) -> None:
    assert parse_rupiah(value) == expected


@pytest.mark.parametrize(
    "value", ["-5", "(1.000)", "1.250.000,50", "1.25", "12.34.56", "satu juta", "", None, 1.5]
)
def test_bad_amounts_are_refused(value: object) -> None:
    with pytest.raises(AmountError):
        parse_rupiah(value)


@given(st.integers(min_value=0, max_value=10**15))
def test_every_grouping_reads_back(amount: int) -> None:
    assert parse_rupiah(str(amount)) == amount
    assert parse_rupiah(f"{amount:,}".replace(",", ".")) == amount
    assert parse_rupiah(f"{amount:,}") == amount
    assert parse_rupiah("Rp " + f"{amount:,}".replace(",", ".") + ",00") == amount
    assert parse_rupiah(plain_rupiah(amount, "id")) == amount


# --- Figures ----------------------------------------------------------------------------------


def test_serapan_by_hand() -> None:
    assert serapan(875_000, 1_000_000) == Decimal("87.5")
    assert serapan(2_400_000, 3_000_000) == Decimal("80.0")
    assert serapan(4_275_000, 8_000_000) == Decimal("53.4")  # 53.4375
    assert serapan(4_875_000, 8_500_000) == Decimal("57.4")  # 57.3529...
    assert serapan(600_000, 500_000) == Decimal("120.0")
    assert serapan(1, 0) is None


@pytest.mark.parametrize(
    ("percent", "colour"),
    [("100", GREEN), ("80.0", GREEN), ("79.9", YELLOW), ("60.0", YELLOW), ("59.9", RED),
     ("0", RED), (None, None)],
)  # fmt: skip
def test_colour_bands(percent: str | None, colour: str | None) -> None:
    assert band(Decimal(percent) if percent is not None else None) == colour


def test_band_has_words_not_only_colour() -> None:
    with translation.override("id"):
        assert band_label(Decimal("87.5")) == "Tinggi (≥ 80%)"
        assert band_label(Decimal("65")) == "Sedang (60\u201380%)"
        assert band_label(Decimal("10")) == "Rendah (< 60%)"


def test_indonesian_number_and_date_formats() -> None:
    with translation.override("id"):
        assert rupiah(1_250_000) == "Rp1.250.000"
        assert rupiah(-100_000) == "-Rp100.000"
        assert rupiah(None) == "\u2013"
        assert persen(Decimal("87.5")) == "87,5%"
        assert persen(Decimal("80")) == "80,0%"
        assert tanggal(dt.date(2026, 8, 17)) == "17 Agustus 2026"
    with translation.override("en"):
        assert rupiah(1_250_000) == "Rp1,250,000"
        assert persen(Decimal("87.5")) == "87.5%"
        assert tanggal(dt.date(2026, 8, 17)) == "17 August 2026"
    assert plain_percent(Decimal("57.4"), "id") == "57,4%"
    assert plain_percent(None, "id") == "\u2013"


@given(st.integers(min_value=-(10**16), max_value=10**16))
def test_rupiah_of_an_int_is_that_of_its_text(amount: int) -> None:
    # Ints skip the round trip through str and Decimal (a page formats hundreds of them).
    with translation.override("id"):
        assert rupiah(amount) == rupiah(str(amount)) == plain_rupiah(Decimal(amount))


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1000, max_value=1000)
)
def test_persen_of_a_decimal_is_that_of_its_text(value: Decimal) -> None:
    with translation.override("en"):
        assert persen(value) == persen(str(value))
