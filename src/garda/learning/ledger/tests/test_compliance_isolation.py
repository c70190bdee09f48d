"""The issue's leak, replayed: the compliance page cached its body under a key without the
viewer's scope, so the second agency's admin to open /jp/kepatuhan/ got the first agency's
list of ASN below target. Each admin must see only their own agency, with the cache warm."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies() -> dict[str, Any]:
    """Kota Jambi (an instansi) and BPSDM (an OPD of the province's instansi), each with one
    ASN below target (no JP at all this year) and its own admin."""
    kota = UnitFactory(name="Pemerintah Kota Jambi", kind="instansi")
    kota_opd = UnitFactory(name="Dinas Kota", kind="opd", parent=kota)
    province = UnitFactory(name="Pemerintah Provinsi Jambi", kind="instansi")
    bpsdm = UnitFactory(name="BPSDM Provinsi Jambi", kind="opd", parent=province)
    return {
        "kota_asn": make_employee(unit=kota_opd, name="Rahmat Kotajambi"),
        "bpsdm_asn": make_employee(unit=bpsdm, name="Sulastri Bpsdmprov"),
        "kota_admin": make_user(role=Role.ADMIN_INSTANSI, unit=kota),
        "bpsdm_admin": make_user(role=Role.ADMIN_OPD, unit=bpsdm),
        "bpsdm_instansi_admin": make_user(role=Role.ADMIN_INSTANSI, unit=province),
    }


def _page(client: Client) -> str:
    response = client.get(reverse("ledger:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("second", ["bpsdm_admin", "bpsdm_instansi_admin"])
def test_second_agency_does_not_get_the_first_agencys_list(
    agencies: dict[str, Any], second: str
) -> None:
    cache.clear()
    kota_asn, bpsdm_asn = agencies["kota_asn"], agencies["bpsdm_asn"]
    first_body = _page(login_client(agencies["kota_admin"]))
    assert kota_asn.name in first_body  # the cache is now warm with Kota Jambi's page
    second_body = _page(login_client(agencies[second]))
    assert kota_asn.name not in second_body
    assert kota_asn.nip not in second_body
    assert bpsdm_asn.name in second_body


def test_in_the_other_order_too(agencies: dict[str, Any]) -> None:
    cache.clear()
    kota_asn, bpsdm_asn = agencies["kota_asn"], agencies["bpsdm_asn"]
    assert bpsdm_asn.name in _page(login_client(agencies["bpsdm_admin"]))
    body = _page(login_client(agencies["kota_admin"]))
    assert bpsdm_asn.name not in body
    assert bpsdm_asn.nip not in body
    assert kota_asn.name in body
    figures = login_client(agencies["kota_admin"]).get(reverse("ledger:dashboard_data")).json()
    assert figures["employees"] == 1


def test_a_province_admin_after_an_agency_gets_the_whole_province(
    agencies: dict[str, Any],
) -> None:
    cache.clear()
    _page(login_client(agencies["kota_admin"]))
    province = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=None))
    body = _page(province)
    assert agencies["kota_asn"].name in body
    assert agencies["bpsdm_asn"].name in body
    assert province.get(reverse("ledger:dashboard_data")).json()["employees"] == 2
