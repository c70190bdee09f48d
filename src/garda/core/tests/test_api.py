"""The API shell: token and session auth, problem details, schema, Swagger UI from local files."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from garda.core.models import Job
from garda.core.roles import Role
from garda.core.testing import login_client, make_user

pytestmark = pytest.mark.django_db


def _token_client(username: str) -> Client:
    out = io.StringIO()
    call_command("drf_create_token", username, stdout=out)
    key = Token.objects.get(user__username=username).key
    assert key in out.getvalue()
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_token_from_the_command_line_authenticates() -> None:
    make_user(username="api.asn", role=Role.ASN)
    response = _token_client("api.asn").get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "api.asn"
    assert response.json()["role"] == "asn"


def test_session_authenticates() -> None:
    user = make_user(username="sesi")
    assert login_client(user).get("/api/v1/me/").json()["username"] == "sesi"


def test_unauthenticated_answer_is_problem_details() -> None:
    response = Client().get("/api/v1/me/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401
    assert body["type"].endswith("/not_authenticated")
    assert body["instance"] == "/api/v1/me/"
    assert set(body) >= {"type", "title", "status", "detail", "instance"}


def test_forbidden_answer_is_problem_details() -> None:
    response = login_client(make_user(role=Role.ASN)).get("/api/v1/audit/entries/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_other_peoples_job_is_not_found_as_problem_details() -> None:
    owner = make_user(role=Role.ASN)
    job = Job.objects.create(owner=owner, kind="uji", title="Rahasia")
    response = login_client(make_user(role=Role.ASN)).get(f"/api/v1/jobs/{job.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


def test_auditor_reads_the_audit_log() -> None:
    auditor = make_user(role=Role.AUDITOR)
    response = login_client(auditor).get("/api/v1/audit/entries/")
    assert response.status_code == 200
    actions = [row["action"] for row in response.json()["results"]]
    assert "unit.create" in actions


def test_units_are_scoped_by_the_unit_tree() -> None:
    from garda.core.testing import UnitFactory

    province = UnitFactory(code="T15", kind="instansi", name="Pemprov Uji")
    opd = UnitFactory(code="T15.A", kind="opd", name="Dinas A", parent=province)
    UnitFactory(code="T15.A.1", kind="bidang", name="Bidang A1", parent=opd)
    UnitFactory(code="T15.B", kind="opd", name="Dinas B", parent=province)
    admin_opd = make_user(role=Role.ADMIN_OPD, unit=opd)
    names = {u["name"] for u in login_client(admin_opd).get("/api/v1/units/").json()["results"]}
    assert names == {"Dinas A", "Bidang A1"}
    admin_prov = make_user(role=Role.ADMIN_PROVINSI, unit=province)
    all_names = {
        u["name"] for u in login_client(admin_prov).get("/api/v1/units/").json()["results"]
    }
    assert {"Pemprov Uji", "Dinas A", "Bidang A1", "Dinas B"} <= all_names


def test_openapi_schema_and_local_swagger_ui() -> None:
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/me/" in schema.json()["paths"]
    docs = Client().get("/api/v1/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "<script>" not in page  # the CSP allows no inline script
    script = Client().get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
