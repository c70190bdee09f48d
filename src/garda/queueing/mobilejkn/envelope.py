"""The WS Antrean FKTP answer shape: `{"response": …, "metadata": {"message", "code"}}`, always
HTTP 200 (clients read metadata.code)."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse

OK = 200
FAILED = 201
NEW_PATIENT = 202


class Refusal(Exception):
    """A well-formed call the bridge answers with code 201 (or 202) and this message."""

    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def envelope(response: Any = None, *, message: str = "Ok.", code: int = OK) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if response is not None:
        body["response"] = response
    body["metadata"] = {"message": message, "code": code}
    return body


def answer(body: dict[str, Any]) -> JsonResponse:
    return JsonResponse(body, status=200, json_dumps_params={"ensure_ascii": False})


def encode(body: dict[str, Any]) -> bytes:
    """The bytes `answer(body)` sends, for answers kept encoded (status_cache)."""
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def answer_encoded(content: bytes) -> HttpResponse:
    return HttpResponse(content, status=200, content_type="application/json")


def outage_answer(request: HttpRequest, message: str) -> HttpResponse:
    """The bridge's answer while the database is unreachable (core.outage sets 503)."""
    return answer(envelope(message=message, code=FAILED))
