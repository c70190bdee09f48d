"""The OpenAPI document as an integrator's tools read it: valid OpenAPI 3 (checked with
openapi-spec-validator, an implementation independent of drf-spectacular), a description on
every operation, RFC 9457 problem details declared for the 4xx answers of every operation, and
the API answering those errors with exactly that media type and body shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from jsonschema import Draft4Validator
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from garda.core.roles import Role
from garda.core.testing import login_client, make_user

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    found: dict[str, Any] = response.json()
    return found


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_the_document_is_valid_openapi(document: dict[str, Any]) -> None:
    validate(document)  # raises OpenAPIValidationError with the JSON path of the fault
    assert document["openapi"].startswith("3.")
    assert len(operations(document)) >= 38


def test_the_validator_refuses_a_broken_document(document: dict[str, Any], tmp_path: Any) -> None:
    """The check has teeth: a response without its required description is refused."""
    path, item = next(iter(document["paths"].items()))
    del next(iter(item.values()))["responses"]["200"]["description"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document))
    spec, _url = read_from_filename(str(broken))
    with pytest.raises(Exception, match="responses"):
        validate(spec)
    assert path.startswith("/api/v1/")


def test_every_operation_has_a_description(document: dict[str, Any]) -> None:
    missing = [f"{m} {p}" for m, p, op in operations(document) if not op.get("description")]
    assert missing == []


def test_every_operation_declares_its_errors_as_problem_details(
    document: dict[str, Any],
) -> None:
    problem_ref = "#/components/schemas/Problem"
    faults = []
    for method, path, operation in operations(document):
        errors = {code: r for code, r in operation["responses"].items() if code.startswith("4")}
        if not errors:
            faults.append(f"{method} {path}: no 4xx answer")
        for code, answer in errors.items():
            schema = answer.get("content", {}).get(PROBLEM, {}).get("schema", {})
            if schema.get("$ref") != problem_ref:
                faults.append(f"{method} {path} {code}: not {PROBLEM}")
        if "{" in path and "404" not in errors:
            faults.append(f"{method} {path}: names an object but declares no 404")
    assert faults == []
    assert set(document["components"]["schemas"]["Problem"]["required"]) >= {
        "type", "title", "status", "detail", "instance",
    }  # fmt: skip


def problem_validator(document: dict[str, Any]) -> Draft4Validator:
    """The document's Problem schema, with the components it refers to, as JSON Schema."""
    schema = {**document["components"]["schemas"]["Problem"]}
    schema["components"] = document["components"]
    return Draft4Validator(schema)


def test_the_api_answers_the_declared_problem_details(
    document: dict[str, Any], client: Client
) -> None:
    """Each kind of 4xx the document declares, provoked for real: the media type and the body
    are the ones declared."""
    validator = problem_validator(document)
    asn = login_client(make_user(role=Role.ASN))
    answers = {
        "401": client.get("/api/v1/me/"),
        "403": asn.get("/api/v1/audit/entries/"),
        "404": asn.get("/api/v1/jobs/987654/"),
        "400": client.post("/api/v1/information-requests/", {}, content_type="application/json"),
    }
    for code, response in answers.items():
        assert str(response.status_code) == code, (code, response.content[:200])
        assert response["Content-Type"] == PROBLEM, code
        body = response.json()
        assert [e.message for e in validator.iter_errors(body)] == [], code
        assert body["status"] == response.status_code
    assert answers["400"].json()["errors"], "a refused body names its fields"


@pytest.fixture
def fresh_throttle() -> Iterator[None]:
    cache.clear()  # throttle counts live in the cache: start from none, leave none behind
    yield
    cache.clear()


@pytest.mark.usefixtures("fresh_throttle")
def test_a_throttled_operation_answers_429_as_problem_details(
    document: dict[str, Any], client: Client
) -> None:
    declared = document["paths"]["/api/v1/information-requests/"]["post"]["responses"]
    assert PROBLEM in declared["429"]["content"]
    for _ in range(25):  # the public PPID form allows 20 an hour per address
        response = client.post("/api/v1/information-requests/", {}, content_type="application/json")
        if response.status_code == 429:
            break
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert [e.message for e in problem_validator(document).iter_errors(response.json())] == []
    assert "Retry-After" in response
