"""Numbers in query parameters never make a 500, on every page that reads one (security issue,
item 11): "²" passes `str.isdigit()` but not `int()`, and 5,000 digits pass both."""

from __future__ import annotations

import pytest
from django.test import Client

from garda.core.params import id_from, number_from, year_from
from garda.core.roles import Role
from garda.core.testing import login_client, make_user

HOSTILE = ["²", "٣", "9" * 5000, "-1", "0x1A", " 12 ", ""]


def test_the_readers_take_only_ascii_digits_in_range() -> None:
    assert id_from("42") == 42
    assert id_from(" 42 ") == 42
    assert [id_from(value) for value in HOSTILE if value.strip() != "12"] == [None] * 6
    assert number_from("99999", maximum=99_999) == 99_999
    assert number_from("100000", maximum=99_999) is None
    assert year_from("2027") == 2027
    assert year_from("²") == year_from("1066") == year_from(None)


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE)
def test_public_pages_answer_without_a_500(value: str) -> None:
    client = Client(raise_request_exception=False)
    for url in (f"/pelatihan/?bentuk={value}", f"/ppid/?instansi={value}",
                f"/ppid/statistik/?tahun={value}&instansi={value}",
                f"/anggaran/?page={value}"):  # fmt: skip
        assert client.get(url).status_code < 500, url


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE)
def test_signed_in_pages_answer_without_a_500(value: str) -> None:
    admin = login_client(make_user(role=Role.ADMIN_PROVINSI))
    admin.raise_request_exception = False
    for url in (f"/jp/kepatuhan/?unit={value}", f"/jp/saya/?tahun={value}",
                f"/kalender/?tahun={value}", f"/api/v1/jp-compliance/?unit={value}",
                f"/talenta/kotak/?tahun={value}&unit={value}&kotak={value}",
                f"/talenta/ip-asn/?tahun={value}&unit={value}", f"/talenta/saya/?tahun={value}",
                f"/api/v1/ip-asn/?tahun={value}&unit={value}&page={value}"):  # fmt: skip
        assert admin.get(url).status_code < 500, url
