"""The CSRF token a page prints, masked with one read of the system's random source.

Django masks the cookie's secret afresh for every response (so that a compressed page does
not leak it, BREACH), drawing the 32-character mask one character at a time: 32 reads
of the random source, 38 µs, and with its lazy wrapper about 50 µs of every signed-in page,
whose layout always holds the sign-out form (decision 0022, revision 4). Here the mask comes
from `core.codes.random_code` (one read of the OS's randomness, uniform), and the cipher is
the very one Django's `CsrfViewMiddleware` unmasks; the token keeps Django's length and
alphabet.

Everything else stays Django's: without a CSRF cookie yet, `get_token` makes one; with one,
the cookie is marked for renewal as `get_token` marks it.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

from garda.core.codes import random_code

_ALPHABET = CSRF_ALLOWED_CHARS
_SIZE = len(_ALPHABET)
_INDEX = {char: index for index, char in enumerate(_ALPHABET)}


def masked_token(request: HttpRequest) -> str:
    """The token for this response's forms, as `django.middleware.csrf.get_token` gives it."""
    secret = request.META.get("CSRF_COOKIE")
    if not isinstance(secret, str) or len(secret) != CSRF_SECRET_LENGTH:
        return get_token(request)  # no cookie yet (or an odd one): Django makes it
    # As get_token: the cookie in use is sent again, so that its expiry is renewed.
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return _mask(secret)


def _mask(secret: str) -> str:
    # Uniform over the alphabet, from one read of the OS's randomness (core.codes).
    mask = random_code(len(secret), _ALPHABET)
    cipher = "".join(
        _ALPHABET[(_INDEX[char] + _INDEX[shift]) % _SIZE]
        for char, shift in zip(secret, mask, strict=True)
    )
    return mask + cipher


class PageToken:
    """`csrf_token` of the template context: computed when a template first prints it (a page
    without a form sends no cookie renewal), then the same string for the rest of the page.
    A plain object rather than Django's SimpleLazyObject, whose proxying the template engine
    pays on every look (isinstance checks, attribute reads)."""

    __slots__ = ("_request", "_value")

    def __init__(self, request: HttpRequest) -> None:
        self._request = request
        self._value: str | None = None

    def __str__(self) -> str:
        if self._value is None:
            self._value = masked_token(self._request)
        return self._value

    # The token is letters and digits only: nothing to escape.
    __html__ = __str__

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        return str(self) == other

    def __hash__(self) -> int:
        return hash(str(self))
