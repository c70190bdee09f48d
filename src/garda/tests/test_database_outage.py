"""While the database is unreachable every client gets 503 with Retry-After in its own format
(security issue, item 17), and Garda answers normally again once it is back.

The outage is real: the connection is pointed at a database that cannot be opened (a closed
port on PostgreSQL, a file in a missing folder on SQLite), nothing is mocked."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections
from django.test import Client


@pytest.fixture
def database_down(django_db_blocker: Any, settings: Any) -> Iterator[None]:
    connection = connections["default"]
    saved = copy.deepcopy(connection.settings_dict)
    with django_db_blocker.unblock():
        connection.close()
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/nonexistent-garda-folder/garda.sqlite3"
        else:
            # The pool holds live connections: drop it, so the next one is opened anew against
            # a closed port, and give up waiting for one after a second rather than ten.
            connection.close_pool()
            connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
            connection.settings_dict["OPTIONS"]["pool"] = {
                **connection.settings_dict["OPTIONS"]["pool"],
                "min_size": 0,
                "timeout": 1,
            }
        try:
            yield
        finally:
            connection.close()
            if connection.vendor == "postgresql":
                connection.close_pool()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


def _client() -> Client:
    return Client(raise_request_exception=False)


def test_people_get_an_indonesian_page_that_needs_no_database(database_down: None) -> None:
    response = _client().get("/antrean/")
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    body = response.content.decode()
    assert "Layanan sementara tidak tersedia" in body
    assert "coba lagi" in body


def test_the_api_answers_problem_details(database_down: None) -> None:
    response = _client().get("/api/v1/programs/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "database_unavailable"
    assert int(response["Retry-After"]) > 0


def test_the_bridge_answers_in_the_bpjs_envelope(database_down: None) -> None:
    response = _client().get(
        "/mobilejkn/DEMO01/antrean/status/001/2026-12-08",
        headers={"x-token": "t", "x-username": "u"},
    )
    assert response.status_code == 503
    assert response.json()["metadata"]["code"] == 201
    assert "basis data" in response.json()["metadata"]["message"]


@pytest.mark.django_db
def test_a_real_error_is_still_a_500(settings: Any) -> None:
    """Only the database being away is an outage; other failures stay visible as 500."""
    from garda.core.outage import database_unreachable

    assert database_unreachable(None) is False
    assert database_unreachable(ValueError("bug")) is False
    assert _client().get("/antrean/").status_code == 200  # and Garda is back
