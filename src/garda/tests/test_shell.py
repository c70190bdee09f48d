"""The signed-in shell (issue 12 item 2, decision 0022): what every signed-in page pays for
is pinned in queries, and what it keeps is kept per role or per user and follows changes.

- the session row brings its user (core.sessions): signing out, a changed password, a
  deactivated account and a changed role still take effect on the very next request;
- the menu is rendered once per role, language and page (core.navigation.menu_html);
- home panels and waiting counts are kept per user under their data versions (core.home);
- the learning catalogue's cards are kept for everyone under the learning data version."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.template import TemplateSyntaxError, engines
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject
from rest_framework.authtoken.models import Token

from garda.core.api_auth import _TOKEN_WITH_USER
from garda.core.cache import user_scope
from garda.core.dataversion import (
    NEVER_WRITTEN,
    data_stamps,
    data_version_bump,
    remember_known_stamps,
)
from garda.core.models import User, UserSession
from garda.core.navigation import menu_html
from garda.core.roles import Role
from garda.core.sessions import read_session_with_user
from garda.core.testing import login_client, make_user
from garda.learning import services as learning_services
from garda.learning.models import Session
from garda.learning.testing import (
    People,
    sample_batch,
    sample_employee,
    sample_program,
    sample_unit,
)

pytestmark = pytest.mark.django_db

MaxQueries = Callable[..., Any]  # pytest-django's django_assert_max_num_queries


def _warm(client: Client, path: str, **headers: str) -> str:
    """The page once to fill what it keeps; the figures below are of the next visit."""
    first = client.get(path, **headers)  # type: ignore[arg-type]  # extra headers as kwargs
    assert first.status_code == 200, (path, first.status_code)
    return first.content.decode()


def _session_for(user: User) -> tuple[Client, str]:
    client = login_client(user)
    return client, client.cookies["sessionid"].value


def _next_session(title: str, people: People, *, employee_id: int) -> None:
    batch = sample_batch(
        program=sample_program(owner_unit=people.unit),
        starts_on=timezone.localdate() + dt.timedelta(days=3),
        ends_on=timezone.localdate() + dt.timedelta(days=4),
    )
    later = timezone.now() + dt.timedelta(days=3)
    Session.objects.create(
        batch=batch, title=title, starts_at=later, ends_at=later + dt.timedelta(hours=2)
    )
    learning_services.enrollment_nominate(
        actor=people.admin, batch_id=batch.pk, employee_id=employee_id
    )


# --- queries per request ------------------------------------------------------------------


def test_home_profile_api_and_catalogue_are_pinned_in_queries(
    people: People, django_assert_max_num_queries: MaxQueries
) -> None:
    client = login_client(people.asn)
    token = Token.objects.create(user=people.asn)
    api = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    for path in ("/", "/akun/profil/", "/pelatihan/"):
        _warm(client, path)
    _warm(Client(), "/api/v1/me/", **api)
    # Session with its user; the home page's two data stamps (ledger, learning) in one
    # statement; the catalogue's one (learning). Nothing else: menu, panels and cards come
    # from what is kept. On PostgreSQL the session read brings every stamp with it.
    stamps_apart = 0 if connection.vendor == "postgresql" else 1
    with django_assert_max_num_queries(1 + stamps_apart):
        page = client.get("/").content.decode()
    assert 'id="jp-tahun-ini"' in page
    assert 'action="/akun/keluar/"' in page
    with django_assert_max_num_queries(1):
        assert people.asn.username in client.get("/akun/profil/").content.decode()
    with django_assert_max_num_queries(1 + stamps_apart):
        assert "Katalog Pelatihan ASN" in client.get("/pelatihan/").content.decode()
    with django_assert_max_num_queries(1):
        me = Client().get("/api/v1/me/", **api).json()  # type: ignore[arg-type]
    assert me["username"] == people.asn.username


def test_stamps_read_with_the_session_live_only_for_their_request(
    people: People, django_assert_num_queries: MaxQueries
) -> None:
    """The stamps the session read brings (core.dataversion.remember_known_stamps) answer
    `data_stamps` for the rest of that request only: a bump in the same thread, the request's
    end and the next request's start each forget them, so no request keys its cache with
    another request's view of the data."""
    client = login_client(people.asn)
    _warm(client, "/")
    with django_assert_num_queries(1):  # the request is over: read from the database
        current = data_stamps(("ledger",))
    remember_known_stamps({"ledger": "basi"})
    with django_assert_num_queries(0):
        assert data_stamps(("ledger", "tidak-ada")) == ["basi", NEVER_WRITTEN]
    with transaction.atomic():
        data_version_bump(name="ledger")
    after_bump = data_stamps(("ledger",))
    assert after_bump not in (["basi"], current)
    for signal in (request_started, request_finished):
        remember_known_stamps({"ledger": "basi"})
        # As Django's test client does: the test's connection stays open across the signal.
        signal.disconnect(close_old_connections)
        try:
            signal.send(sender=None)
        finally:
            signal.connect(close_old_connections)
        assert data_stamps(("ledger",)) == after_bump


