"""API errors as RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from garda.core.errors import GardaError

PROBLEM_TYPE_BASE = "https://garda.jambiprov.go.id/problems/"


def _problem(
    *, status_code: int, code: str, title: str, detail: str, instance: str, **extra: Any
) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": title,
        "status": status_code,
        "detail": detail,
        "instance": instance,
        "code": code,
    }
    body.update(extra)
    response = Response(body, status=status_code)
    response.content_type = "application/problem+json"
    return response


def problem_details_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, GardaError):
        return _problem(
            status_code=exc.http_status,
            code=exc.code,
            title=exc.message,
            detail=exc.message,
            instance=instance,
            errors=exc.errors,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500 handling and logging take over
    assert isinstance(exc, exceptions.APIException)  # noqa: S101  # exception_handler only answers these
    detail = exc.detail
    errors: list[dict[str, Any]] = []
    if isinstance(detail, dict):
        errors = [
            {
                "field": field,
                "messages": [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])],
            }
            for field, msgs in detail.items()
        ]
        text = "; ".join(f"{e['field']}: {' '.join(e['messages'])}" for e in errors)
    elif isinstance(detail, list):
        text = " ".join(str(item) for item in detail)
    else:
        text = str(detail)
    code = exc.default_code if isinstance(exc.default_code, str) else "error"
    problem = _problem(
        status_code=response.status_code,
        code=code,
        title=str(exc.default_detail),
        detail=text,
        instance=instance,
        errors=errors,
    )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem


__all__ = ["problem_details_handler", "status"]
