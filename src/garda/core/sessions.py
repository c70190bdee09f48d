"""Sessions that bring their user: one query per signed-in request instead of two.

Django's database sessions read the session row, then the auth backend reads the user (and
here the unit) in a second query. `UserSession` keeps the signed-in user's id in a column of
its own, so the session row is read joined to the user and their unit, and
`core.middleware.SessionUserAuthenticationMiddleware` hands that user to Django's own
`auth.get_user`: the session hash (a password change signs every other session out), the
backend and `is_active` are still checked by Django exactly as before (decision 0022).

Logout deletes the row as before; deleting a user deletes their sessions (the foreign key)."""

from __future__ import annotations

import logging
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager
from django.core.exceptions import SuspiciousOperation
from django.db import DEFAULT_DB_ALIAS, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from garda.core.dataversion import all_stamps_column, remember_known_stamps
from garda.core.models import User
from garda.core.prepared import JoinedRead


class UserSessionManager(BaseSessionManager["UserSession"]):
    def get_queryset(self) -> models.QuerySet[UserSession]:
        return super().get_queryset().select_related("user__unit")


class UserSession(AbstractBaseSession):
    user = models.ForeignKey(
        User,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = UserSessionManager()  # type: ignore[misc]  # the base declares a plain manager

    class Meta:
        app_label = "core"
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")

    @classmethod
    def get_session_store_class(cls) -> type[SessionStore]:
        return SessionStore


class SessionStore(DatabaseSessionStore):
    """SESSION_ENGINE = "garda.core.sessions"."""

    # The user read with the session row (None: no row, or nobody signed in on it).
    loaded_user: User | None = None

    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        return UserSession

    def _get_session_from_db(self) -> UserSession | None:
        try:
            row = read_session_with_user(self.session_key or "")
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            row = None
        if row is None:
            self._session_key = None
        self.loaded_user = row.user if row is not None else None
        return row

    def decode(self, session_data: bytes | str) -> dict[str, Any]:
        """Django's decode (the signature checked, then the JSON read), kept per process for
        each signed text it has read: a signed-in visitor sends the same session on every
        request, and checking and reading it again was 15 µs of each (decision 0022,
        revision 4). The key holds the secret keys the signature is checked with. Only
        sessions of plain values are kept: the caller gets its own copy of the dict, and a
        list or dict inside could be changed in place through it."""
        key: tuple[object, ...] = (
            session_data,
            settings.SECRET_KEY,
            tuple(settings.SECRET_KEY_FALLBACKS),
        )
        kept = _DECODED.get(key)
        if kept is not None:
            return dict(kept)
        decoded = super().decode(session_data)
        if decoded and all(isinstance(value, _PLAIN) for value in decoded.values()):
            if len(_DECODED) >= _DECODED_MAX:
                _DECODED.clear()  # rare, and cheaper than keeping an order of use
            _DECODED[key] = dict(decoded)
        return decoded

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        row = cast(UserSession, super().create_model_instance(data))  # get_model_class above
        user_id = data.get(SESSION_KEY)
        row.user_id = User._meta.pk.to_python(user_id) if user_id is not None else None
        return row


# Decoded sessions kept by SessionStore.decode; a few hundred bytes each.
_DECODED: dict[tuple[object, ...], dict[str, Any]] = {}
_DECODED_MAX = 10_000
_PLAIN = (str, int, float, bool, type(None))


# The one read of every signed-in request, prepared once per connection (core.prepared). On
# PostgreSQL it also brings every data stamp (core.dataversion), which the cached parts of the
# page would otherwise read in a second round trip.
_SESSION_WITH_USER = JoinedRead(
    UserSession,
    chain=("user", "unit"),
    where=(("session_key", "="), ("expire_date", ">")),
    also=all_stamps_column,
)


def read_session_with_user(session_key: str) -> UserSession | None:
    """The unexpired session row with that key, its user and the user's unit attached (as
    `select_related("user__unit")` would), in one statement; None if there is none."""
    row, stamps, db = _SESSION_WITH_USER.first_and_also(session_key, timezone.now())
    # Only from the primary, where `data_stamps` reads them too (a replica may lag).
    if row is not None and db == DEFAULT_DB_ALIAS:
        remember_known_stamps(stamps)
    return row
