"""While the database is away (a restart, an upgrade, a failover), every client is told to come
back shortly — 503 with Retry-After, in its own format — instead of a 500 that reads like a bug.

Garda recovers by itself once the database is back (every request opens its connection anew
from the pool); this only changes what clients hear meanwhile. The API answers problem details,
people get an Indonesian page that needs no database, and an app with a protocol of its own
(the Mobile JKN bridge) registers its own answer from its AppConfig.ready()."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

OutageAnswer = Callable[[HttpRequest, str], HttpResponse]
_answers: list[tuple[str, OutageAnswer]] = []


def register_outage_answer(path_prefix: str, answer: OutageAnswer) -> None:
    """`answer(request, message)` builds the body for paths under `path_prefix`; Garda sets the
    503 status and Retry-After on it."""
    if (path_prefix, answer) not in _answers:
        _answers.append((path_prefix, answer))


def database_unreachable(exception: BaseException | None) -> bool:
    # psycopg's connection failures and SQLite's "unable to open" / "locked" arrive as these.
    return isinstance(exception, OperationalError | InterfaceError)


def _api_answer(request: HttpRequest, message: str) -> HttpResponse:
    body = {
        "type": "https://garda.jambiprov.go.id/problems/database_unavailable",
        "title": _("Layanan sementara tidak tersedia"),
        "status": 503,
        "detail": message,
        "instance": request.path,
        "code": "database_unavailable",
    }
    return HttpResponse(json.dumps(body), content_type="application/problem+json")


def _page_answer(request: HttpRequest, message: str) -> HttpResponse:
    # Rendered without the request: context processors (menu, user) would ask the database.
    return HttpResponse(render_to_string("503.html", {"message": message}))


def outage_response(request: HttpRequest) -> HttpResponse:
    message = _(
        "Layanan sedang tidak dapat menjangkau basis data (pemeliharaan atau gangguan "
        "sementara). Data Anda aman; silakan coba lagi dalam beberapa saat."
    )
    answer: OutageAnswer = _page_answer
    if request.path.startswith("/api/"):
        answer = _api_answer
    for prefix, registered in _answers:
        if request.path.startswith(prefix):
            answer = registered
    response = answer(request, message)
    response.status_code = 503
    response["Retry-After"] = str(settings.GARDA_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def outage_response_for_current_exception(request: HttpRequest) -> HttpResponse | None:
    """Called by the 500 handler, which Django runs inside its `except` block: when what went
    wrong is the database being away, the 503 answer; otherwise None (a real 500)."""
    if database_unreachable(sys.exc_info()[1]):
        return outage_response(request)
    return None
