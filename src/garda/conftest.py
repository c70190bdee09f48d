"""Fixtures every app's tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from garda.core.audit import sequencer
from garda.core.org.labels import forget_government_names
from garda.core.testing import UserFactory, login_client, make_user
from garda.learning.testing import People, make_people
from garda.service.skm.selectors import forget_questionnaires

# The property tests test properties, not speed: on a shared, loaded machine (CI, or nine
# engineers at once) generating an example can take longer than Hypothesis's health check
# and deadline allow, which failed runs for no fault of the code.
hypothesis_settings.register_profile(
    "garda", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("garda")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, settings: Any) -> None:
    """Each test signs with its own audit key so tests never share files."""
    forget_government_names()  # unit ids are reused by the next test's rolled-back tree
    # The cache outlives a test's rolled-back rows, and user ids are reused by the next test:
    # a home panel cached per user (core.home) must not reach another test's user.
    cache.clear()
    forget_questionnaires()  # kept per process under stamps a rollback brings back
    # A test that goes through garda.wsgi switches this process to numbering audit entries in
    # a background thread; every other test expects the commit to number them at once.
    sequencer._background = False
    settings.GARDA_AUDIT_KEY_FILE = tmp_path / "audit_ed25519.key"
    settings.GARDA_BADGE_KEY_FILE = tmp_path / "badge_ed25519.key"
    # Hashing a password properly takes ~0.3 s; tests sign in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def user_factory() -> type[UserFactory]:
    return UserFactory


@pytest.fixture
def client_for(db: None) -> Callable[..., Client]:
    """`client_for(role)` gives a signed-in client (second factor already confirmed)."""

    def make(role: str, **kwargs: object) -> Client:
        return login_client(make_user(role=role, **kwargs))

    return make


@pytest.fixture
def people(db: None, settings: Any, tmp_path: Path) -> People:
    """An ASN with its employee record, its atasan and a provincial admin (learning and the
    budget link use it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_people()