def test_the_session_row_carries_its_user(people: People) -> None:
    _client, key = _session_for(people.asn)
    assert UserSession.objects.get(session_key=key).user_id == people.asn.pk


def _fields(instance: Any) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_prepared_session_read_gives_what_the_orm_gives(people: People) -> None:
    """core.sessions.read_session_with_user writes its join by hand: every column, converted
    as Django converts it, must equal the ORM's reading — with a unit, without one, for a
    session nobody has signed in on, and none for an expired or unknown key."""
    without_unit = make_user(role=Role.ASN, unit=None)
    keys = [_session_for(people.asn)[1], _session_for(without_unit)[1]]
    anonymous = UserSession.objects.create(
        session_key="anonim" * 5, session_data="", expire_date=timezone.now() + dt.timedelta(1)
    )
    keys.append(anonymous.session_key)
    for key in keys:
        expected = UserSession.objects.select_related("user__unit").get(session_key=key)
        read = read_session_with_user(key)
        assert read is not None
        assert _fields(read) == _fields(expected)
        if expected.user is None:
            assert read.user is None
            continue
        assert read.user is not None
        assert _fields(read.user) == _fields(expected.user)
        assert isinstance(read.user.date_joined, dt.datetime)  # converted, not a raw string
        if expected.user.unit is None:
            assert read.user.unit is None
        else:
            assert read.user.unit is not None
            assert _fields(read.user.unit) == _fields(expected.user.unit)
    UserSession.objects.filter(pk=keys[0]).update(expire_date=timezone.now())
    assert read_session_with_user(keys[0]) is None
    assert read_session_with_user("tidak-ada") is None


def test_the_prepared_token_read_gives_what_the_orm_gives(people: People) -> None:
    for user in (people.asn, make_user(role=Role.ASN, unit=None)):
        token = Token.objects.create(user=user)
        expected = Token.objects.select_related("user__unit").get(key=token.key)
        read = _TOKEN_WITH_USER.first(token.key)
        assert read is not None
        assert _fields(read) == _fields(expected)
        assert _fields(read.user) == _fields(expected.user)
        assert read.user.unit_id == expected.user.unit_id
        if expected.user.unit is not None:
            assert _fields(read.user.unit) == _fields(expected.user.unit)
    assert _TOKEN_WITH_USER.first("0" * 40) is None


def test_fixed_layout_blocks_keep_nothing_of_the_visitor(people: People) -> None:
    """`{% fixed %}` renders in an empty context: a variable or a CSRF token inside it comes
    out empty, never a first visitor's value kept for the next."""
    template = engines["django"].from_string(
        "{% load garda_layout %}[{% fixed %}{{ user.username }}{% csrf_token %}{% endfixed %}]"
    )
    assert template.render({"user": people.asn, "csrf_token": "rahasia"}) == "[]"
    for mine, theirs in ((people.asn, people.atasan), (people.atasan, people.asn)):
        client = Client(enforce_csrf_checks=True)
        client.force_login(mine)
        page = _warm(client, "/")
        assert f">{mine.get_full_name()}</a>" in page
        assert f">{theirs.get_full_name()}</a>" not in page
        # The sign-out form's token is this browser's: posting it signs out.
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        answer = client.post(reverse("core:logout"), {"csrfmiddlewaretoken": token.group(1)})
        assert answer.status_code == 302


