"""The bridge served by the lean machine path (garda.core.machine) through the WSGI application
granian runs: the same answers and the same token checks, without the session stack."""

from __future__ import annotations

import io
import json
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from garda.core.machine import Dispatch, MachineHandler, machine_path_for
from garda.core.models import UserSession
from garda.queueing.mobilejkn.models import FacilityBridge, Patient
from garda.queueing.mobilejkn.tests.conftest import USERNAME, Ws, open_day
from garda.queueing.models import Facility, Ticket

# Built as garda/wsgi.py builds it (importing that module would also switch this test
# process to numbering audit entries in a background thread).
application = Dispatch(get_wsgi_application(), MachineHandler())


def call(
    method: str, path: str, *, headers: dict[str, str] | None = None, body: Any = None
) -> tuple[str, dict[str, str], bytes]:
    """One request through `garda.wsgi.application`, as granian makes it."""
    data = b"" if body is None else json.dumps(body).encode()
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "HTTP_HOST": "localhost",
        "CONTENT_LENGTH": str(len(data)),
        "CONTENT_TYPE": "application/json",
        "wsgi.input": io.BytesIO(data),
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    setup_testing_defaults(environ)
    answer: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], *_: Any) -> None:
        answer["status"] = status
        answer["headers"] = dict(response_headers)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        content = b"".join(result)
        result.close()  # type: ignore[attr-defined]  # Django's responses have close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], content


def test_only_registered_prefixes_take_the_machine_path() -> None:
    assert machine_path_for("/mobilejkn/PKM01/antrean") is not None
    assert machine_path_for("/jembatan-jkn/") is None
    assert machine_path_for("/") is None


@pytest.mark.django_db
def test_status_and_take_through_the_lean_path(ws: Ws, facility: Facility) -> None:
    headers = {"x-token": ws.token, "x-username": USERNAME}
    day = open_day()
    with CaptureQueriesContext(connection) as queries:
        status, response_headers, content = call(
            "GET", f"/mobilejkn/{facility.code}/antrean/status/001/{day}",
            headers={**headers, "Cookie": "sessionid=abc; csrftoken=def"},
        )  # fmt: skip
    assert status.startswith("200")
    assert json.loads(content)["metadata"]["code"] == 200
    # No session read, no cookie set, no language negotiated; security headers still sent.
    session_table = UserSession._meta.db_table
    assert not any(session_table in q["sql"] for q in queries.captured_queries)
    assert "Set-Cookie" not in response_headers
    assert "Content-Language" not in response_headers
    assert response_headers["X-Content-Type-Options"] == "nosniff"

    Patient.objects.create(
        facility=facility, card_number="0001234567890", nik="1571010101900001",
        family_card="1571010101010101", name="Peserta", sex="L", birth_date=day.replace(1980),
    )  # fmt: skip
    body = {"nomorkartu": "0001234567890", "nik": "1571010101900001", "kodepoli": "001",
            "tanggalperiksa": day.isoformat(), "keluhan": "demam"}  # fmt: skip
    status, _headers, content = call(
        "POST", f"/mobilejkn/{facility.code}/antrean", headers=headers, body=body
    )
    answer = json.loads(content)
    assert answer["metadata"]["code"] == 200, answer
    assert answer["response"]["angkaantrean"] == 1
    assert Ticket.objects.filter(card_number="0001234567890", channel="mobilejkn").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("token", "username", "message"),
    [
        ("", USERNAME, "Token tidak ditemukan."),
        ("bukan-token", USERNAME, "Token tidak valid."),
        (None, "orang-lain", "Token tidak valid."),
    ],
)
def test_the_lean_path_keeps_the_token_check(
    ws: Ws, facility: Facility, token: str | None, username: str, message: str
) -> None:
    status, _headers, content = call(
        "GET", f"/mobilejkn/{facility.code}/antrean/status/001/{open_day()}",
        headers={"x-token": ws.token if token is None else token, "x-username": username},
    )  # fmt: skip
    assert status.startswith("200")
    assert json.loads(content)["metadata"] == {"message": message, "code": 201}


@pytest.mark.django_db
def test_a_session_does_not_open_the_lean_path(ws: Ws, facility: Facility, client_for: Any) -> None:
    """A signed-in admin's session cookie is not a token: refused like anyone's."""
    admin = client_for("admin_provinsi")
    cookie = f"sessionid={admin.cookies['sessionid'].value}"
    _status, _headers, content = call(
        "GET", f"/mobilejkn/{facility.code}/antrean/status/001/{open_day()}",
        headers={"Cookie": cookie},
    )  # fmt: skip
    assert json.loads(content)["metadata"]["code"] == 201


@pytest.mark.django_db
def test_other_paths_keep_the_whole_stack(bridge: FacilityBridge) -> None:
    status, response_headers, _content = call("GET", "/akun/masuk/")
    assert status.startswith("200")
    assert "csrftoken" in response_headers.get("Set-Cookie", "")
    status, _headers, _content = call("GET", "/jembatan-jkn/")
    assert status.startswith("302")  # the admin pages still want a sign-in
