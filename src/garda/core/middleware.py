"""Admin roles must confirm a TOTP code before they reach any page but the 2FA ones."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from garda.core.errors import GardaError
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


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            second_factor_required(user)
            and not getattr(user, "is_verified", lambda: False)()  # set by OTPMiddleware
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('core:two_factor')}?next={request.path}")
        return self.get_response(request)


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
