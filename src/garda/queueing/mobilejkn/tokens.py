"""Short-lived tokens for Mobile JKN: signed with the project's SECRET_KEY, never stored.

A token names the facility, the username and the bridge's `token_version`; checking it needs
the bridge row (read with the facility in one query) but writes nothing. Changing the password
raises the version, which voids every token issued before."""

from __future__ import annotations

from dataclasses import dataclass

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
    return signing.dumps({"f": facility_id, "u": username, "v": version}, salt=_SALT)


def read_token(token: str) -> TokenClaims:
    if not token:
        raise TokenInvalid("Token tidak ditemukan.")
    try:
        data = signing.loads(token, salt=_SALT, max_age=TOKEN_TTL_S)
    except signing.SignatureExpired as error:
        raise TokenInvalid("Token expired.") from error
    except signing.BadSignature as error:
        raise TokenInvalid("Token tidak valid.") from error
    try:
        return TokenClaims(
            facility_id=int(data["f"]), username=str(data["u"]), version=int(data["v"])
        )
    except (KeyError, TypeError, ValueError) as error:
        raise TokenInvalid("Token tidak valid.") from error
