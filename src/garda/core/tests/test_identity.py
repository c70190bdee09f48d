"""NIP, NI PPPK and NIK checks, by example and by property (hypothesis)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from garda.core.codes import CROCKFORD, UNAMBIGUOUS, random_code
from garda.core.identity import (
    InvalidIdentityNumber,
    canonical_digits,
    check_card_number,
    check_family_card_number,
    check_ni_pppk,
    check_nik,
    check_nip,
    check_nip_against,
    make_nip,
    mask_identifier,
    nip_disagreements,
    parse_ni_pppk,
    parse_nik,
    parse_nip,
)
from garda.core.masking import mask_value

birth_dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2005, 12, 31))


@st.composite
def valid_nips(draw: st.DrawFn) -> tuple[str, dt.date, str, int, int]:
    born = draw(birth_dates)
    tmt_year = draw(st.integers(min_value=born.year + 19, max_value=2030))
    tmt_month = draw(st.integers(min_value=1, max_value=12))
    gender = draw(st.sampled_from("LP"))
    seq = draw(st.integers(min_value=1, max_value=999))
    return make_nip(born, tmt_year, tmt_month, gender, seq), born, gender, tmt_year, tmt_month


@given(valid_nips())
def test_every_well_formed_nip_parses_back_to_its_parts(case: tuple) -> None:  # type: ignore[type-arg]
    nip, born, gender, tmt_year, tmt_month = case
    info = parse_nip(nip)
    assert (info.birth_date, info.gender, info.tmt_cpns_year, info.tmt_cpns_month) == (
        born,
        gender,
        tmt_year,
        tmt_month,
    )
    assert nip_disagreements(nip, birth_date=born, gender=gender) == []


@given(valid_nips(), st.integers(min_value=1, max_value=3000))
def test_a_different_birth_date_is_named(case: tuple, shift: int) -> None:  # type: ignore[type-arg]
    nip, born, gender, *_ = case
    other = born + dt.timedelta(days=shift)
    problems = nip_disagreements(nip, birth_date=other, gender=gender)
    assert len(problems) == 1
    assert "Tanggal lahir" in problems[0][0]
    assert "digit 1-8" in problems[0][0]


@given(valid_nips())
def test_a_different_gender_is_named(case: tuple) -> None:  # type: ignore[type-arg]
    nip, born, gender, *_ = case
    with pytest.raises(InvalidIdentityNumber, match="digit 15"):
        check_nip_against(nip, birth_date=born, gender="P" if gender == "L" else "L")


@given(st.text(alphabet="0123456789", min_size=0, max_size=30).filter(lambda s: len(s) != 18))
def test_wrong_length_is_refused(value: str) -> None:
    with pytest.raises(InvalidIdentityNumber):
        parse_nip(value)


@pytest.mark.parametrize(
    ("value", "part"),
    [
        ("199002302015032001", "digit 1-8"),  # 30 February
        ("199003152015132001", "digit 9-14"),  # month 13
        ("199003152000032001", "TMT CPNS"),  # CPNS at ten years old
        ("199003152015033001", "digit 15"),  # gender 3
        ("199003152015032000", "digit 16-18"),  # sequence 000
        ("1.99003E+17", "angka"),  # what Excel makes of it
        ("199003152015032001.0", "angka"),
        ("19900315201503200A", "hanya boleh berisi angka"),
    ],
)
def test_each_broken_part_is_named(value: str, part: str) -> None:
    with pytest.raises(InvalidIdentityNumber, match=part):
        parse_nip(value)


def test_english_message_is_available() -> None:
    with pytest.raises(InvalidIdentityNumber) as caught:
        parse_nip("199003152015033001")
    assert "digit 15" in caught.value.message_en
    assert "must be 1 (male) or 2 (female)" in caught.value.message_en


def test_ni_pppk_checks_length_digits_and_birth_date() -> None:
    assert parse_ni_pppk("198805122022210001") == dt.date(1988, 5, 12)
    with pytest.raises(InvalidIdentityNumber, match="digit 1-8"):
        parse_ni_pppk("198813122022210001")


@pytest.mark.parametrize(
    ("nik", "gender", "day"),
    [("1571015503900001", "P", 15), ("1571011503900001", "L", 15)],
)
def test_nik_day_plus_forty_for_women(nik: str, gender: str, day: int) -> None:
    info = parse_nik(nik)
    assert info.gender == gender
    assert info.birth_date_ddmmyy[0] == day
    assert info.regency == "1571"


@pytest.mark.parametrize("nik", ["1571013202900001", "1571011503900000", "0071011503900001"])
def test_bad_nik_is_refused(nik: str) -> None:
    with pytest.raises(InvalidIdentityNumber):
        parse_nik(nik)


# --- Canonical form, all zeros, masking (decision 0010) ---------------------------------------

NIK = "1571015503900001"
# Every digit block Unicode has a NFKC of its own that is not ASCII for the last three.
DIGIT_ZEROS = {"fullwidth": 0xFF10, "arabic-indic": 0x0660, "devanagari": 0x0966,
               "extended arabic-indic": 0x06F0, "bengali": 0x09E6}  # fmt: skip


def spelled(text: str, zero: int) -> str:
    return "".join(chr(zero + int(ch)) for ch in text)


@pytest.mark.parametrize("zero", DIGIT_ZEROS.values(), ids=DIGIT_ZEROS.keys())
def test_other_digits_canonicalise_to_ascii(zero: int) -> None:
    assert canonical_digits(spelled(NIK, zero)) == NIK
    assert check_nik(spelled(NIK, zero)) == NIK
    assert check_card_number(spelled("0001234567890", zero)) == "0001234567890"


def test_nfkc_alone_would_not_be_enough() -> None:
    # The reason for the second step: NFKC keeps Arabic-Indic and Devanagari digits.
    assert unicodedata.normalize("NFKC", spelled(NIK, 0x0660)) != NIK
    assert unicodedata.normalize("NFKC", spelled(NIK, 0x0966)) != NIK


@given(st.lists(st.sampled_from([*DIGIT_ZEROS.values(), ord("0")]), min_size=16,
                max_size=16))  # fmt: skip
def test_any_mix_of_digit_blocks_gives_the_same_nik(zeros: list[int]) -> None:
    mixed = "".join(chr(zero + int(ch)) for zero, ch in zip(zeros, NIK, strict=True))
    assert check_nik(mixed) == NIK


def test_separators_are_dropped_and_letters_refused() -> None:
    assert check_nik("15 71 01-550390.0001") == NIK
    with pytest.raises(InvalidIdentityNumber, match="hanya boleh berisi angka"):
        check_nik("157101550390000l")
    with pytest.raises(InvalidIdentityNumber, match="hanya boleh berisi angka"):
        check_nik("1571015503900001\u2160"[1:])  # ROMAN NUMERAL ONE: numeric, not a digit


@pytest.mark.parametrize(
    "check", [check_nik, check_nip, check_ni_pppk, check_card_number, check_family_card_number]
)
def test_all_zeros_are_refused_by_every_check(check: Any) -> None:
    length = {check_nik: 16, check_family_card_number: 16, check_card_number: 13}.get(check, 18)
    for value in ("0" * length, spelled("0" * length, 0xFF10)):
        with pytest.raises(InvalidIdentityNumber, match="nol") as caught:
            check(value)
        assert "zeros" in caught.value.message_en


def test_nik_district_code_must_not_be_zero() -> None:
    with pytest.raises(InvalidIdentityNumber, match="digit 1-6"):
        check_nik("1571005503900001")


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("1571015503900001", "************0001"),
        ("199003152015032001", "**************2001"),
        ("0001234567890", "*********7890"),
        (spelled("1571015503900001", 0x0660), "************0001"),
        ("1234", "****"),
    ],
)
def test_masks_show_the_last_four_digits_only(value: str, masked: str) -> None:
    assert mask_identifier(value) == masked
    assert mask_value(value) == masked  # the audit log's masking goes through the same rule


def test_codes_keep_their_alphabet_and_length() -> None:
    codes = {random_code(8, UNAMBIGUOUS) for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(UNAMBIGUOUS) for c in codes)
    tens = {random_code(10, CROCKFORD) for _ in range(200)}
    assert all(len(c) == 10 and set(c) <= set(CROCKFORD) for c in tens)
    # A non-power-of-two alphabet takes the per-character path; every symbol still turns up.
    assert set("".join(random_code(50, "ABC") for _ in range(20))) == set("ABC")
    with pytest.raises(ValueError, match="length"):
        random_code(0)
