"""Security issue, item 8 (API half): a token carries no second factor, so an admin-role account
whose owner never set TOTP up may read with it but not write; once a device is confirmed the
same token writes, and GARDA_REQUIRE_2FA=false lifts the rule for local use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from garda.core.identity import make_nip
from garda.core.models import User
from garda.core.roles import Role
from garda.core.testing import UnitFactory, make_user
from garda.people.models import Employee, Golongan, JabatanKind
from garda.people.services import employee_create
from garda.transparency.ppid.testing import SAMPLE_NIK

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting() -> dict[str, Any]:
    agency = UnitFactory(code="K71", kind="instansi", name="Pemkot Uji")
    office = UnitFactory(code="K71.A", kind="opd", name="Dinas Kota", parent=agency)
    born = dt.date(1988, 5, 5)
    employee = employee_create(
        actor=None, nip=make_nip(born, 2012, 1, "P", 7), kind="pns", name="Warga Kota",
        birth_date=born, gender="P", unit_id=office.pk,
        golongan_id=Golongan.objects.get(kind="pns", code="III/a").pk,
        tmt_golongan=dt.date(2012, 1, 1),
        jabatan_kind_id=JabatanKind.objects.get(code="pelaksana").pk,
    )  # fmt: skip
    admin = make_user(role=Role.ADMIN_INSTANSI, unit=agency)
    return {"agency": agency, "office": office, "employee": employee, "admin": admin}


def _token_client(user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def _move(client: Client, employee: Employee, unit_id: int) -> Any:
    return client.patch(
        f"/api/v1/employees/{employee.pk}/", {"unit": unit_id}, content_type="application/json"
    )


def test_token_without_second_factor_reads_but_does_not_write(setting: dict[str, Any]) -> None:
    client = _token_client(setting["admin"])
    employee = setting["employee"]
    assert client.get("/api/v1/me/").status_code == 200
    assert client.get(f"/api/v1/employees/{employee.pk}/").status_code == 200

    response = _move(client, employee, setting["agency"].pk)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "two_factor_required"
    assert "verifikasi dua langkah" in body["detail"]
    employee.refresh_from_db()
    assert employee.unit_id == setting["office"].pk

    # A pending (unconfirmed) device is not a second factor either.
    TOTPDevice.objects.create(user=setting["admin"], name="garda", confirmed=False)
    assert _move(client, employee, setting["agency"].pk).status_code == 403


def test_the_same_token_writes_once_a_device_is_confirmed(setting: dict[str, Any]) -> None:
    client = _token_client(setting["admin"])
    TOTPDevice.objects.create(user=setting["admin"], name="garda", confirmed=True)
    response = _move(client, setting["employee"], setting["agency"].pk)
    assert response.status_code == 200, response.content
    setting["employee"].refresh_from_db()
    assert setting["employee"].unit_id == setting["agency"].pk


def test_roles_without_second_factor_are_not_affected(setting: dict[str, Any]) -> None:
    """An ASN's token writes what the ASN may write (here, a public PPID request)."""
    asn = make_user(role=Role.ASN, unit=setting["office"])
    payload = {
        "unit": setting["office"].pk, "requester_kind": "individual", "requester_name": "Budi",
        "requester_nik": SAMPLE_NIK, "address": "Jl. Sudirman 1", "phone": "081234567890",
        "email": "budi@contoh.id", "details": "Daftar sekolah.", "purpose": "Pemantauan.",
        "obtain_method": "view", "consent": True,
    }  # fmt: skip
    response = _token_client(asn).post(
        "/api/v1/information-requests/", payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content


def test_switched_off_for_local_use(setting: dict[str, Any], settings: Any) -> None:
    settings.GARDA_REQUIRE_2FA = False
    response = _move(_token_client(setting["admin"]), setting["employee"], setting["agency"].pk)
    assert response.status_code == 200, response.content
