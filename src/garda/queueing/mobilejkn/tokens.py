"""Short-lived tokens for Mobile JKN: signed with the project's SECRET_KEY, never stored.

A token names the facility, the username and the bridge's `token_version`; checking it needs
the bridge row (read with the facility in one query) but writes nothing. Changing the password
raises the version, which voids every token issued before."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

TOKEN_TTL_S = 300
_SALT = "garda.mobilejkn.token"


class TokenInvalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TokenClaims:
    facility_id: int
    username: str
    version: int


def issue_token(*, facility_id: int, username: str, version: int) -> str:
    """The claims, and "t", the issue time: what lets a checked token's expiry be told
    without checking its signature again."""
    claims = {"f": facility_id, "u": username, "v": version, "t": int(time.time())}
    return signing.dumps(claims, salt=_SALT)


# Tokens whose signature this process has checked: Mobile JKN sends the same token for five
# minutes, and checking the signature was a third of an `antrean/status` answer. Keyed by
# the signing key too, so a rotated key trusts nothing checked under the old one.
_checked: dict[tuple[str, str], tuple[TokenClaims, int]] = {}
_CHECKED_MAX = 10_000


def read_token(token: str) -> TokenClaims:
    if not token:
        raise TokenInvalid("Token tidak ditemukan.")
    key = (settings.SECRET_KEY, token)
    known = _checked.get(key)
    if known is not None:
        claims, issued = known
        if time.time() - issued > TOKEN_TTL_S:
            raise TokenInvalid("Token expired.")
        return claims
    try:
        data = signing.loads(token, salt=_SALT, max_age=TOKEN_TTL_S)
    except signing.SignatureExpired as error:
        raise TokenInvalid("Token expired.") from error
    except signing.BadSignature as error:
        raise TokenInvalid("Token tidak valid.") from error
    try:
        claims = TokenClaims(
            facility_id=int(data["f"]), username=str(data["u"]), version=int(data["v"])
        )
    except (KeyError, TypeError, ValueError) as error:
        raise TokenInvalid("Token tidak valid.") from error
    if isinstance(data.get("t"), int):  # tokens issued before "t" are checked every time
        if len(_checked) >= _CHECKED_MAX:
            _checked.clear()
        _checked[key] = (claims, data["t"])
    return claims
