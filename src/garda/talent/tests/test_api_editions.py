"""/api/v1/ip-asn/editions/: the IP ASN tables per edition over the API, read by the roles the
"Tabel IP ASN" page lets read them, written only by the provincial admin through the page's
service (checked lines, audited), errors as problem details."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from garda.core.audit.models import AuditEntry
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.talent.ipasn import Rules
from garda.talent.ipasn_tables import tables_as_text
from garda.talent.models import IpEdition

pytestmark = pytest.mark.django_db

URL = "/api/v1/ip-asn/editions/"
PROBLEM = "application/problem+json"


def _client(role: str, **extra: Any) -> Client:
    return login_client(make_user(role=role, unit=UnitFactory(kind="instansi"), **extra))


def _edition() -> IpEdition:
    found = IpEdition.objects.order_by("-first_year").first()
    assert found is not None  # seeded by migration 0003
    return found


def test_readers_see_the_editions_and_their_tables() -> None:
    edition = _edition()
    for role in (Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.AUDITOR):
        listed = _client(role).get(URL)
        assert listed.status_code == 200, role
        assert [e["code"] for e in listed.json()] == [edition.code]
        assert "tables" not in listed.json()[0]
    detail = _client(Role.AUDITOR).get(f"{URL}{edition.pk}/").json()
    assert detail["tables"] == tables_as_text(edition)
    assert detail["technical_min_jp"] == 20  # a JSON number
    assert "kompetensi.pelaksana.teknis = 22.5" in detail["tables"]["points"]
    asn = _client(Role.ASN).get(URL)
    assert (asn.status_code, asn["Content-Type"]) == (403, PROBLEM)
    assert Client().get(URL).status_code == 401
    missing = _client(Role.AUDITOR).get(f"{URL}987654/")
    assert (missing.status_code, missing["Content-Type"]) == (404, PROBLEM)


def test_only_the_provincial_admin_writes_through_the_service() -> None:
    edition = _edition()
    body = _client(Role.ADMIN_PROVINSI).get(f"{URL}{edition.pk}/").json()
    points = body["tables"]["points"].replace(
        "kompetensi.pelaksana.teknis = 22.5", "kompetensi.pelaksana.teknis = 20"
    )
    refused = _client(Role.ADMIN_INSTANSI).patch(
        f"{URL}{edition.pk}/", {"tables": {"points": points}}, content_type="application/json"
    )
    assert (refused.status_code, refused["Content-Type"]) == (403, PROBLEM)
    admin = _client(Role.ADMIN_PROVINSI)
    changed = admin.patch(
        f"{URL}{edition.pk}/", {"tables": {"points": points}}, content_type="application/json"
    )
    assert changed.status_code == 200, changed.content
    assert "kompetensi.pelaksana.teknis = 20" in changed.json()["tables"]["points"]
    assert changed.json()["tables"]["categories"] == body["tables"]["categories"]  # kept
    rules = Rules.for_year(edition.first_year)
    assert rules.points[("kompetensi", "pelaksana.teknis")] == 20
    assert AuditEntry.objects.filter(action="talent.ip_edition.update").count() == 1

    # A bad line is named, as on the page, and nothing is written.
    bad = admin.patch(
        f"{URL}{edition.pk}/",
        {"tables": {"categories": "tinggi = 81\nluar_biasa = 99"}},
        content_type="application/json",
    )
    assert (bad.status_code, bad["Content-Type"]) == (400, PROBLEM)
    assert bad.json()["errors"][0]["field"] == "categories"
    assert "baris 2" in bad.json()["errors"][0]["message"]

    # A new edition (a regulation changed): created, audited, listed first.
    new = {**body, "code": "uji-2030", "name": "Peraturan Uji 2030", "first_year": 2030}
    new.pop("id")
    created = admin.post(URL, new, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["first_year"] == 2030
    assert AuditEntry.objects.filter(action="talent.ip_edition.create").count() == 1
    assert admin.get(URL).json()[0]["code"] == "uji-2030"
    again = admin.post(URL, new, content_type="application/json")
    assert (again.status_code, again["Content-Type"]) == (409, PROBLEM)
