"""Signing in: which account a typed name opens, the key its lockout counts under, and the
security events the audit log keeps.

The lockout (django-axes) counted the name as typed while sign-in matched it without regard to
case, so `PPiD.DeMo` got fresh guesses while `ppid.demo` was locked, and a NIP and the username
of one person were two counters. Now both ask `account_for()` which account is meant, and the
lockout counts per account whatever was typed; names that open no account count per name."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest

from garda.core.audit.services import audit_record
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
    return f"akun:{account.pk}" if account is not None else f"nama:{_normal(identifier).casefold()}"


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """django-axes' AXES_USERNAME_CALLABLE."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    return lockout_key(str(typed or ""))


def account_unlock(*, user: User) -> int:
    """Forget the failed attempts of `user` (after a password reset by e-mail)."""
    from axes.utils import reset  # axes reads its settings at import; only after setup

    return int(reset(username=f"akun:{user.pk}"))


# --- Security events in the audit log (connected in CoreConfig.ready) ---------------------------


def on_signed_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, action="auth.sign_in", target=user)


def on_sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # What was typed is never written down: it may be a password typed in the wrong box.
    account = account_for(str(credentials.get("username") or ""))
    with transaction.atomic():
        audit_record(
            actor=AnonymousUser(),
            action="auth.sign_in_failed",
            target=account,
            after={"account_known": account is not None},
        )


def on_locked_out(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    account = (
        User.objects.filter(pk=int(username.removeprefix("akun:"))).first()
        if username.startswith("akun:")
        else None
    )
    with transaction.atomic():
        audit_record(
            actor=AnonymousUser(),
            action="auth.locked_out",
            target=account,
            after={"account_known": account is not None},
        )


@transaction.atomic
def password_reset_complete(*, user: User) -> None:
    """A password set through the e-mailed link: audited, and the lockout lifted."""
    account_unlock(user=user)
    audit_record(actor=AnonymousUser(), action="auth.password_reset", target=user)
