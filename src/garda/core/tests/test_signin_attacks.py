"""Attacks on signing in that a probe got through (security issue, items 2 and 15), kept out.

The lockout counts per account whatever name, case or NIP is typed; a password reset by e-mail
lifts it; and sign-ins, failures, lockouts and resets are in the audit log, with the actor
"anonim" for someone not signed in, never the "sistem" of Garda's own jobs."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from garda.core.audit.models import AuditEntry
from garda.core.audit.sequencer import audit_number_pending
from garda.core.audit.tree import tree_head_sign
from garda.core.signin import lockout_key
from garda.core.testing import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
NIP = "199003152015032001"


def _login(client: Client, username: str, password: str = TEST_PASSWORD) -> int:
    return client.post(LOGIN, {"username": username, "password": password}).status_code


def _lock(settings, typed: list[str]) -> None:  # type: ignore[no-untyped-def]
    for index in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), typed[index % len(typed)], "salah-sekali")


def test_every_spelling_of_one_account_shares_one_counter(settings) -> None:  # type: ignore[no-untyped-def]
    user = make_user(username="ppid.demo", nip=NIP)
    fullwidth = "\uff30\uff30\uff29\uff24.demo"  # "PPID" in fullwidth letters
    spellings = ("ppid.demo", "PPID.demo", "Ppid.Demo", " ppid.demo ", fullwidth, NIP)
    keys = {lockout_key(name) for name in spellings}
    assert keys == {f"akun:{user.pk}"}
    # Unknown names count per name, folded the same way.
    assert lockout_key("Tidak.Ada") == lockout_key("tidak.ada") == "nama:tidak.ada"


def test_changing_case_or_using_the_nip_does_not_buy_more_guesses(settings) -> None:  # type: ignore[no-untyped-def]
    make_user(username="ppid.demo", nip=NIP)
    _lock(settings, ["PPID.demo", "Ppid.Demo", NIP, "pPiD.dEmO", "ppid.DEMO"])
    # Locked whichever spelling comes next, even with the right password.
    for spelling in ("PPiD.DeMo", "ppid.demo", NIP):
        assert _login(Client(), spelling) == 429


def test_a_locked_account_does_not_lock_the_office_next_door(settings) -> None:  # type: ignore[no-untyped-def]
    make_user(username="korban")
    make_user(username="rekan")
    _lock(settings, ["korban"])
    assert _login(Client(), "rekan") == 302  # same address, other account


def test_a_password_reset_by_email_lifts_the_lockout(settings) -> None:  # type: ignore[no-untyped-def]
    user = make_user(username="lupa", email="lupa@contoh.id")
    _lock(settings, ["lupa"])
    assert _login(Client(), "lupa") == 429
    client = Client()
    client.post(reverse("core:password_reset"), {"email": "lupa@contoh.id"})
    link = re.search(r"http://\S+/akun/atur-sandi/\S+/", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(0).split("testserver", 1)[1], follow=True)
    new = "Sandi-Baru-Jambi-2026"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert _login(Client(), "lupa", new) == 302
    reset = AuditEntry.objects.get(action="auth.password_reset")
    assert (reset.actor_id, reset.actor_label, reset.object_id) == (None, "anonim", str(user.pk))


def test_security_events_are_audited_with_the_right_actor(settings) -> None:  # type: ignore[no-untyped-def]
    user = make_user(username="nurul")
    assert _login(Client(), "nurul") == 302
    signed_in = AuditEntry.objects.get(action="auth.sign_in")
    assert (signed_in.actor_id, signed_in.object_id) == (user.pk, str(user.pk))
    _login(Client(), "NURUL", "salah")
    _login(Client(), "bukan-siapa-siapa", "ini-mungkin-kata-sandi")
    audit_number_pending()  # entries are numbered after commit; a test never commits
    failures = list(AuditEntry.objects.filter(action="auth.sign_in_failed").order_by("seq"))
    assert [(f.actor_label, f.object_id, f.after) for f in failures] == [
        ("anonim", str(user.pk), {"account_known": True}),
        ("anonim", "", {"account_known": False}),
    ]
    # What was typed for an unknown account is never written anywhere in the entry.
    assert "bukan-siapa-siapa" not in failures[1].canonical().decode()
    _lock(settings, ["nurul"])
    locked = AuditEntry.objects.filter(action="auth.locked_out").first()
    assert locked is not None
    assert (locked.actor_label, locked.object_id) == ("anonim", str(user.pk))
    assert not AuditEntry.objects.filter(action__startswith="auth.", actor_label="sistem").exists()


def test_the_public_log_never_says_whose_account_a_sign_in_was(settings) -> None:  # type: ignore[no-untyped-def]
    """A NIP typed into the sign-in form must not be matched to its owner's name in the public
    log a few minutes later; nor may the log tell when someone signs in."""
    make_user(username="rahasia", nip=NIP, first_name="Siti", last_name="Rahasiawati")
    _login(Client(), NIP, "salah")
    _login(Client(), "rahasia")
    tree_head_sign()
    for entry in AuditEntry.objects.filter(action__startswith="auth."):
        body = Client().get(f"/audit/publik/entri/{entry.seq}.json").content.decode()
        assert "Rahasiawati" not in body
        assert '"masked"' in body
        assert entry.leaf_hash in body  # still provably in the tree
