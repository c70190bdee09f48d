"""Outbound calls to BPJS Kesehatan's WS Antrean FKTP, behind one interface.

`HttpBpjsClient` talks to BPJS (or to the fake server in tests); `FakeBpjsClient` records
calls in memory for code that only needs to know what would have been sent. The outbox
(services/outbox.py) is the only caller in production: nothing in the request path of a ticket waits
for BPJS."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

from garda.queueing.mobilejkn.crypto import DecryptionFailed, decrypt_response, signature
from garda.queueing.mobilejkn.crypto import timestamp_now as _timestamp_now

# BPJS answers success as 200 on most calls and 1 on some older ones.
SUCCESS_CODES = frozenset({200, 1})
TIMEOUT_S = 10.0


class BpjsCallFailed(Exception):
    """The call did not succeed. `retry` says whether trying again later can help: an outage
    or a 5xx can pass, a refusal with a reason (code 201 …) will be the same next time."""

    def __init__(self, message: str, *, retry: bool, code: int | None = None) -> None:
        super().__init__(message)
        self.retry = retry
        self.code = code


@dataclass(frozen=True)
class BpjsCredentials:
    base_url: str  # …/antreanfktp
    cons_id: str
    secret: str
    user_key: str


@dataclass(frozen=True)
class BpjsResult:
    code: int
    message: str
    response: Any = None


class BpjsAntreanClient(Protocol):
    def ref_poli(self, tanggal: str) -> BpjsResult: ...
    def ref_dokter(self, kodepoli: str, tanggal: str) -> BpjsResult: ...
    def antrean_add(self, payload: dict[str, Any]) -> BpjsResult: ...
    def antrean_panggil(self, payload: dict[str, Any]) -> BpjsResult: ...
    def antrean_batal(self, payload: dict[str, Any]) -> BpjsResult: ...


# Outbox kinds → the client method that sends them.
CALLS = {
    "antrean/add": "antrean_add",
    "antrean/panggil": "antrean_panggil",
    "antrean/batal": "antrean_batal",
}


def send(client: BpjsAntreanClient, kind: str, payload: dict[str, Any]) -> BpjsResult:
    method = getattr(client, CALLS[kind])
    result: BpjsResult = method(payload)
    return result


class HttpBpjsClient:
    def __init__(self, credentials: BpjsCredentials, session: requests.Session | None = None):
        self.credentials = credentials
        self.session = session or requests.Session()

    def headers(self, timestamp: str) -> dict[str, str]:
        c = self.credentials
        return {
            "X-cons-id": c.cons_id,
            "X-timestamp": timestamp,
            "X-signature": signature(c.cons_id, c.secret, timestamp),
            "user_key": c.user_key,
            "Content-Type": "application/json",
        }

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> BpjsResult:
        timestamp = _timestamp_now()
        url = self.credentials.base_url.rstrip("/") + "/" + path
        try:
            answer = self.session.request(
                method,
                url,
                headers=self.headers(timestamp),
                data=json.dumps(payload) if payload is not None else None,
                timeout=TIMEOUT_S,
            )
        except requests.RequestException as error:
            raise BpjsCallFailed(f"BPJS tidak dapat dihubungi: {error}", retry=True) from error
        if answer.status_code >= 500:
            raise BpjsCallFailed(f"BPJS menjawab HTTP {answer.status_code}", retry=True)
        try:
            body = answer.json()
            code = int(body["metadata"]["code"])
            message = str(body["metadata"].get("message", ""))
        except (ValueError, KeyError, TypeError) as error:
            raise BpjsCallFailed(
                f"Jawaban BPJS tidak dapat dibaca (HTTP {answer.status_code})", retry=True
            ) from error
        if code not in SUCCESS_CODES:
            raise BpjsCallFailed(f"BPJS menolak ({code}): {message}", retry=False, code=code)
        response = body.get("response")
        if isinstance(response, str) and response:
            try:
                response = json.loads(
                    decrypt_response(
                        response,
                        cons_id=self.credentials.cons_id,
                        secret=self.credentials.secret,
                        timestamp=timestamp,
                    )
                )
            except (DecryptionFailed, ValueError) as error:
                raise BpjsCallFailed(
                    f"Jawaban BPJS tidak dapat didekripsi: {error}", retry=True
                ) from error
        return BpjsResult(code=code, message=message, response=response)

    def ref_poli(self, tanggal: str) -> BpjsResult:
        return self._call("GET", f"ref/poli/tanggal/{tanggal}")

    def ref_dokter(self, kodepoli: str, tanggal: str) -> BpjsResult:
        return self._call("GET", f"ref/dokter/kodepoli/{kodepoli}/tanggal/{tanggal}")

    def antrean_add(self, payload: dict[str, Any]) -> BpjsResult:
        return self._call("POST", "antrean/add", payload)

    def antrean_panggil(self, payload: dict[str, Any]) -> BpjsResult:
        return self._call("POST", "antrean/panggil", payload)

    def antrean_batal(self, payload: dict[str, Any]) -> BpjsResult:
        return self._call("POST", "antrean/batal", payload)


@dataclass
class FakeBpjsClient:
    """In memory: records what was sent; `down` makes every call fail as an outage would."""

    down: bool = False
    calls: list[tuple[str, Any]] = field(default_factory=list)

    def _call(self, name: str, payload: Any) -> BpjsResult:
        if self.down:
            raise BpjsCallFailed("BPJS tidak dapat dihubungi (palsu)", retry=True)
        self.calls.append((name, payload))
        return BpjsResult(code=200, message="OK")

    def ref_poli(self, tanggal: str) -> BpjsResult:
        self._call("ref/poli", tanggal)
        return BpjsResult(200, "OK", [{"kodepoli": "001", "namapoli": "UMUM"}])

    def ref_dokter(self, kodepoli: str, tanggal: str) -> BpjsResult:
        self._call("ref/dokter", (kodepoli, tanggal))
        return BpjsResult(200, "OK", [])

    def antrean_add(self, payload: dict[str, Any]) -> BpjsResult:
        return self._call("antrean/add", payload)

    def antrean_panggil(self, payload: dict[str, Any]) -> BpjsResult:
        return self._call("antrean/panggil", payload)

    def antrean_batal(self, payload: dict[str, Any]) -> BpjsResult:
        return self._call("antrean/batal", payload)
