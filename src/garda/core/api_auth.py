"""Token authentication that loads the user's unit with the token (one query, not two), and
keeps a token of an account without its second factor to reading."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from garda.core.prepared import JoinedRead
from garda.core.twofactor import lacks_second_factor


class SecondFactorRequired(exceptions.PermissionDenied):
    """A token carries no second factor, so it may write only for an account whose owner has
    set one up: otherwise a password (or a leaked token of a new admin) would be enough to
    change other people's records, which the pages never allow."""

    default_code = "two_factor_required"
    default_detail = _(
        "Token ini hanya dapat membaca: pemiliknya belum memasang verifikasi dua langkah. "
        "Pasang di /akun/2fa/, lalu ulangi."
    )


# The token, its user and the user's unit: one statement, prepared once per connection.
_TOKEN_WITH_USER = JoinedRead(Token, chain=("user", "unit"), where=(("key", "="),))


class GardaTokenAuthentication(TokenAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Token] | None:
        result = super().authenticate(request)
        unsafe = request.method not in SAFE_METHODS
        if result is not None and unsafe and lacks_second_factor(result[0]):
            raise SecondFactorRequired
        return result

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        token = _TOKEN_WITH_USER.first(key)
        if token is None or not token.user.is_active:
            return super().authenticate_credentials(key)  # raises the standard 401
        return token.user, token
