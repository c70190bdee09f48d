"""Sign in with a username or an 18-digit NIP: ASN know their NIP better than any username."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from garda.core.models import User
from garda.core.signin import account_for

# The user read with the session row (core.sessions), set only while
# core.middleware.SessionUserAuthenticationMiddleware asks Django for the request's user.
loaded_with_session: ContextVar[User | None] = ContextVar("garda_user_loaded_with_session")


class UsernameOrNipBackend(ModelBackend):
    def get_user(self, user_id: int) -> User | None:
        user = loaded_with_session.get(None)
        if user is None or str(user.pk) != str(user_id):
            # Every page shows the user's unit; load it with the user, not one query later.
            user = User.objects.select_related("unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        user = account_for(username)
        if user is None:
            # Spend the same time as a real check so timing does not reveal which names exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
