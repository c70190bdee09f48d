from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from garda.queueing.mobilejkn.fake_server import FakeBpjsServer
from garda.queueing.mobilejkn.models import FacilityBridge
from garda.queueing.mobilejkn.services import bridge_set_credentials
from garda.queueing.models import Facility
from garda.queueing.testing import make_facility

USERNAME = "mobilejkn"
PASSWORD = "rahasia-mobilejkn"


def open_day(offset: int = 1) -> dt.date:
    """A day the test facility is open and inside the booking horizon (never 31 December,
    the one holiday keep_calendar_years leaves)."""
    day = timezone.localdate() + dt.timedelta(days=offset)
    if (day.month, day.day) == (12, 31):
        day += dt.timedelta(days=1)
    return day


@dataclass
class Ws:
    """A Mobile JKN client of one facility's base URL."""

    client: Client
    code: str
    token: str = ""
    username: str = USERNAME
    prefix: str = ""

    def url(self, path: str) -> str:
        return f"/mobilejkn/{self.code}/{self.prefix}{path}"

    def headers(self, **extra: str) -> dict[str, str]:
        return {"x-token": self.token, "x-username": self.username, **extra}

    def login(self, password: str = PASSWORD) -> dict[str, Any]:
        response = self.client.get(
            self.url("auth"), headers={"x-username": self.username, "x-password": password}
        )
        assert response.status_code == 200
        body = response.json()
        if body["metadata"]["code"] == 200:
            self.token = body["response"]["token"]
        return body

    def get(self, path: str, **headers: str) -> dict[str, Any]:
        response = self.client.get(self.url(path), headers=headers or self.headers())
        assert response.status_code == 200
        return response.json()

    def send(self, method: str, path: str, body: Any, **headers: str) -> dict[str, Any]:
        call = getattr(self.client, method.lower())
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        response = call(
            self.url(path),
            data=data,
            content_type="application/json",
            headers=headers or self.headers(),
        )
        assert response.status_code == 200
        return response.json()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """The status cache outlives a test's rolled-back rows (ids are reused): start empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def facility(db: None) -> Facility:
    return make_facility(code="PKM01")


@pytest.fixture
def bridge(facility: Facility) -> FacilityBridge:
    return bridge_set_credentials(
        actor=None, facility_id=facility.pk, username=USERNAME, password=PASSWORD
    )


@pytest.fixture
def ws(bridge: FacilityBridge) -> Ws:
    session = Ws(client=Client(), code=bridge.facility.code)
    session.login()
    return session


@pytest.fixture
def fake_bpjs() -> Iterator[FakeBpjsServer]:
    with FakeBpjsServer() as server:
        yield server
