"""Token authentication that loads the user's unit with the token (one query, not two)."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


class GardaTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        token = Token.objects.select_related("user", "user__unit").filter(key=key).first()
        if token is None or not token.user.is_active:
            return super().authenticate_credentials(key)  # raises the standard 401
        return token.user, token
