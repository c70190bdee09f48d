"""The IP ASN dashboard's body is kept per viewer scope and data version: a write (an SKP
import, or a registry change of an ASN's education) shows on the next request, and an OPD
admin of one agency is never served the body or figures cached for another agency's admin."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.testing import make_employee
from garda.people.models import EducationLevel
from garda.people.services import employee_update
from garda.talent.services.records import skp_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def two() -> dict[str, Any]:
    """Instansi A and B with an OPD each ("Dinas Kenari", "Dinas Merbau"), one ASN with no SKP
    in each, an OPD admin of each and a provincial admin."""
    cache.clear()
    world: dict[str, Any] = {"year": timezone.localdate().year}
    for side, opd_name in (("A", "Dinas Kenari"), ("B", "Dinas Merbau")):
        instansi = UnitFactory(kind="instansi", name=f"Instansi {side}")
        opd = UnitFactory(parent=instansi, name=opd_name)
        world[side] = {
            "opd": opd,
            "asn": make_employee(unit=opd, name=f"Pegawai {side}"),
            "admin": make_user(role=Role.ADMIN_OPD, unit=opd),
        }
    world["province"] = make_user(role=Role.ADMIN_PROVINSI, unit=world["A"]["opd"])
    return world


def _page(user: Any, year: int) -> str:
    response = login_client(user).get(reverse("talent:ip_dashboard"), {"tahun": year})
    assert response.status_code == 200
    return response.content.decode()


def _figures(user: Any, year: int) -> dict[str, Any]:
    data: dict[str, Any] = (
        login_client(user).get(reverse("talent:ip_dashboard_data"), {"tahun": year}).json()
    )
    return data


def test_an_skp_import_shows_at_once_and_only_in_its_agency(two: dict[str, Any]) -> None:
    year, a, b = two["year"], two["A"], two["B"]
    # Warm every scope's body and figures first.
    before_a, before_b = _figures(a["admin"], year), _figures(b["admin"], year)
    page_a, page_b = _page(a["admin"], year), _page(b["admin"], year)
    province = _page(two["province"], year)
    assert "Dinas Kenari" in page_a
    assert "Dinas Merbau" not in page_a
    assert "Dinas Merbau" in page_b
    assert "Dinas Kenari" not in page_b
    assert "Instansi A" in province
    assert "Instansi B" in province
    assert before_a["missing"].get("skp") == 1
    assert before_a["count"] == before_b["count"] == 1

    source = io.BytesIO(f"NIP,Tahun,Predikat\n{a['asn'].nip},{year},Sangat Baik\n".encode())
    report = skp_import(actor=None, source=source, filename="skp.csv")
    assert report.created == 1

    after_a, after_b = _figures(a["admin"], year), _figures(b["admin"], year)
    assert after_a["mean"] > before_a["mean"]
    assert "skp" not in after_a["missing"]
    assert after_b == before_b  # the other agency's figures are its own, unchanged
    page_a_after = _page(a["admin"], year)
    assert (
        str(after_a["mean"]).replace(".", ",") in page_a_after
        or str(after_a["mean"]) in page_a_after
    )
    assert "Dinas Merbau" not in page_a_after
    page_b_after = _page(b["admin"], year)
    assert "Dinas Kenari" not in page_b_after
    assert (
        str(before_b["mean"]).replace(".", ",") in page_b_after
        or str(before_b["mean"]) in page_b_after
    )


def _kualifikasi(figures: dict[str, Any]) -> Any:
    return next(d["mean"] for d in figures["dimensions"] if d["code"] == "kualifikasi")


def test_a_registry_change_of_education_shows_on_the_next_request(two: dict[str, Any]) -> None:
    """The kualifikasi dimension reads the registry: changing an ASN's education there (no
    talent or ledger write) renews the cached figures and page at once."""
    year, a = two["year"], two["A"]
    before = _figures(a["admin"], year)
    _page(a["admin"], year)
    assert _kualifikasi(before) == 0

    s2 = EducationLevel.objects.get(code="S2")
    employee_update(actor=None, employee=a["asn"], values={"education_level_id": s2.pk})

    after = _figures(a["admin"], year)
    assert _kualifikasi(after) > 0
    assert after["mean"] > before["mean"]
    page = _page(a["admin"], year)
    assert str(after["mean"]).replace(".", ",") in page or str(after["mean"]) in page
    # Retirement (a status change) takes the ASN out of the index on the next request too.
    employee_update(actor=None, employee=a["asn"], values={"status": "pensiun"})
    assert _figures(a["admin"], year)["count"] == 0