def test_a_block_inside_a_fixed_part_is_refused() -> None:
    """A fixed part declares no child nodes (Django's block search skips it), so a block
    inside one could never be overridden: the tag refuses it when the template is read."""
    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string(
            "{% load garda_layout %}{% fixed %}{% block x %}{% endblock %}{% endfixed %}"
        )


def test_the_request_holds_the_signed_in_user_itself(people: People) -> None:
    """After the second-factor check the request carries the user object, not the lazy
    wrappers, with what django-otp set on it."""
    response = login_client(people.admin).get("/")
    user = response.wsgi_request.user
    assert not isinstance(user, LazyObject)
    assert user.pk == people.admin.pk
    assert user.is_verified()
    anonymous = Client().get("/").wsgi_request.user
    assert not isinstance(anonymous, LazyObject)
    assert not anonymous.is_authenticated


# --- security properties kept -------------------------------------------------------------


def test_signing_out_ends_the_session_for_whoever_holds_the_cookie(people: People) -> None:
    client, key = _session_for(people.asn)
    _warm(client, "/akun/profil/")
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert stolen.get("/akun/profil/").status_code == 200
    assert client.post(reverse("core:logout")).status_code == 302
    assert not UserSession.objects.filter(session_key=key).exists()
    assert stolen.get("/akun/profil/").status_code == 302  # to the sign-in page


def test_a_changed_password_deactivation_or_deletion_signs_the_session_out(
    people: People,
) -> None:
    client, _key = _session_for(people.asn)
    _warm(client, "/akun/profil/")
    people.asn.set_password("sandi-baru-yang-panjang")
    people.asn.save()
    assert client.get("/akun/profil/").status_code == 302

    client, _key = _session_for(people.atasan)
    _warm(client, "/akun/profil/")
    User.objects.filter(pk=people.atasan.pk).update(is_active=False)
    assert client.get("/akun/profil/").status_code == 302

    other = make_user(role=Role.ASN)
    client, key = _session_for(other)
    other.delete()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert client.get("/akun/profil/").status_code == 302


def test_a_changed_role_changes_menu_and_second_factor_on_the_next_request(
    people: People,
) -> None:
    client = login_client(people.asn)
    home = _warm(client, "/")
    audit_log = reverse("core:audit_log")
    assert f'href="{audit_log}"' not in home
    User.objects.filter(pk=people.asn.pk).update(role=Role.AUDITOR)
    # An auditor needs the second factor this session never gave: every page waits for it.
    refused = client.get("/")
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("core:two_factor"))
    assert login_client(User.objects.get(pk=people.asn.pk)).get(audit_log).status_code == 200
    page = login_client(User.objects.get(pk=people.asn.pk)).get("/").content.decode()
    assert f'href="{audit_log}"' in page


def test_csrf_is_still_enforced_on_the_signed_in_shell(people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.asn)
    assert client.post(reverse("core:logout")).status_code == 403
    assert client.get("/akun/profil/").status_code == 200  # still signed in


# --- what is kept, and for whom -----------------------------------------------------------


