"""Signing in: username or NIP, TOTP for admin roles, lockout, password reset, headers."""

from __future__ import annotations

import base64
import re

import pytest
from csp.utils import build_policy
from django.core import mail
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from garda.core.middleware import PreparedOTPMiddleware
from garda.core.roles import Role
from garda.core.testing import TEST_PASSWORD, login_client, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"


def _login(client: Client, username: str, password: str = TEST_PASSWORD) -> int:
    return client.post(LOGIN, {"username": username, "password": password}).status_code


def test_sign_in_with_nip() -> None:
    make_user(username="nurul", nip="199003152015032001")
    client = Client()
    assert _login(client, "199003152015032001") == 302
    assert client.get("/").context["user"].username == "nurul"


def test_sign_in_with_username_ignores_case() -> None:
    make_user(username="nurul")
    assert _login(Client(), "NURUL") == 302


def test_wrong_password_is_refused_with_a_clear_message() -> None:
    make_user(username="nurul")
    response = Client().post(LOGIN, {"username": "nurul", "password": "salah-sekali"})
    assert response.status_code == 200
    assert "Username/NIP atau kata sandi salah." in response.content.decode()


def test_lockout_after_repeated_failures(settings) -> None:  # type: ignore[no-untyped-def]
    make_user(username="nurul")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "nurul", "salah-sekali")
    # Even the right password is refused while locked.
    response = client.post(LOGIN, {"username": "nurul", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()


def test_admin_must_set_up_and_confirm_totp(settings, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    settings.OTP_TOTP_THROTTLE_FACTOR = (
        0  # the wrong code below would otherwise delay the right one
    )
    make_user(username="admin1", role=Role.ADMIN_OPD, email="admin1@contoh.id")
    client = Client()
    assert _login(client, "admin1") == 302
    response = client.get("/akun/profil/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two_factor"))
    with django_capture_on_commit_callbacks(execute=True):
        client.get(response["Location"])
    # The secret is shown through the link mailed to the account (core/tests/test_totp_enrolment).
    link = re.search(r"http://\S+(/akun/2fa/pasang/\S+/)", mail.outbox[0].body)
    assert link is not None
    page = client.get(link.group(1), follow=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.content.decode())
    assert secret is not None
    key = base64.b32decode(secret.group(1) + "=" * (-len(secret.group(1)) % 8))
    wrong = client.post(reverse("core:two_factor"), {"token": "000000", "next": "/akun/profil/"})
    assert "Kode salah" in wrong.content.decode()
    right = client.post(
        reverse("core:two_factor"), {"token": f"{totp(key):06d}", "next": "/akun/profil/"}
    )
    assert right.status_code == 302
    assert right["Location"] == "/akun/profil/"
    assert client.get("/akun/profil/").status_code == 200
    assert TOTPDevice.objects.get(user__username="admin1").confirmed


def test_repeated_wrong_codes_are_throttled() -> None:
    user = make_user(username="admin3", role=Role.ADMIN_PROVINSI)
    TOTPDevice.objects.create(user=user, name="garda", confirmed=True)
    client = login_client(user, verified=False)
    client.get(reverse("core:two_factor"))
    client.post(reverse("core:two_factor"), {"token": "000000"})
    response = client.post(reverse("core:two_factor"), {"token": "111111"})
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_asn_needs_no_second_factor() -> None:
    make_user(username="asn1", role=Role.ASN)
    client = Client()
    _login(client, "asn1")
    assert client.get("/akun/profil/").status_code == 200


def _session_with_device(user_device: TOTPDevice, persistent_id: str | None = None) -> Client:
    """A client signed in as the device's user whose session names `persistent_id`."""
    client = login_client(user_device.user, verified=False)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = persistent_id or user_device.persistent_id
    session.save()
    return client


def test_the_prepared_device_read_is_the_orm_read() -> None:
    user = make_user(username="admin4", role=Role.ADMIN_OPD)
    device = TOTPDevice.objects.create(user=user, name="garda", confirmed=True)
    read = PreparedOTPMiddleware(lambda request: HttpResponse())._device_from_persistent_id
    prepared = read(device.persistent_id)
    assert isinstance(prepared, TOTPDevice)
    orm = TOTPDevice.objects.get(pk=device.pk)
    assert [getattr(prepared, f.attname) for f in TOTPDevice._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in TOTPDevice._meta.concrete_fields
    ]
    # What django-otp's own parser refuses reads as no device here too.
    for broken in ("otp_totp.totpdevice/x", "nope.nothing/1", "core.user/1", "garbage"):
        assert read(broken) is None, broken
    assert read(f"otp_totp.totpdevice/{device.pk + 1000}") is None


def test_a_session_device_counts_only_when_it_is_the_users_and_confirmed() -> None:
    admin = make_user(username="admin5", role=Role.ADMIN_OPD)
    other = make_user(username="admin6", role=Role.ADMIN_OPD)
    own = TOTPDevice.objects.create(user=admin, name="garda", confirmed=True)
    foreign = TOTPDevice.objects.create(user=other, name="garda", confirmed=True)
    pending = TOTPDevice.objects.create(user=admin, name="baru", confirmed=False)
    assert _session_with_device(own).get("/akun/profil/").status_code == 200
    for device_id in (foreign.persistent_id, pending.persistent_id):
        client = _session_with_device(own, device_id)
        response = client.get("/akun/profil/")
        assert response.status_code == 302, device_id
        assert response["Location"].startswith(reverse("core:two_factor"))
        assert DEVICE_ID_SESSION_KEY not in client.session  # django-otp's own clean-up


def test_two_factor_refuses_foreign_next_url() -> None:
    user = make_user(username="admin2", role=Role.AUDITOR)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("core:two_factor"), {"next": "https://jahat.example/"})
    assert 'value="/"' in response.content.decode()


def test_password_reset_by_email() -> None:
    make_user(username="lupa", email="lupa@contoh.id")
    client = Client()
    response = client.post(reverse("core:password_reset"), {"email": "lupa@contoh.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/akun/atur-sandi/\S+/", mail.outbox[0].body)
    assert link is not None
    path = link.group(0).split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "Sandi-Baru-Jambi-2026", "new_password2": "Sandi-Baru-Jambi-2026"},
    )
    assert done.status_code == 302
    assert _login(Client(), "lupa", "Sandi-Baru-Jambi-2026") == 302


def test_sign_out_is_post_only() -> None:
    user = make_user(username="keluar")
    client = Client()
    client.force_login(user)
    assert client.get(reverse("core:logout")).status_code == 405
    assert client.post(reverse("core:logout")).status_code == 302
    assert client.get("/akun/profil/").status_code == 302


def test_security_headers_on_every_page() -> None:
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_kept_security_policy_is_django_csps_own_and_follows_the_settings() -> None:
    """core.middleware.ContentSecurityPolicyMiddleware builds the header once; it must be the
    header django-csp builds, and a changed policy must show at once."""
    assert Client().get("/").headers["Content-Security-Policy"] == build_policy()
    changed = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "https:"]}}
    with override_settings(CONTENT_SECURITY_POLICY=changed):
        assert Client().get("/").headers["Content-Security-Policy"] == build_policy()
        assert "img-src 'self' https:" in Client().get("/").headers["Content-Security-Policy"]
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=changed):
        answer = Client().get("/")
        assert "img-src 'self' https:" in answer.headers["Content-Security-Policy-Report-Only"]
        assert answer.headers["Content-Security-Policy"] == build_policy()


def test_language_switch_to_english() -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()
    assert '<html lang="id">' in Client().get("/").content.decode()
