"""The probe's attacks, replayed against `garda serve` on a fresh demo install (security issue).

Each test is one attack that got through before, sent over HTTP the way the prober sent it,
and must now be refused. The unit tests prove each control on both databases; these prove the
controls hold in Garda as installed and served (granian, the middleware stack, the demo data).
Accounts and ids the attacks need are made or read with `garda shell`, as an operator would;
the demo's own accounts are not locked or changed, so the other journeys are unaffected.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import requests

pytestmark = pytest.mark.e2e

TIMEOUT = 30


def _shell(live: Any, code: str) -> Any:
    """Run Python in `garda shell` against the live data; its last line is JSON."""
    out = live.manage("shell", "-c", code)
    return json.loads(out.strip().splitlines()[-1])


def _booking(live: Any, bpjs_code: str = "001") -> dict[str, Any]:
    """A poli of the demo puskesmas and the next working day it takes bookings."""
    return _shell(
        live,
        "import datetime as dt, json\n"
        "from django.utils import timezone\n"
        "from garda.core.calendar import is_working_day\n"
        "from garda.queueing.models import Poli\n"
        f"poli = Poli.objects.get(facility__code='DEMO01', bpjs_code='{bpjs_code}')\n"
        "day = timezone.localdate() + dt.timedelta(days=1)\n"
        "while not is_working_day(day): day += dt.timedelta(days=1)\n"
        "print(json.dumps({'poli': poli.pk, 'service_date': day.isoformat()}))",
    )


def _book(live: Any, slot: dict[str, Any], **person: str) -> requests.Response:
    return requests.post(
        f"{live.url}/api/v1/queue/tickets/",
        json={**slot, "name": "Uji Serangan", **person},
        timeout=TIMEOUT,
    )


def test_the_public_audit_log_holds_no_booking_code(live_garda: Any) -> None:
    """Item 1: a code read from /audit/publik/entri/<seq>.json cancelled someone's ticket."""
    booked = _book(live_garda, _booking(live_garda), card_number="0001234567801")
    assert booked.status_code == 201, booked.text
    code = booked.json()["booking_code"]
    live_garda.manage("audit_sign_head")
    size = requests.get(f"{live_garda.url}/audit/publik/sth.json", timeout=TIMEOUT).json()
    tree_size = int(size["tree_size"])
    for seq in range(max(1, tree_size - 40), tree_size + 1):
        entry = requests.get(f"{live_garda.url}/audit/publik/entri/{seq}.json", timeout=TIMEOUT)
        assert entry.status_code == 200
        assert code not in entry.text, f"entry {seq} publishes the booking code"


def test_one_card_gets_one_ticket_whatever_digits_it_is_typed_in(live_garda: Any) -> None:
    """Item 4: fullwidth digits made a second active ticket for the same card."""
    slot = _booking(live_garda, "002")
    ascii_card = "0009876543210"
    fullwidth = "".join(chr(0xFF10 + int(digit)) for digit in ascii_card)
    assert _book(live_garda, slot, card_number=ascii_card).status_code == 201
    again = _book(live_garda, slot, card_number=fullwidth)
    assert again.status_code in {400, 409}, again.text


def test_a_poli_closed_to_online_booking_refuses_the_api(live_garda: Any) -> None:
    """Item 13: the pharmacy took bookings through the API."""
    refused = _book(live_garda, _booking(live_garda, "APT"), card_number="0001234567802")
    assert refused.status_code in {400, 409}, refused.text


