"""The page's CSRF token (core.csrf) and the kept session decode (core.sessions): the faster
paths give what Django's own give, and Django's checks still hold."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.contrib.auth import SESSION_KEY
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_TOKEN_LENGTH,
    _unmask_cipher_token,
)
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse

from garda.core import csrf, sessions
from garda.core.codes import random_code
from garda.core.testing import make_user

pytestmark = pytest.mark.django_db

_FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def test_a_masked_token_unmasks_to_the_cookie_secret_with_a_new_mask_each_time() -> None:
    request = RequestFactory().get("/")
    secret = "aZ09" * 8
    request.META["CSRF_COOKIE"] = secret
    tokens = {csrf.masked_token(request) for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert len(token) == CSRF_TOKEN_LENGTH
        assert set(token) <= set(CSRF_ALLOWED_CHARS)
        assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_without_a_cookie_django_makes_one() -> None:
    request = RequestFactory().get("/")
    token = csrf.masked_token(request)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_every_character_of_the_alphabet_is_drawn_for_the_mask() -> None:
    drawn = Counter(random_code(62 * 2000, CSRF_ALLOWED_CHARS))
    assert sorted(drawn) == sorted(CSRF_ALLOWED_CHARS)
    # Unbiased: `byte % 62` over every byte would draw the first 8 characters 5/4 as often
    # as the others (256 = 4 x 62 + 8); here both shares are equal within the sampling noise
    # (about 1 % at this size).
    first = sum(drawn[char] for char in CSRF_ALLOWED_CHARS[:8]) / 8
    rest = sum(drawn[char] for char in CSRF_ALLOWED_CHARS[8:]) / 54
    assert 0.93 < first / rest < 1.07


def test_the_page_token_is_one_value_per_page_and_django_accepts_it() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    page = client.get("/").content.decode()
    form_tokens = set(_FORM_TOKEN.findall(page))
    meta = _META_TOKEN.search(page)
    assert meta is not None
    # The language form and the sign-out form print the same token as the page's meta tag.
    assert form_tokens == {meta.group(1)}
    again = client.get("/").content.decode()
    assert _META_TOKEN.search(again).group(1) != meta.group(1)  # type: ignore[union-attr]
    wrong = client.post(reverse("core:logout"), {"csrfmiddlewaretoken": "x" * 64})
    assert wrong.status_code == 403
    signed_out = client.post(reverse("core:logout"), {"csrfmiddlewaretoken": meta.group(1)})
    assert signed_out.status_code == 302


def test_a_page_without_a_form_does_not_renew_the_cookie() -> None:
    """As with Django's lazy token: only a template that prints the token marks the cookie
    for sending; one that does not leaves the request as it was."""
    django_templates = engines["django"]
    for source, marked in (("<p>{{ user }}</p>", False), ("{% csrf_token %}", True)):
        request = RequestFactory().get("/")
        request.META["CSRF_COOKIE"] = "aZ09" * 8
        request.user = make_user()
        django_templates.from_string(source).render({}, request)
        assert ("CSRF_COOKIE_NEEDS_UPDATE" in request.META) is marked


def test_a_kept_session_decode_is_a_copy_and_honours_the_secret_key(settings: object) -> None:
    store = sessions.SessionStore()
    signed = store.encode({SESSION_KEY: "7", "n": 1})
    first = store.decode(signed)
    first["n"] = 2  # the session changes its own dict
    assert store.decode(signed) == {SESSION_KEY: "7", "n": 1}
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40  # type: ignore[attr-defined]
    assert store.decode(signed) == {}  # signed with the old key: Django's decode refuses it


def test_sessions_with_nested_values_are_not_kept() -> None:
    store = sessions.SessionStore()
    signed = store.encode({"list": [1, 2]})
    decoded = store.decode(signed)
    decoded["list"].append(3)
    assert store.decode(signed) == {"list": [1, 2]}
