"""Security issue, item 8: the TOTP secret is shown only through a one-time enrolment link
(e-mailed after the password, or printed by `garda totp_enrolment_link`), never after the
password alone."""

from __future__ import annotations

import base64
import io
import re
import time
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from garda.core.audit.models import AuditEntry
from garda.core.roles import Role
from garda.core.testing import TEST_PASSWORD, make_user
from garda.core.twofactor import ENROLMENT_LINK_HOURS

pytestmark = pytest.mark.django_db

TWO_FACTOR = "/akun/2fa/"
LINK = re.compile(r"https?://[^/\s]+(/akun/2fa/pasang/[^/\s]+/)")
SECRET = re.compile(r'id="totp-secret">([A-Z2-7]+)<')


def _signed_in(username: str) -> Client:
    client = Client()
    response = client.post("/akun/masuk/", {"username": username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def _mailed_link() -> str:
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    found = LINK.search(mail.outbox[0].body)
    assert found is not None, mail.outbox[0].body
    return found.group(1)


def _code_for(page: str) -> str:
    secret = SECRET.search(page)
    assert secret is not None, page
    key = base64.b32decode(secret.group(1) + "=" * (-len(secret.group(1)) % 8))
    return f"{totp(key):06d}"


def _actions(user: Any) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(object_id=str(user.pk), action__startswith="auth.totp")
        .order_by("id")  # written order: numbers come after commit
        .values_list("action", "actor_label")
    )


def test_the_password_alone_shows_no_secret(django_capture_on_commit_callbacks: Any) -> None:
    make_user(username="admin.baru", role=Role.ADMIN_OPD, email="admin.baru@contoh.id")
    client = _signed_in("admin.baru")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(TWO_FACTOR, follow=True).content.decode()
    assert 'id="totp-secret"' not in page  # the attack: the secret after the password alone
    assert "data:image/svg+xml" not in page  # no QR code either
    assert "Kami mengirim tautan pemasangan ke email Anda" in page
    # Reloading sends nothing more, and a code typed blind is not accepted.
    client.get(TWO_FACTOR)
    client.post(TWO_FACTOR, {"token": "123456"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin.baru@contoh.id"]
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/akun/profil/").status_code == 302  # still waiting for the factor


def test_the_mailed_link_enrols_once(django_capture_on_commit_callbacks: Any) -> None:
    admin = make_user(username="admin.baru", role=Role.AUDITOR, email="a@contoh.id")
    client = _signed_in("admin.baru")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(TWO_FACTOR)
    link = _mailed_link()

    opened = client.get(link, follow=True)
    page = opened.content.decode()
    assert opened.redirect_chain[-1][0] == reverse("core:two_factor")
    assert "data:image/svg+xml" in page
    response = client.post(TWO_FACTOR, {"token": _code_for(page), "next": "/akun/profil/"})
    assert response["Location"] == "/akun/profil/"
    assert client.get("/akun/profil/").status_code == 200
    assert TOTPDevice.objects.get(user=admin).confirmed

    # The same link a second time, in another signed-in session: refused, nothing shown.
    again = _signed_in("admin.baru").get(link, follow=True).content.decode()
    assert "Tautan pemasangan tidak berlaku" in again
    assert 'id="totp-secret"' not in again
    assert _actions(admin) == [
        ("auth.totp_enrolment_link", str(admin)),
        ("auth.totp_enrolment_open", str(admin)),
        ("auth.totp_confirm", str(admin)),
    ]


def test_a_second_visit_fails_even_before_confirming(
    django_capture_on_commit_callbacks: Any,
) -> None:
    make_user(username="ppid.baru", role=Role.PPID, email="p@contoh.id")
    first = _signed_in("ppid.baru")
    with django_capture_on_commit_callbacks(execute=True):
        first.get(TWO_FACTOR)
    link = _mailed_link()
    assert 'id="totp-secret"' in first.get(link, follow=True).content.decode()
    # Someone else who also knows the password and saw the mail comes second: nothing.
    second = _signed_in("ppid.baru")
    page = second.get(link, follow=True).content.decode()
    assert "Tautan pemasangan tidak berlaku" in page
    assert 'id="totp-secret"' not in page


def test_the_link_expires(django_capture_on_commit_callbacks: Any, monkeypatch: Any) -> None:
    make_user(username="admin.lama", role=Role.ADMIN_PROVINSI, email="l@contoh.id")
    client = _signed_in("admin.lama")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(TWO_FACTOR)
    link = _mailed_link()
    later = time.time() + ENROLMENT_LINK_HOURS * 3600 + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    page = client.get(link, follow=True).content.decode()
    assert "Tautan pemasangan tidak berlaku" in page
    assert 'id="totp-secret"' not in page


def test_another_account_cannot_use_the_link_nor_use_it_up(
    django_capture_on_commit_callbacks: Any,
) -> None:
    make_user(username="pemilik", role=Role.ADMIN_OPD, email="o@contoh.id")
    make_user(username="penyusup", role=Role.ADMIN_OPD, email="x@contoh.id")
    owner = _signed_in("pemilik")
    with django_capture_on_commit_callbacks(execute=True):
        owner.get(TWO_FACTOR)
    link = _mailed_link()
    intruder = _signed_in("penyusup")
    page = intruder.get(link, follow=True).content.decode()
    assert "Tautan pemasangan ini untuk akun lain" in page
    assert 'id="totp-secret"' not in page
    # A stranger is sent to sign in first, and the link is not used up either.
    assert Client().get(link)["Location"].startswith("/akun/masuk/?next=")
    assert 'id="totp-secret"' in owner.get(link, follow=True).content.decode()


def test_an_account_without_mail_is_told_to_ask_the_operator() -> None:
    make_user(username="tanpa.surel", role=Role.ADMIN_OPD, email="")
    page = _signed_in("tanpa.surel").get(TWO_FACTOR).content.decode()
    assert "garda totp_enrolment_link" in page
    assert 'id="totp-secret"' not in page
    assert not mail.outbox


def test_the_command_prints_a_link_for_the_first_administrator(settings: Any) -> None:
    settings.SITE_URL = "https://garda.contoh.go.id"
    admin = make_user(username="nama.admin", role=Role.ADMIN_PROVINSI, email="")
    out = io.StringIO()
    call_command("totp_enrolment_link", "NAMA.ADMIN", stdout=out)
    url = out.getvalue().strip()
    assert url.startswith("https://garda.contoh.go.id/akun/2fa/pasang/")
    client = _signed_in("nama.admin")
    page = client.get(url.removeprefix("https://garda.contoh.go.id"), follow=True)
    client.post(TWO_FACTOR, {"token": _code_for(page.content.decode())})
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert _actions(admin) == [
        ("auth.totp_enrolment_link", "sistem"),
        ("auth.totp_enrolment_open", str(admin)),
        ("auth.totp_confirm", str(admin)),
    ]
    with pytest.raises(CommandError, match="sudah memasang"):
        call_command("totp_enrolment_link", "nama.admin", stdout=io.StringIO())
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("totp_enrolment_link", "tidak.ada", stdout=io.StringIO())


def test_resend_waits_a_minute(django_capture_on_commit_callbacks: Any, monkeypatch: Any) -> None:
    make_user(username="admin.sabar", role=Role.ADMIN_OPD, email="s@contoh.id")
    client = _signed_in("admin.sabar")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(TWO_FACTOR)
        client.post(TWO_FACTOR, {"kirim_ulang": "1"})
    assert len(mail.outbox) == 1
    later = time.time() + 61
    monkeypatch.setattr("garda.core.views.time.time", lambda: later)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(TWO_FACTOR, {"kirim_ulang": "1"})
    assert len(mail.outbox) == 2


def test_switched_off_for_local_use(settings: Any) -> None:
    settings.GARDA_REQUIRE_2FA = False
    make_user(username="admin.lokal", role=Role.ADMIN_OPD, email="k@contoh.id")
    client = _signed_in("admin.lokal")
    assert client.get("/akun/profil/").status_code == 200  # nothing asked
    assert 'id="totp-secret"' in client.get(TWO_FACTOR).content.decode()
    assert not mail.outbox
