"""The signed-in user read with the session, and admin roles confirming a TOTP code before
they reach any page but the 2FA ones."""

from __future__ import annotations

import functools
from collections.abc import Callable

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.apps import apps
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import LazyObject, SimpleLazyObject, empty
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from garda.core.auth_backends import loaded_with_session
from garda.core.errors import GardaError
from garda.core.models import User
from garda.core.prepared import JoinedRead
from garda.core.twofactor import second_factor_required

# Paths a signed-in admin may reach before confirming the second factor: the factor itself,
# signing out, password recovery, static files and the language switch. Everything else,
# the session-authenticated API included, waits for the code. (API tokens are not sessions:
# core.api_auth lets a token of such an account write only once its owner has a device.)
_OPEN_PREFIXES = (
    "/akun/2fa/",
    "/akun/keluar/",
    "/akun/masuk/",
    "/akun/lupa-sandi/",
    "/akun/atur-sandi/",
    "/static/",
    "/i18n/",
)


class SessionUserAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, but the user comes with the session row
    (core.sessions) instead of a second query. Django's `auth.get_user` still decides:
    backend, session hash and `is_active` are checked as before; the backend only skips its
    read when the session already brought that very user."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _session_user(request))  # type: ignore[assignment]  # lazy, as Django's own


def _session_user(request: HttpRequest) -> User | AnonymousUser:
    cached: User | AnonymousUser | None = getattr(request, "_cached_user", None)
    if cached is not None:
        return cached
    session = request.session
    session.get(SESSION_KEY)  # reads the row, and its user with it
    token = loaded_with_session.set(getattr(session, "loaded_user", None))
    try:
        user = auth.get_user(request)
    finally:
        loaded_with_session.reset(token)
    request._cached_user = user  # type: ignore[attr-defined]  # Django's own per-request memo
    return user


class PreparedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, reading the session's device with a statement prepared once
    per connection (core.prepared) instead of an ORM query built on every request: that read
    was a quarter of a warm admin page (decision 0022). django-otp still decides everything
    else: the device must belong to the user and be confirmed (`_finalize_device`), and an
    id it cannot parse or a model that is not a device reads as no device, as in
    `Device.from_persistent_id`."""

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        model_label, _slash, device_id = self._normalize_persistent_id(persistent_id).rpartition(
            "/"
        )
        try:
            device_class = apps.get_model(model_label)
            pk = int(device_id)
        except (ValueError, LookupError):
            return None
        if not issubclass(device_class, Device):
            return None
        return _device_read(device_class).first(pk)


_DEVICE_READS: dict[type[Device], JoinedRead[Device]] = {}


def _device_read(device_class: type[Device]) -> JoinedRead[Device]:
    read = _DEVICE_READS.get(device_class)
    if read is None:
        read = _DEVICE_READS[device_class] = JoinedRead(device_class, (), (("id", "="),))
    return read


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the header built once: Garda's policy is the same for
    every response (no nonces, no per-view changes), and building it per response was 6 % of
    a signed-in page. Anything else (a nonce drawn, a view's override) goes to django-csp."""

    _OVERRIDES = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    )

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        policy = _plain_policy()
        plain = getattr(request, "_csp_nonce", None) is None and not any(
            hasattr(response, name) for name in self._OVERRIDES
        )
        if policy is None or not plain or HEADER in response:
            return super().process_response(request, response)
        response[HEADER] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]  # as django-csp does
        return response


def _plain_policy() -> str | None:
    """The header for the settings in force, built once per configuration (tests that
    override the settings get theirs); None when a report-only policy or excluded prefixes
    are configured, which django-csp's own path handles."""
    configured = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or not configured:
        return None
    if configured.get("EXCLUDE_URL_PREFIXES"):
        return None
    return _policy_for(repr(configured))


@functools.lru_cache(maxsize=8)
def _policy_for(_configured: str) -> str:
    return build_policy()


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The user is needed here anyway; from now on the request holds the object itself.
        # Behind the two lazy wrappers (auth's, django-otp's) every attribute read of
        # `request.user` — a page's layout makes about 300 — went through both proxies: a
        # tenth of a warm signed-in page (decision 0022, revision 2).
        user = request.user = _unwrapped(request.user)
        if (
            second_factor_required(user)
            and not getattr(user, "is_verified", lambda: False)()  # set by OTPMiddleware
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('core:two_factor')}?next={request.path}")
        return self.get_response(request)


def _unwrapped(user: User | AnonymousUser) -> User | AnonymousUser:
    """The object behind any number of evaluated-on-demand wrappers (SimpleLazyObject)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class GardaErrorMiddleware:
    """A GardaError that escapes a page view becomes the matching error page with its
    message in the user's language, instead of a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:

        if not isinstance(exception, GardaError):
            return None
        status = exception.http_status
        template = f"{status}.html" if status in {400, 403, 404} else "400.html"
        return render(request, template, {"error_message": exception.message}, status=status)