def _session_sign_in(live: Any, username: str, password: str) -> requests.Response:
    session = requests.Session()
    page = session.get(f"{live.url}/akun/masuk/", timeout=TIMEOUT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token is not None
    return session.post(
        f"{live.url}/akun/masuk/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{live.url}/akun/masuk/"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )


def test_the_lockout_holds_whatever_case_is_typed(live_garda: Any) -> None:
    """Item 2: while an account was locked, other spellings of its name got fresh guesses."""
    _shell(
        live_garda,
        "import json\n"
        "from garda.core.services import user_create\n"
        "user_create(actor=None, username='serangan.kunci', password='Sandi-Uji-Serangan-2026',"
        " role='asn')\n"
        "print(json.dumps(True))",
    )
    for spelling in ("serangan.kunci", "SERANGAN.kunci", "Serangan.Kunci", "sErAnGaN.KuNcI",
                     "serangan.KUNCI"):  # fmt: skip
        _session_sign_in(live_garda, spelling, "salah-sekali")
    right = _session_sign_in(live_garda, "SeRaNgAn.KuNcI", "Sandi-Uji-Serangan-2026")
    assert right.status_code == 429, right.status_code


def _token(live: Any, username: str) -> str:
    out = live.manage("drf_create_token", username)
    match = re.search(r"([0-9a-f]{40})", out)
    assert match is not None, out
    return match.group(1)


def test_an_agency_admin_cannot_move_an_employee_to_another_agency(live_garda: Any) -> None:
    """Item 3: admin.kota moved a Kota Jambi employee into a BPSDM unit with PATCH."""
    facts = _shell(
        live_garda,
        "import json\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from garda.core.models import Unit, User\n"
        "from garda.people.models import Employee\n"
        "admin = User.objects.get(username='admin.kota')\n"
        "TOTPDevice.objects.get_or_create(user=admin, name='uji-serangan', "
        "defaults={'confirmed': True})\n"
        "own = Employee.objects.filter(unit__path__startswith=admin.unit.path).first()\n"
        "other = Unit.objects.get(code='15.BPSDM')\n"
        "print(json.dumps({'employee': own.pk, 'unit': own.unit_id, 'other': other.pk}))",
    )
    headers = {"Authorization": f"Token {_token(live_garda, 'admin.kota')}"}
    url = f"{live_garda.url}/api/v1/employees/{facts['employee']}/"
    moved = requests.patch(url, json={"unit": facts["other"]}, headers=headers, timeout=TIMEOUT)
    assert moved.status_code == 400, moved.text
    assert moved.json()["code"] == "unit_out_of_scope"
    after = requests.get(url, headers=headers, timeout=TIMEOUT)
    assert after.json()["unit"] == facts["unit"]


def test_a_token_without_a_second_factor_only_reads(live_garda: Any) -> None:
    """Item 8: API tokens of roles that need TOTP worked without any second factor."""
    _shell(
        live_garda,
        "import json\n"
        "from garda.core.models import Unit\n"
        "from garda.core.services import user_create\n"
        "user_create(actor=None, username='serangan.admin', password='Sandi-Uji-Admin-2026',"
        " role='admin_opd', unit_id=Unit.objects.get(code='15.BPSDM').pk)\n"
        "print(json.dumps(True))",
    )
    headers = {"Authorization": f"Token {_token(live_garda, 'serangan.admin')}"}
    read = requests.get(f"{live_garda.url}/api/v1/me/", headers=headers, timeout=TIMEOUT)
    assert read.status_code == 200
    write = requests.post(
        f"{live_garda.url}/api/v1/programs/", json={}, headers=headers, timeout=TIMEOUT
    )
    assert write.status_code == 403, write.text


def test_mobile_jkn_auth_stops_guessing(live_garda: Any) -> None:
    """Item 10: thirty wrong passwords, then the right one worked."""
    url = f"{live_garda.url}/mobilejkn/DEMO01/auth"
    username = "penebak"  # not the demo's own user, so no other journey is locked out
    answers = [
        requests.get(
            url, headers={"x-username": username, "x-password": f"tebakan-{n}"}, timeout=TIMEOUT
        ).json()["metadata"]
        for n in range(8)
    ]
    assert all(answer["code"] == 201 for answer in answers)
    assert "Terlalu Banyak" in answers[-1]["message"]


def test_the_unsigned_tail_of_the_audit_log_is_visible_and_signed(live_garda: Any) -> None:
    """Item 7: entries after the last signed head could be edited unseen; the served Garda
    signs its tail by itself (the signer beside the worker) and audit_verify names its length."""
    live_garda.manage("audit_sign_head")
    report = live_garda.manage("audit_verify")
    assert "OK:" in report
    assert "belum tercakup kepala pohon" in report
