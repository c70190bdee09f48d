"""Read routing to streaming replicas (core/dbrouter.py, decision 0019).

The rule itself is tested everywhere (no database needed). The tests marked `real` run only
with DATABASE_REPLICA_URL set — `.ci/replica` starts a replica of the local PostgreSQL with
pg_basebackup and runs them against a database it created on the primary — and use the real
databases, not pytest-django's test copy (a standby cannot create one)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from garda.core import dbrouter
from garda.core.dbrouter import COOKIE, ReadReplicaRouter, ReadRoutingMiddleware, choose, routed

PATHS = ("/akun/", "/admin/")
real = pytest.mark.skipif(
    not os.environ.get("DATABASE_REPLICA_URL"), reason="needs DATABASE_REPLICA_URL (.ci/replica)"
)


def _choose(**overrides: Any) -> str | None:
    args: dict[str, Any] = {"method": "GET", "path": "/jp/kepatuhan/", "wrote_at": None,
                            "now": 1000.0, "replicas": ["replica1"], "primary_paths": PATHS,
                            "sticky_seconds": 10.0}  # fmt: skip
    return choose(**{**args, **overrides})


def test_the_rule() -> None:
    assert _choose() == "replica1"
    assert _choose(method="HEAD") == "replica1"
    assert _choose(replicas=[]) is None  # no replica configured
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert _choose(method=method) is None
    assert _choose(path="/akun/masuk/") is None
    assert _choose(wrote_at=995.0) is None  # wrote 5 s ago: read your own write
    assert _choose(wrote_at=989.0) == "replica1"  # 11 s ago: the replica has it
    assert _choose(asks_primary=True) is None
    assert {_choose(replicas=["replica1", "replica2"]) for _ in range(60)} == {
        "replica1", "replica2",
    }  # fmt: skip


def test_a_forged_or_garbled_cookie_means_no_recent_write() -> None:
    factory = RequestFactory()
    for value in ("1000.0", "1000.0:forged", ""):
        request = factory.get("/")
        request.COOKIES[COOKIE] = value
        assert dbrouter._wrote_at(request) is None


def test_the_router_reads_the_replica_only_until_a_write() -> None:
    router = ReadReplicaRouter()
    assert router.db_for_read(object) == "default"  # outside a request
    with routed("replica1") as route:
        assert router.db_for_read(object) == "replica1"
        assert router.db_for_write(object) == "default"
        assert route.wrote
        assert router.db_for_read(object) == "default"
    with routed(None):
        assert router.db_for_read(object) == "default"
    assert router.allow_migrate("default", "core")
    assert not router.allow_migrate("replica1", "core")


# --- Against a real streaming replica -----------------------------------------------------------


@pytest.fixture
def real_db(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        yield
        for alias in connections:
            connections[alias].close()


def _until(check: Any, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def _new_unit() -> Any:
    from garda.core.org.services import unit_create  # real tests only

    code = f"RPL{time.time_ns() % 10**12}"
    return unit_create(actor=None, code=code, name=f"Unit replika {code}", kind="lainnya")


def _view(request: HttpRequest) -> HttpResponse:
    """Reads units, writes one when asked (?tulis=1), reads again."""
    from garda.core.org.models import Unit  # real tests only

    first = Unit.objects.count()
    if request.GET.get("tulis"):
        _new_unit()
    return JsonResponse({"before": first, "after": Unit.objects.count()})


def _served(request: HttpRequest) -> tuple[HttpResponse, int, int]:
    """The response and how many statements on the unit table (reads and writes) went to the
    primary and to the replica (a new connection's own set-up statements are not counted)."""
    middleware = ReadRoutingMiddleware(_view)
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as replica,
    ):
        response = middleware(request)

    def on_units(captured: CaptureQueriesContext) -> int:
        return sum(1 for query in captured.captured_queries if "people_unit" in query["sql"])

    return response, on_units(primary), on_units(replica)


@real
def test_the_replica_is_a_streaming_standby(real_db: None) -> None:
    with connections["replica1"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is False
    unit = _new_unit()
    from garda.core.org.models import Unit  # real tests only

    assert _until(lambda: Unit.objects.using("replica1").filter(pk=unit.pk).exists())


@real
def test_safe_requests_read_the_replica_writes_and_what_follows_the_primary(
    real_db: None,
) -> None:
    factory = RequestFactory()
    # The view counts the units twice.
    response, on_primary, on_replica = _served(factory.get("/jp/kepatuhan/"))
    assert (on_primary, on_replica) == (0, 2)
    assert COOKIE not in response.cookies
    # A GET that writes: the write and every read after it on the primary, and a cookie.
    response, on_primary, on_replica = _served(factory.get("/x/", {"tulis": "1"}))
    assert on_replica == 1  # the read before the write
    assert on_primary >= 3  # the unit's insert and path, and the read after them
    body = json.loads(response.content)
    assert body["after"] == body["before"] + 1  # the new unit seen at once
    cookie = response.cookies[COOKIE]
    # The same client right after: on the primary, so it sees its own write.
    request = factory.get("/jp/kepatuhan/")
    request.COOKIES[COOKIE] = cookie.value
    _response, on_primary, on_replica = _served(request)
    assert (on_primary, on_replica) == (2, 0)
    # POST: the primary throughout.
    _response, on_primary, on_replica = _served(factory.post("/x/"))
    assert (on_primary, on_replica) == (2, 0)
    # A client without cookies asks for the primary by header; sign-in pages always use it.
    _response, on_primary, on_replica = _served(factory.get("/x/", HTTP_X_GARDA_PRIMARY="1"))
    assert on_replica == 0
    _response, on_primary, on_replica = _served(factory.get("/akun/masuk/"))
    assert on_replica == 0


@real
def test_a_read_inside_a_transaction_stays_on_the_primary(real_db: None) -> None:
    router = ReadReplicaRouter()
    with routed("replica1"), transaction.atomic():
        assert router.db_for_read(object) == "default"


@real
def test_a_whole_page_is_served_from_the_replica(real_db: None, client: Any) -> None:
    with CaptureQueriesContext(connections["replica1"]) as replica:
        response = client.get("/audit/publik/")
    assert response.status_code == 200
    assert len(replica) > 0
    with connections["replica1"].cursor() as cursor, pytest.raises(Exception, match="read-only"):
        cursor.execute("CREATE TABLE garda_replica_probe (id int)")
