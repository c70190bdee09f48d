"""Sign in with a username or an 18-digit NIP: ASN know their NIP better than any username."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from garda.core.identity import NIP_LENGTH, canonical_digits
from garda.core.models import User


class UsernameOrNipBackend(ModelBackend):
    def get_user(self, user_id: int) -> User | None:
        # Every page shows the user's unit; load it with the user instead of one query later.
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
        identifier = username.strip()
        digits = canonical_digits(identifier)
        lookup = (
            {"nip": digits}
            if digits.isascii() and digits.isdigit() and len(digits) == NIP_LENGTH
            else {"username__iexact": identifier}
        )
        user = User.objects.filter(**lookup).first()
        if user is None:
            # Spend the same time as a real check so timing does not reveal which names exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
