"""The WS Antrean FKTP endpoints Mobile JKN calls, one base URL per puskesmas:
/mobilejkn/<facility code>/… (V2 status answers) and /mobilejkn/<facility code>/v1/… (V1).

Authentication is the bridge's own token, not a Garda session: the views are declared
public (anyone may call; the token decides) and CSRF-exempt (no cookies are involved).
Headers are read from `request.META` (HTTP_X_TOKEN …), where the server has already put any
spelling of their names in one case."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from garda.core.permissions import access_for, require_access
from garda.core.roles import PUBLIC
from garda.queueing.mobilejkn import inbound, selectors
from garda.queueing.mobilejkn.envelope import Refusal, answer, answer_encoded, envelope
from garda.queueing.mobilejkn.models import FacilityBridge

WS = access_for(PUBLIC)


def _run(call: Callable[[], dict[str, Any]]) -> JsonResponse:
    try:
        return answer(call())
    except Refusal as refusal:
        return answer(envelope(message=refusal.message, code=refusal.code))


def _authorised(request: HttpRequest, code: str) -> FacilityBridge:
    # META, as the WSGI server names the headers (any case arrives as HTTP_X_TOKEN): building
    # `request.headers` for two of them was a tenth of a status answer.
    return inbound.check_token(
        selectors.bridge_for_code(code),
        request.META.get("HTTP_X_TOKEN", ""),
        request.META.get("HTTP_X_USERNAME", ""),
    )


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as error:
        raise Refusal("Format data tidak sesuai (JSON)") from error
    if not isinstance(data, dict):
        raise Refusal("Format data tidak sesuai (JSON)")
    return data


@csrf_exempt
@require_access(WS)
@require_http_methods(["GET", "POST"])
def auth(request: HttpRequest, code: str, version: int = 2) -> JsonResponse:
    return _run(
        lambda: inbound.authenticate(
            selectors.bridge_for_code(code),
            request.headers.get("x-username", ""),
            request.headers.get("x-password", ""),
        )
    )


@csrf_exempt
@require_access(WS)
@require_http_methods(["GET"])
def antrean_status(
    request: HttpRequest, code: str, kodepoli: str, tanggal: str, version: int = 2
) -> HttpResponse:
    try:
        bridge = _authorised(request, code)
    except Refusal as refusal:
        return answer(envelope(message=refusal.message, code=refusal.code))
    return answer_encoded(inbound.antrean_status(bridge, kodepoli, tanggal, version=version))


@csrf_exempt
@require_access(WS)
@require_http_methods(["POST"])
def antrean_take(request: HttpRequest, code: str, version: int = 2) -> JsonResponse:
    return _run(lambda: inbound.antrean_take(_authorised(request, code), _body(request)))


@csrf_exempt
@require_access(WS)
@require_http_methods(["GET"])
def sisa_peserta(
    request: HttpRequest, code: str, nomorkartu: str, kodepoli: str, tanggal: str, version: int = 2
) -> JsonResponse:
    return _run(
        lambda: inbound.sisa_peserta(_authorised(request, code), nomorkartu, kodepoli, tanggal)
    )


@csrf_exempt
@require_access(WS)
@require_http_methods(["PUT", "POST"])
def antrean_batal(request: HttpRequest, code: str, version: int = 2) -> JsonResponse:
    return _run(lambda: inbound.antrean_batal(_authorised(request, code), _body(request)))


@csrf_exempt
@require_access(WS)
@require_http_methods(["POST"])
def peserta(request: HttpRequest, code: str, version: int = 2) -> JsonResponse:
    return _run(lambda: inbound.peserta_register(_authorised(request, code), _body(request)))
