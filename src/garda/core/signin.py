"""Signing in: which account a typed name opens, the key its lockout counts under, and the
security events the audit log keeps.

The lockout (django-axes) counted the name as typed while sign-in matched it without regard to
case, so `PPiD.DeMo` got fresh guesses while `ppid.demo` was locked, and a NIP and the username
of one person were two counters. Now both ask `account_for()` which account is meant, and the
lockout counts per account whatever was typed; names that open no account count per name."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.http import HttpRequest

from garda.core.identity import NIP_LENGTH, canonical_digits
from garda.core.models import User


def _normal(identifier: str) -> str:
    # NFKC folds fullwidth letters, so a fullwidth username is the same name.
    return unicodedata.normalize("NFKC", identifier or "").strip()


def account_for(identifier: str) -> User | None:
    """The account a typed username (any case) or 18-digit NIP (in any digits) opens, if any."""
    text = _normal(identifier)
    if not text:
        return None
    digits = canonical_digits(text)
    if digits.isascii() and digits.isdigit() and len(digits) == NIP_LENGTH:
        return User.objects.filter(nip=digits).first()
    return User.objects.filter(username__iexact=text).first()


def lockout_key(identifier: str) -> str:
    """What failed attempts are counted under: the account, or the name when none matches."""
    account = account_for(identifier)
    return account_key(account) if account is not None else f"nama:{_normal(identifier).casefold()}"


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """django-axes' AXES_USERNAME_CALLABLE."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    return lockout_key(str(typed or ""))


def account_key(user: User) -> str:
    """The lockout key of an account (what `lockout_key` answers for any name it goes by)."""
    return f"akun:{user.pk}"
