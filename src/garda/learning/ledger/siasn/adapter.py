"""The SIASN interface Garda needs: save one riwayat diklat or kursus of one ASN.

`HttpSiasnAdapter` speaks HTTP/JSON to BKN's gateway with the credentials BKN issues (two
bearer tokens: the gateway's and SIASN's). Endpoint paths and the person identifier field are
configuration, because BKN's documentation is only given to registered instansi: the
defaults are our best reading and must be confirmed with BKN before the first real push.
`FakeSiasnAdapter` keeps what it receives in memory and can be told to fail; tests use it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings

from garda.core.errors import GardaError


class SiasnUnavailable(GardaError):
    code = "siasn_unavailable"
    http_status = 503
    message_id = "SIASN belum dikonfigurasi atau tidak dapat dihubungi."
    message_en = "SIASN is not configured or cannot be reached."


@dataclass(frozen=True)
class PushResult:
    ok: bool
    remote_id: str = ""
    message: str = ""


class SiasnAdapter(Protocol):
    def save(self, *, kind: str, nip: str, payload: dict[str, Any]) -> PushResult: ...


@dataclass
class FakeSiasnAdapter:
    """In-memory SIASN: records every save; NIPs in `refuse` get BKN-like refusals."""

    refuse: set[str] = field(default_factory=set)
    saved: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def save(self, *, kind: str, nip: str, payload: dict[str, Any]) -> PushResult:
        if nip in self.refuse:
            return PushResult(ok=False, message="Data PNS tidak ditemukan")
        self.saved.append((kind, nip, payload))
        return PushResult(ok=True, remote_id=f"fake-{kind}-{len(self.saved)}")


@dataclass
class HttpSiasnAdapter:
    base_url: str
    gateway_token: str
    siasn_token: str
    paths: dict[str, str] = field(
        default_factory=lambda: {"diklat": "/diklat/save", "kursus": "/kursus/save"}
    )
    person_field: str = "pnsOrangId"
    timeout: float = 20.0

    def save(self, *, kind: str, nip: str, payload: dict[str, Any]) -> PushResult:
        body = json.dumps({**payload, self.person_field: nip}).encode()
        request = urllib.request.Request(  # noqa: S310  # https URL from settings only
            self.base_url.rstrip("/") + self.paths[kind],
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {self.gateway_token}",
                "Auth": f"bearer {self.siasn_token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return PushResult(ok=False, message=f"HTTP {error.code}: {error.reason}"[:500])
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SiasnUnavailable from error
        success = bool(answer.get("success", answer.get("code") in (1, 200, "1")))
        mapped = answer.get("mapData") or {}
        remote = str(mapped.get("rwDiklatId") or mapped.get("rwKursusId") or answer.get("id") or "")
        return PushResult(
            ok=success, remote_id=remote, message=str(answer.get("message", ""))[:500]
        )


def configured_adapter() -> SiasnAdapter:
    """The adapter the settings describe; refuses when no credentials are configured."""
    base = getattr(settings, "GARDA_SIASN_BASE_URL", "")
    gateway = getattr(settings, "GARDA_SIASN_GATEWAY_TOKEN", "")
    token = getattr(settings, "GARDA_SIASN_TOKEN", "")
    if getattr(settings, "GARDA_SIASN_FAKE", False):
        return FakeSiasnAdapter()
    if not (base and gateway and token):
        raise SiasnUnavailable
    if not base.startswith("https://"):
        raise SiasnUnavailable("Alamat SIASN harus https://.", "The SIASN URL must be https://.")
    return HttpSiasnAdapter(base_url=base, gateway_token=gateway, siasn_token=token)
