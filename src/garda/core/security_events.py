"""Sign-in events to the audit log: Django's and django-axes' signals, connected in
CoreConfig.ready, each recorded by `core.services.security_event_record`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from garda.core.models import User
from garda.core.services import security_event_record
from garda.core.signin import account_for


def on_signed_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    security_event_record(actor=user, action="auth.sign_in", account=user)


def on_sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # What was typed is never written down: it may be a password typed in the wrong box.
    account = account_for(str(credentials.get("username") or ""))
    security_event_record(actor=AnonymousUser(), action="auth.sign_in_failed", account=account)


def on_locked_out(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    account = (
        User.objects.filter(pk=int(username.removeprefix("akun:"))).first()
        if username.startswith("akun:")
        else None
    )
    security_event_record(actor=AnonymousUser(), action="auth.locked_out", account=account)