def test_menu_is_per_role_language_and_page() -> None:
    asn, auditor = make_user(role=Role.ASN), make_user(role=Role.AUDITOR)
    audit_log = reverse("core:audit_log")
    asn_bar = menu_html("core/_nav_menu.html", asn, path="/")
    auditor_bar = menu_html("core/_nav_menu.html", auditor, path="/")
    assert f'href="{audit_log}"' in auditor_bar
    assert f'href="{audit_log}"' not in asn_bar
    assert "Log Audit" in auditor_bar
    on_log = menu_html("core/_nav_menu.html", auditor, path=audit_log)
    assert 'active" aria-current="page" href="' + audit_log in on_log
    assert "aria-current" not in auditor_bar
    with_english = login_client(auditor)
    with_english.cookies["django_language"] = "en"
    page = with_english.get(audit_log).content.decode()
    assert ">Audit log<" in page
    assert ">Log Audit<" not in page
    assert ">Log Audit<" in login_client(auditor).get(audit_log).content.decode()
    # The bar holds nothing of the user: two users of one role get the very same HTML.
    assert menu_html("core/_nav_menu.html", make_user(role=Role.ASN), path="/") == asn_bar


def test_home_panels_are_each_users_own_in_both_visiting_orders(people: People) -> None:
    """Two ASN of two agencies: each one's next session shows to them only, whoever's home
    page was kept first."""
    other_unit = sample_unit()
    other_asn = make_user(role=Role.ASN, unit=other_unit)
    other_employee = sample_employee(user=other_asn, unit=other_unit)
    _next_session("Sesi Milik A", people, employee_id=people.employee.pk)
    _next_session("Sesi Milik B", people, employee_id=other_employee.pk)
    a, b = login_client(people.asn), login_client(other_asn)
    for first, second in ((a, b), (b, a)):
        first.get("/")
        second.get("/")
    page_a, page_b = a.get("/").content.decode(), b.get("/").content.decode()
    assert "Sesi Milik A" in page_a
    assert "Sesi Milik B" not in page_a
    assert "Sesi Milik B" in page_b
    assert "Sesi Milik A" not in page_b
    assert user_scope(people.asn) != user_scope(other_asn)


def test_user_scope_changes_with_role_and_unit(people: People) -> None:
    before = user_scope(people.asn)
    people.asn.role = Role.ATASAN
    assert user_scope(people.asn) != before
    people.asn.role = Role.ASN
    people.asn.unit = sample_unit()
    assert user_scope(people.asn) != before


def test_home_panel_follows_a_learning_write_at_once(people: People) -> None:
    client = login_client(people.asn)
    assert "Menyusun SOP" not in _warm(client, "/")
    _next_session("Menyusun SOP", people, employee_id=people.employee.pk)
    assert "Menyusun SOP" in client.get("/").content.decode()


def test_the_kept_home_content_follows_name_language_and_role(people: People) -> None:
    """core.home.home_content keeps the whole block per user; what it shows of the user must
    still change at once."""
    client = login_client(people.asn)
    assert "Selamat datang, Nama Baru" not in _warm(client, "/")
    people.asn.first_name, people.asn.last_name = "Nama", "Baru"
    people.asn.save()
    assert "Selamat datang, Nama Baru" in client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    assert "Welcome, Nama Baru" in client.get("/").content.decode()
    del client.cookies["django_language"]
    User.objects.filter(pk=people.asn.pk).update(role=Role.ATASAN)
    assert "Anda masuk sebagai Atasan." in client.get("/").content.decode()


def test_waiting_count_follows_a_registration_at_once(people: People) -> None:
    client = login_client(people.atasan)
    approvals = reverse("learning:approvals")
    assert f'href="{approvals}" data-count="0"' in _warm(client, "/")
    batch = sample_batch(program=sample_program(owner_unit=people.unit, needs_atasan=True))
    learning_services.enrollment_register(actor=people.asn, batch_id=batch.pk)
    assert f'href="{approvals}" data-count="1"' in client.get("/").content.decode()


def test_catalogue_shows_a_new_programme_at_once(people: People) -> None:
    client = login_client(people.asn)
    assert "Pelatihan Baru Sekali" not in _warm(client, "/pelatihan/")
    sample_program(owner_unit=people.unit, title="Pelatihan Baru Sekali")
    assert "Pelatihan Baru Sekali" in client.get("/pelatihan/").content.decode()
    assert "Pelatihan Baru Sekali" in Client().get("/pelatihan/").content.decode()
