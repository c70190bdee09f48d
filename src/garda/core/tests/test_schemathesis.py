"""Property-based run over the OpenAPI document: no request, however odd, gets a 5xx.

Driven through hypothesis directly (schemathesis' own pytest plugin does not run on this
pytest); each API operation gets generated cases sent straight to the WSGI application."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from garda.core.roles import Role
from garda.core.testing import UnitFactory, make_user
from garda.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema() -> Iterator[Any]:
    # Calls go straight to the WSGI app, not through Django's test client, so the request
    # signals would close the test's connection (and its transaction) after each call.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_no_server_errors(api_schema: Any) -> None:
    unit = UnitFactory(code="T15", kind="instansi")
    auditor = make_user(username="penguji.api", role=Role.AUDITOR, unit=unit)
    headers = {"Authorization": f"Token {Token.objects.create(user=auditor).key}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        exercise()
