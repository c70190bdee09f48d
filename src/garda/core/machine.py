"""A lean path for machine endpoints: paths another system calls with its own credentials
(the Mobile JKN bridge's token), where no browser session exists.

Garda's middleware stack serves people: a session read from the database, the user, the OTP
device, the language, CSRF, messages, clickjacking and Axes headers. A machine endpoint uses
none of it and authenticates every call itself, yet paid for all of it on every request. An
app registers its machine prefix and a URLconf holding only those endpoints from its
AppConfig.ready(); `garda.wsgi` sends requests under a registered prefix to a handler whose
middleware is `settings.GARDA_MACHINE_MIDDLEWARE` (security headers, common, and
`MachineRequestMiddleware` below), everything else to the full stack. The endpoints stay in
the site's URLconf too, so tests and `reverse()` see them as before.

Nothing is weakened: the views behind a machine prefix are declared public (anyone may call;
their own token decides), are CSRF-exempt, never read a session cookie, and answer only JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class MachinePath:
    prefix: str
    urlconf: str


_paths: list[MachinePath] = []


def register_machine_path(prefix: str, urlconf: str) -> None:
    """Requests whose path starts with `prefix` (e.g. "/mobilejkn/") take the lean path and
    are resolved against `urlconf` (a module with only the machine endpoints)."""
    if not prefix.startswith("/") or not prefix.endswith("/"):
        raise ValueError("a machine prefix starts and ends with '/'")
    entry = MachinePath(prefix, urlconf)
    if entry not in _paths:
        _paths.append(entry)


def machine_path_for(path: str) -> MachinePath | None:
    for entry in _paths:
        if path.startswith(entry.prefix):
            return entry
    return None


class MachineRequestMiddleware:
    """What the lean path sets instead of the session stack: an anonymous `request.user` (the
    views' access declaration is public; the caller's own token is checked by the view) and
    the URLconf of the registered machine endpoints."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.user = AnonymousUser()
        entry = machine_path_for(request.path_info)
        if entry is not None:
            request.urlconf = entry.urlconf
        return self.get_response(request)


class MachineHandler(WSGIHandler):
    """Django's WSGI handler (request signals, pooled connections returned, error handlers)
    with the chain built from GARDA_MACHINE_MIDDLEWARE instead of MIDDLEWARE. The machine
    list holds only new-style middleware without view or template-response hooks."""

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware: list[Callable[..., Any]] = []
        self._template_response_middleware: list[Callable[..., Any]] = []
        self._exception_middleware: list[Callable[..., Any]] = []
        get_response = self._get_response  # type: ignore[attr-defined]  # BaseHandler's, unstubbed
        handler = convert_exception_to_response(get_response)
        for dotted in reversed(settings.GARDA_MACHINE_MIDDLEWARE):
            middleware = import_string(dotted)(handler)
            if hasattr(middleware, "process_view") or hasattr(
                middleware, "process_template_response"
            ):
                raise ImproperlyConfigured(f"{dotted}: not for the machine path")
            if hasattr(middleware, "process_exception"):
                self._exception_middleware.append(middleware.process_exception)
            handler = convert_exception_to_response(middleware)
        self._middleware_chain = handler


class Dispatch:
    """The WSGI application: machine prefixes to the lean handler, the rest to Django's."""

    def __init__(self, full: WSGIHandler, machine: WSGIHandler) -> None:
        self.full = full
        self.machine = machine

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if _paths and machine_path_for(environ.get("PATH_INFO", "")) is not None:
            return self.machine(environ, start_response)
        return self.full(environ, start_response)
