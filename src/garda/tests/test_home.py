"""The home page says what to do today: what waits for each role, the ASN's own figures, and
for a citizen the five public services (issue 16: every home page was a list of links)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from garda.core.home import declared_panels, declared_waiting
from garda.core.roles import ALL_ROLES, Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning import services as learning_services
from garda.learning.models import Session
from garda.learning.testing import People, sample_batch, sample_program

pytestmark = pytest.mark.django_db


def test_citizen_home_offers_the_five_public_services_and_checks_a_certificate() -> None:
    page = Client().get("/").content.decode()
    for path in ("/antrean/", reverse("transparency:budget:index"), "/data/"):
        assert f'href="{path}"' in page
    assert f'href="{reverse("transparency:ppid:home")}"' in page
    assert 'name="kode"' in page  # the certificate number box
    found = Client().get("/cek-sertifikat/", {"kode": " ab12 cd "})
    assert found.status_code == 302
    assert found["Location"] == reverse("learning:verify", args=["AB12CD"])


def test_asn_home_shows_jp_this_year_and_the_next_session(people: People) -> None:
    batch = sample_batch(
        program=sample_program(owner_unit=people.unit),
        starts_on=timezone.localdate() + dt.timedelta(days=3),
        ends_on=timezone.localdate() + dt.timedelta(days=4),
    )
    later = timezone.now() + dt.timedelta(days=3)
    Session.objects.create(
        batch=batch, title="Menyusun SOP", starts_at=later, ends_at=later + dt.timedelta(hours=2)
    )
    learning_services.enrollment_nominate(
        actor=people.admin, batch_id=batch.pk, employee_id=people.employee.pk
    )
    page = login_client(people.asn).get("/").content.decode()
    assert f"JP saya tahun {timezone.localdate().year}" in page
    assert 'id="jp-tahun-ini"' in page
    assert "Menyusun SOP" in page
    assert "Anda masuk sebagai ASN." in page
    assert "((" not in page
    assert "))" not in page


def test_atasan_is_told_an_approval_waits(people: People) -> None:
    program = sample_program(owner_unit=people.unit, needs_atasan=True)
    batch = sample_batch(program=program)
    learning_services.enrollment_register(actor=people.asn, batch_id=batch.pk)
    page = login_client(people.atasan).get("/").content.decode()
    waiting = page[page.index('id="daftar-menunggu"') :]
    approvals = reverse("learning:approvals")
    assert f'href="{approvals}" data-count="1"' in waiting


def test_every_waiting_item_and_panel_answers_for_every_role_it_admits() -> None:
    """Each app's WAITING and PANELS (core.home), for each role they admit, on an empty
    database: a count that is a number, a link that resolves, a panel that renders or
    declines (None)."""
    assert {item.url_name for item in declared_waiting()} >= {
        "learning:approvals",
        "ledger:verify_list",
        "transparency:ppid:console",
        "queueing:console_home",
    }
    assert {panel.key for panel in declared_panels()} >= {"jp", "pelatihan"}
    for role in ALL_ROLES:
        user = make_user(role=role)
        for item in declared_waiting():
            if item.access.allows(user):
                assert isinstance(item.count(user), int)
                assert reverse(item.url_name)
        for panel in declared_panels():
            if panel.access.allows(user):
                context = panel.context(user)
                assert context is None or isinstance(dict(context), dict)
        response = login_client(user).get("/")
        assert response.status_code == 200, role


def _waiting_count(client: Client, url: str) -> str:
    page = client.get("/").content.decode()
    waiting = page[page.index('id="daftar-menunggu"') :]
    start = waiting.index(f'href="{url}" data-count="') + len(f'href="{url}" data-count="')
    return waiting[start : waiting.index('"', start)]


def test_every_ppid_step_that_moves_a_request_changes_the_officers_kept_counts() -> None:
    """The officer's counts are kept per user under the "ppid" version (decision 0022): each
    service that creates a request or changes its status or deadline bumps it."""
    from garda.core.dataversion import data_stamp
    from garda.transparency.ppid import services, stamp
    from garda.transparency.ppid.testing import request_input, target_unit_for

    officer = make_user(role=Role.PPID, unit=UnitFactory(kind="opd"))
    unit = target_unit_for(officer)
    today = timezone.localdate()

    def submit() -> Any:
        return services.request_submit(actor=None, data=request_input(unit), consent=True)

    steps: dict[str, Callable[[], Any]] = {
        "request_submit": submit,
        "request_record_paper": lambda: services.request_record_paper(
            actor=officer, data=request_input(unit), received_on=today
        ),
    }
    request = submit()
    steps["request_process"] = lambda: services.request_process(actor=officer, request=request)
    steps["request_extend"] = lambda: services.request_extend(
        actor=officer, request=request, reason="Data tersebar di beberapa bidang."
    )
    steps["request_decide"] = lambda: services.request_decide(
        actor=officer, request=request, decision="granted", answer="Terlampir."
    )
    for name, step in steps.items():
        before = data_stamp(stamp.NAME)
        step()
        assert data_stamp(stamp.NAME) != before, name

    console = reverse("transparency:ppid:console")
    client = login_client(officer)
    assert _waiting_count(client, console) == "2"  # the two still open
    open_one = services.request_submit(actor=None, data=request_input(unit), consent=True)
    assert _waiting_count(client, console) == "3"
    services.request_decide(actor=officer, request=open_one, decision="granted", answer="Ada.")
    assert _waiting_count(client, console) == "2"


def test_an_answered_suggestion_leaves_the_count_at_once_and_the_whole_block_is_kept(
    django_assert_max_num_queries: Any,
) -> None:
    from garda.service.skm import services as skm_services
    from garda.service.skm.testing import make_survey, make_unit, scores

    unit = make_unit()
    survey = make_survey(unit)
    head = make_user(role=Role.ADMIN_OPD, unit=unit)
    for text in ("Tambah kursi", "Perbaiki toilet"):
        skm_services.answer_submit(
            actor=None, survey=survey, channel="paper",
            data=skm_services.AnswerInput(scores=scores(3), answered_on=survey.starts_on,
                                          suggestion=text),
        )  # fmt: skip
    inbox = reverse("skm:suggestions")
    client = login_client(head)
    assert _waiting_count(client, inbox) == "2"
    # Every count an agency admin sees declares how long it may be kept, so the second visit
    # reads the kept block: the session with its user, the device, the versions, no count.
    with django_assert_max_num_queries(6):
        assert _waiting_count(client, inbox) == "2"
    skm_services.suggestion_respond(
        actor=head, suggestion=survey.suggestions.earliest("pk"), response="Sudah ditambah."
    )
    assert _waiting_count(client, inbox) == "1"
