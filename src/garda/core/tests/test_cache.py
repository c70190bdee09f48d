"""core.cache: the scope and the data versions are part of every key, one computation serves
the concurrent misses of one key, and core's one data-version table is bumped only inside the
writing transaction."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from garda.core.cache import PUBLIC, cached, machine_scope, scoped_key, viewer_scope
from garda.core.dataversion import (
    NEVER_WRITTEN,
    DataVersion,
    data_stamp,
    data_stamps,
    data_version_bump,
)
from garda.core.roles import Role
from garda.core.testing import UnitFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def test_viewers_share_a_scope_only_when_they_see_the_same_records() -> None:
    instansi = UnitFactory(kind="instansi")
    opd = UnitFactory(kind="opd", parent=instansi)
    other = UnitFactory(kind="instansi")
    admin_a = make_user(role=Role.ADMIN_INSTANSI, unit=opd)  # its scope is the instansi
    admin_a2 = make_user(role=Role.ADMIN_INSTANSI, unit=instansi)
    admin_b = make_user(role=Role.ADMIN_INSTANSI, unit=other)
    opd_admin = make_user(role=Role.ADMIN_OPD, unit=opd)
    asn_1 = make_user(role=Role.ASN, unit=opd)
    asn_2 = make_user(role=Role.ASN, unit=opd)
    province = make_user(role=Role.ADMIN_PROVINSI, unit=other)
    assert viewer_scope(admin_a) == viewer_scope(admin_a2)
    scopes = {viewer_scope(user) for user in (admin_a, admin_b, opd_admin, asn_1, asn_2, province)}
    assert len(scopes) == 6
    assert viewer_scope(province) == viewer_scope(make_user(role=Role.ADMIN_PROVINSI, unit=opd))


def test_one_key_per_scope_language_and_data_version() -> None:
    a, b = make_user(role=Role.ASN), make_user(role=Role.ASN)
    computed: list[str] = []

    def compute(label: str) -> str:
        computed.append(label)
        return label

    assert cached(viewer_scope(a), ["x"], lambda: compute("a"), timeout=60) == "a"
    assert cached(viewer_scope(b), ["x"], lambda: compute("b"), timeout=60) == "b"
    assert cached(viewer_scope(a), ["x"], lambda: compute("again"), timeout=60) == "a"
    with translation.override("en"):
        assert cached(viewer_scope(a), ["x"], lambda: compute("en"), timeout=60) == "en"
    assert cached(PUBLIC, ["x"], lambda: compute("p"), timeout=60, versions=("t",)) == "p"
    with transaction.atomic():
        data_version_bump(name="t")
    assert cached(PUBLIC, ["x"], lambda: compute("p2"), timeout=60, versions=("t",)) == "p2"
    assert computed == ["a", "b", "en", "p", "p2"]


def test_long_or_spaced_parts_make_a_short_key() -> None:
    key = scoped_key(machine_scope("facility", 7), ["/a path?q=with space", "x" * 400])
    assert len(key) < 250
    assert " " not in key
    assert key.startswith("garda:c1:m:facility:7:")


@pytest.mark.django_db(transaction=True)
def test_data_version_bumps_only_inside_a_transaction() -> None:
    assert data_stamp("nothing-yet") == "0"
    with pytest.raises(RuntimeError):
        data_version_bump(name="budget-uji")
    with transaction.atomic():
        first = data_version_bump(name="budget-uji")
    stamp = data_stamp("budget-uji")
    with transaction.atomic():
        assert data_version_bump(name="budget-uji") == first + 1
    assert data_stamp("budget-uji") != stamp
    assert DataVersion.objects.get(name="budget-uji").version == first + 1


def test_concurrent_misses_wait_for_one_computation() -> None:
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        return "mine"

    key = scoped_key(PUBLIC, ["thing"], versions=("budget",))
    cache.add(f"{key}:computing", 1, 30)  # another request is computing it
    threading.Timer(0.1, lambda: cache.set(key, "theirs", 60)).start()
    got = cached(PUBLIC, ["thing"], compute, timeout=60, versions=("budget",), single_flight=True)
    assert got == "theirs"
    assert calls == []
    other = cached(PUBLIC, ["other"], compute, timeout=60, versions=("budget",), single_flight=True)
    assert other == "mine"
    assert calls == [1]


def test_several_stamps_are_read_in_one_statement_in_the_order_asked(
    django_assert_num_queries: Any,
) -> None:
    with transaction.atomic():
        data_version_bump(name="uji-a")
        data_version_bump(name="uji-b")
    with django_assert_num_queries(1):
        stamps = data_stamps(("uji-b", "tidak-ada", "uji-a"))
    assert stamps == [data_stamp("uji-b"), NEVER_WRITTEN, data_stamp("uji-a")]
    assert stamps[0] != stamps[2]
    assert data_stamps(()) == []
