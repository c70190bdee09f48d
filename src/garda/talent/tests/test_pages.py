"""Talent pages and API with two instansi: the ASN's own page (box, reasons, IP ASN, what
would raise it with a matching open batch), the grid's drill-down, the IP ASN dashboard and
API, discipline for BKD only, and a calibration run from the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.testing import make_employee
from garda.learning.testing import sample_batch, sample_program
from garda.people.models import EducationLevel, Employee, JabatanKind
from garda.talent.models import CalibrationSession, PotentialResult, Sanction, SkpResult
from garda.talent.selectors import talent_box_of

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    return login_client(user)


def _world() -> dict[str, Any]:
    year = timezone.localdate().year
    world: dict[str, Any] = {"year": year}
    for side in ("A", "B"):
        instansi = UnitFactory(kind="instansi", name=f"Instansi {side}")
        opd = UnitFactory(parent=instansi, name=f"Dinas {side}")
        asn_user = make_user(role=Role.ASN, unit=opd)
        me = make_employee(unit=opd, user=asn_user, name=f"Warga{side} Saya")
        me.education_level = EducationLevel.objects.get(code="S1")
        me.jabatan_kind = JabatanKind.objects.get(code="pelaksana")
        me.save()
        other = make_employee(unit=opd, name=f"Warga{side} Lain")
        for employee, predikat, level in (
            (me, "baik", "menengah"),
            (other, "sangat_baik", "tinggi"),
        ):
            SkpResult.objects.create(employee=employee, year=year, predikat=predikat)
            PotentialResult.objects.create(employee=employee, year=year, potensial=level)
        Sanction.objects.create(employee=other, tingkat="ringan", jenis_hukuman=f"Teguran{side}",
                                tmt=dt.date(year, 1, 10), nomor_sk=f"SK-{side}")  # fmt: skip
        world[side] = {
            "instansi": instansi, "opd": opd, "asn": asn_user, "me": me, "other": other,
            "admin": make_user(role=Role.ADMIN_INSTANSI, unit=instansi),
            "opd_admin": make_user(role=Role.ADMIN_OPD, unit=opd),
        }  # fmt: skip
    return world


def test_asn_sees_own_box_reasons_and_what_would_raise_the_index() -> None:
    world = _world()
    a = world["A"]
    batch = sample_batch(program=sample_program(title="Pelatihan Teknis Arsip Digital"))
    response = _client(a["asn"]).get(reverse("talent:my_talent"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Kotak 5" in text
    for reason in ("Baik", "Menengah", "Sesuai ekspektasi"):
        assert reason in text
    assert "kotak 7" in text  # a better SKP would move them to box 7
    assert "Pelatihan teknis 20 JP tahun ini menambah 22,5 poin" in text
    assert reverse("learning:batch_detail", args=[batch.pk]) in text
    assert "WargaB" not in text


def test_grid_drilldown_dashboard_and_api_are_scoped() -> None:
    world = _world()
    a, b, year = world["A"], world["B"], world["year"]
    admin = _client(a["admin"])
    grid = admin.get(reverse("talent:grid"), {"tahun": year, "kotak": 9}).content.decode()
    assert "WargaA Lain" in grid
    assert "WargaB" not in grid
    refused = admin.get(reverse("talent:grid"), {"unit": b["instansi"].pk})
    assert refused.status_code == 404
    data = admin.get(reverse("talent:ip_dashboard_data"), {"tahun": year}).json()
    assert data["count"] == 2
    assert {c["code"]: c["count"] for c in data["categories"]}["sangat_rendah"] >= 1
    page = admin.get(reverse("talent:ip_dashboard"), {"tahun": year})
    assert page.status_code == 200
    rows = admin.get("/api/v1/ip-asn/", {"tahun": year}).json()["results"]
    assert sorted(r["nip"] for r in rows) == sorted([a["me"].nip, a["other"].nip])
    own = _client(a["asn"]).get("/api/v1/ip-asn/", {"tahun": year}).json()["results"]
    assert [r["nip"] for r in own] == [a["me"].nip]
    assert isinstance(own[0]["total"], int | float)
    assert own[0]["missing"] == []


def test_pages_and_api_read_the_unit_parameter_alike() -> None:
    world = _world()
    a, b, year = world["A"], world["B"], world["year"]
    admin = _client(a["admin"])
    answers = {}
    for label, raw in (("own", str(a["opd"].pk)), ("other", str(b["instansi"].pk)),
                       ("garbage", "abc"), ("blank", "")):  # fmt: skip
        answers[label] = tuple(
            admin.get(url, {"tahun": year, "unit": raw}).status_code
            for url in (reverse("talent:grid"), reverse("talent:ip_dashboard_data"),
                        "/api/v1/ip-asn/")
        )  # fmt: skip
    assert answers == {
        "own": (200, 200, 200), "other": (404, 404, 404), "garbage": (404, 404, 404),
        "blank": (200, 200, 200),
    }  # fmt: skip
    rows = admin.get("/api/v1/ip-asn/", {"tahun": year, "unit": a["opd"].pk}).json()["results"]
    data = admin.get(reverse("talent:ip_dashboard_data"), {"tahun": year, "unit": a["opd"].pk})
    assert len(rows) == data.json()["count"] == 2


def test_discipline_list_is_for_bkd_roles_of_their_own_instansi() -> None:
    world = _world()
    a = world["A"]
    text = _client(a["admin"]).get(reverse("talent:sanctions")).content.decode()
    assert "TeguranA" in text
    assert "TeguranB" not in text
    assert _client(a["opd_admin"]).get(reverse("talent:sanctions")).status_code == 403
    assert _client(a["asn"]).get(reverse("talent:sanctions")).status_code == 403
    assert Client().get(reverse("talent:sanctions")).status_code == 302


def test_calibration_from_the_pages() -> None:
    world = _world()
    a, b, year = world["A"], world["B"], world["year"]
    admin = _client(a["admin"])
    response = admin.post(reverse("talent:calibration_list"),
                          {"instansi": a["instansi"].pk, "year": year})  # fmt: skip
    session = CalibrationSession.objects.get()
    assert response.status_code == 302
    change = reverse("talent:calibration_change", args=[session.pk])
    admin.post(change, {"nip": b["me"].nip, "box": 9, "reason": "Lintas instansi"})
    assert not session.changes.exists()
    admin.post(change, {"nip": a["me"].nip, "box": 7, "reason": "Hasil uji kompetensi tinggi"})
    assert session.changes.get().box_after == 7
    admin.post(reverse("talent:calibration_lock", args=[session.pk]))
    assert talent_box_of(employee_id=a["me"].pk, year=year) == 7
    detail = admin.get(reverse("talent:calibration_detail", args=[session.pk])).content.decode()
    assert "Hasil uji kompetensi tinggi" in detail
    other_admin = _client(b["admin"])
    assert (
        other_admin.get(reverse("talent:calibration_detail", args=[session.pk])).status_code == 404
    )
    assert Employee.objects.count() == 4


def test_cutoffs_page_sets_the_instansi_axis() -> None:
    world = _world()
    a, b, year = world["A"], world["B"], world["year"]
    admin = _client(a["admin"])
    url = reverse("talent:cutoffs")
    page = admin.get(url, {"instansi": a["instansi"].pk, "tahun": year}).content.decode()
    assert "batas bawaan" in page
    assert "Instansi B" not in page
    values = {"sangat_baik": "di_atas", "baik": "di_atas", "butuh_perbaikan": "sesuai",
              "cukup": "sesuai", "kurang": "di_bawah", "sangat_kurang": "di_bawah",
              "buruk": "di_bawah"}  # fmt: skip
    admin.post(f"{url}?instansi={a['instansi'].pk}&tahun={year}", values)
    assert talent_box_of(employee_id=a["me"].pk, year=year) == 7  # baik, menengah
    assert talent_box_of(employee_id=b["me"].pk, year=year) == 5  # the other instansi: default
