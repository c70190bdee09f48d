"""PPID services: deadlines in working days, one service per step, audit, mail, overdue run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from garda.core.audit.models import AuditEntry
from garda.core.errors import Conflict, NotAllowed, ValidationFailed
from garda.core.models import Unit, User
from garda.core.roles import Role
from garda.core.testing import UnitFactory, make_user
from garda.transparency.ppid import deadlines
from garda.transparency.ppid.intake import normalise_tracking_code
from garda.transparency.ppid.models import (
    InformationRequest,
    Objection,
    ParameterKey,
    RegulationParameter,
    RequestStatus,
)
from garda.transparency.ppid.services import (
    objection_decide,
    objection_file,
    regulation_parameter_set,
    request_decide,
    request_extend,
    request_process,
    request_record_paper,
    request_submit,
    requests_mark_overdue,
)
from garda.transparency.ppid.testing import request_input

pytestmark = pytest.mark.django_db
D = dt.date
FRIDAY_13_MARCH = D(2026, 3, 13)


@pytest.fixture(autouse=True)
def _media(tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree() -> dict[str, Any]:
    instansi = UnitFactory(code="T15", kind="instansi", name="Pemprov Uji")
    kominfo = UnitFactory(code="T15.KOM", kind="opd", name="Dinas Kominfo Uji", parent=instansi)
    dinkes = UnitFactory(code="T15.KES", kind="opd", name="Dinas Kesehatan Uji", parent=instansi)
    officer = make_user(role=Role.PPID, unit=kominfo, email="ppid@uji.garda.id")
    superior = make_user(role=Role.ADMIN_INSTANSI, unit=instansi, email="atasan@uji.garda.id")
    return {"instansi": instansi, "kominfo": kominfo, "dinkes": dinkes, "officer": officer,
            "superior": superior}  # fmt: skip


def submit(unit: Unit, today: dt.date = FRIDAY_13_MARCH, **extra: Any) -> InformationRequest:
    return request_submit(actor=None, data=request_input(unit, **extra), consent=True, today=today)


# --- Submission and the first deadline --------------------------------------------------------


def test_submitted_on_friday_13_march_2026_is_due_on_6_april(tree: dict[str, Any]) -> None:
    request = submit(tree["kominfo"])
    assert request.received_on == FRIDAY_13_MARCH
    assert request.due_on == request.original_due_on == D(2026, 4, 6)
    assert request.status == RequestStatus.RECEIVED
    assert request.tracking_code.startswith("PPID-")
    assert normalise_tracking_code(request.tracking_code.lower().replace("-", " ")) == (
        request.tracking_code
    )
    entry = AuditEntry.objects.get(action="ppid.request.submit")
    assert entry.after is not None
    assert (
        entry.after["requester_nik"] == "************0001"
    )  # personal data masked: last four only
    assert entry.after["email"].startswith("p***@")


def test_tracking_codes_are_unique_by_constraint(tree: dict[str, Any]) -> None:
    first = submit(tree["kominfo"])
    second = submit(tree["kominfo"])
    assert first.tracking_code != second.tracking_code
    with pytest.raises(IntegrityError), transaction.atomic():
        InformationRequest.objects.filter(pk=second.pk).update(tracking_code=first.tracking_code)


def test_look_alike_letters_are_forgiven() -> None:
    assert normalise_tracking_code("ppid-ab0cd-efghj") == "PPID-AB0CD-EFGHJ"
    assert normalise_tracking_code("PPID ABOCD EFGHJ") == "PPID-AB0CD-EFGHJ"
    assert normalise_tracking_code("ABlCD-EFGHJ") == "PPID-AB1CD-EFGHJ"
    assert normalise_tracking_code("PPID-123") == ""
    assert normalise_tracking_code("ppid1-23456") == "PPID-PP1D1-23456"  # no prefix typed


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"requester_nik": "123"}, "requester_nik"),
        ({"requester_kind": "organisation", "organisation": ""}, "organisation"),
        ({"details": "  "}, "details"),
        ({"obtain_method": "copy", "copy_delivery": ""}, "copy_delivery"),
        ({"copy_delivery": "email", "email": ""}, "email"),
        ({"phone": "", "email": "", "copy_delivery": "pickup"}, "phone"),
    ],
)
def test_submission_checks_the_fields(
    tree: dict[str, Any], overrides: dict[str, str], field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        submit(tree["kominfo"], **overrides)
    assert caught.value.errors[0]["field"] == field
    assert not InformationRequest.objects.exists()


def test_consent_and_an_instansi_or_opd_target_are_required(tree: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed):
        request_submit(actor=None, data=request_input(tree["kominfo"]), consent=False)
    bidang = UnitFactory(kind="bidang", parent=tree["kominfo"])
    with pytest.raises(ValidationFailed):
        submit(bidang)


def test_paper_request_counts_from_its_real_received_date(tree: dict[str, Any]) -> None:
    data = request_input(tree["kominfo"], email="", phone="", copy_delivery="post")
    request = request_record_paper(
        actor=tree["officer"], data=data, received_on=FRIDAY_13_MARCH, today=D(2026, 3, 25)
    )
    assert request.channel == "paper"
    assert request.recorded_by == tree["officer"]
    assert request.due_on == D(2026, 4, 6)
    with pytest.raises(ValidationFailed):
        request_record_paper(
            actor=tree["officer"], data=request_input(tree["kominfo"]),
            received_on=D(2026, 3, 26), today=D(2026, 3, 25),
        )  # fmt: skip
    with pytest.raises(NotAllowed):  # another OPD's officer
        request_record_paper(
            actor=tree["officer"], data=request_input(tree["dinkes"]),
            received_on=FRIDAY_13_MARCH, today=D(2026, 3, 25),
        )  # fmt: skip


def test_deadlines_come_from_the_parameters_table(tree: dict[str, Any]) -> None:
    admin = make_user(role=Role.ADMIN_PROVINSI)
    regulation_parameter_set(actor=admin, key=ParameterKey.RESPONSE_DAYS, value=5)
    request = submit(tree["kominfo"])
    assert request.due_on == D(2026, 3, 27)  # 16, 17, 25, 26, 27 March (18-24 are off)
    assert deadlines.parameter(ParameterKey.RESPONSE_DAYS) == 5
    with pytest.raises(NotAllowed):
        regulation_parameter_set(actor=tree["officer"], key="response_days", value=10)
    RegulationParameter.objects.all().delete()
    with pytest.raises(deadlines.ParameterMissing):
        submit(tree["kominfo"])


# --- Officer steps ----------------------------------------------------------------------------


def test_process_extend_decide(tree: dict[str, Any]) -> None:
    officer = tree["officer"]
    request = submit(tree["kominfo"])
    request = request_process(actor=officer, request=request, today=D(2026, 3, 16))
    assert request.status == RequestStatus.PROCESSING
    with pytest.raises(ValidationFailed):
        request_extend(actor=officer, request=request, reason="  ", today=D(2026, 3, 30))
    request = request_extend(
        actor=officer, request=request, reason="Data di beberapa bidang.", today=D(2026, 3, 30)
    )
    # 6 April + 7 working days: 7, 8, 9, 10, 13, 14, 15 April.
    assert request.due_on == D(2026, 4, 15)
    assert request.original_due_on == D(2026, 4, 6)
    with pytest.raises(Conflict):
        request_extend(actor=officer, request=request, reason="Lagi.", today=D(2026, 3, 31))
    request = request_decide(
        actor=officer, request=request, decision="granted", answer="Terlampir.",
        attachment=ContentFile(b"%PDF-1.4 uji", name="jawaban.pdf"), today=D(2026, 4, 14),
    )  # fmt: skip
    assert request.status == RequestStatus.DECIDED
    assert request.response_days == 16
    assert request.on_time is True
    assert request.answer_file.name.endswith(".pdf")
    actions = list(
        AuditEntry.objects.filter(object_id=str(request.pk), object_type__contains="request")
        .order_by("id")  # written order: numbers come after commit
        .values_list("action", flat=True)
    )
    assert actions == [
        "ppid.request.submit", "ppid.request.process", "ppid.request.extend",
        "ppid.request.decide",
    ]  # fmt: skip
    with pytest.raises(Conflict):
        request_decide(actor=officer, request=request, decision="granted", answer="Lagi")


def test_extension_only_before_the_deadline(tree: dict[str, Any]) -> None:
    request = submit(tree["kominfo"])
    with pytest.raises(ValidationFailed, match="sudah lewat"):
        request_extend(
            actor=tree["officer"], request=request, reason="Terlambat.", today=D(2026, 4, 7)
        )


def test_refusal_needs_exemption_and_consequence_test(tree: dict[str, Any]) -> None:
    request = submit(tree["kominfo"])
    with pytest.raises(ValidationFailed) as caught:
        request_decide(actor=tree["officer"], request=request, decision="refused", answer="Tidak.")
    assert caught.value.errors[0]["field"] == "exemption_article"
    with pytest.raises(ValidationFailed) as caught:
        request_decide(
            actor=tree["officer"], request=request, decision="partly", answer="Sebagian.",
            exemption_article="17h",
        )  # fmt: skip
    assert caught.value.errors[0]["field"] == "consequence_test"
    decided = request_decide(
        actor=tree["officer"], request=request, decision="refused", answer="Ditolak.",
        exemption_article="17h", consequence_test="Mengungkap rahasia pribadi.",
        today=D(2026, 4, 8),
    )  # fmt: skip
    assert decided.on_time is False
    assert decided.exemption_article == "17h"


def test_not_held_clears_exemption_fields_and_attachment_types_are_checked(
    tree: dict[str, Any],
) -> None:
    request = submit(tree["kominfo"])
    with pytest.raises(ValidationFailed):
        request_decide(
            actor=tree["officer"], request=request, decision="granted", answer="Ini.",
            attachment=ContentFile(b"MZ", name="program.exe"),
        )  # fmt: skip
    decided = request_decide(
        actor=tree["officer"], request=request, decision="not_held", answer="Dikuasai BPS.",
        exemption_article="17a", consequence_test="tidak relevan",
    )  # fmt: skip
    assert decided.exemption_article == ""
    assert decided.consequence_test == ""


def test_officers_work_only_their_subtree(tree: dict[str, Any]) -> None:
    request = submit(tree["dinkes"])
    with pytest.raises(NotAllowed):
        request_process(actor=tree["officer"], request=request)
    auditor = make_user(role=Role.AUDITOR)
    with pytest.raises(NotAllowed):
        request_process(actor=auditor, request=request)
    provinsi = make_user(role=Role.ADMIN_PROVINSI)
    assert request_process(actor=provinsi, request=request).status == RequestStatus.PROCESSING


# --- Objections -------------------------------------------------------------------------------


MARCH_20 = D(2026, 3, 20)


def _decided(tree: dict[str, Any], on: dt.date = MARCH_20) -> InformationRequest:
    request = submit(tree["kominfo"])
    return request_decide(
        actor=tree["officer"], request=request, decision="refused", answer="Ditolak.",
        exemption_article="17h", consequence_test="Rahasia pribadi.", today=on,
    )  # fmt: skip


def test_objection_window_and_answer(tree: dict[str, Any]) -> None:
    request = _decided(tree, on=D(2026, 3, 25))
    window = deadlines.objection_window(request, today=D(2026, 3, 26))
    # 30 working days after 25 March 2026 (3 April Good Friday and 1 May are off).
    assert window.closes_on == D(2026, 5, 8)
    objection = objection_file(
        actor=None, request=request, reason="a", statement="Tidak sesuai.", today=D(2026, 4, 1)
    )
    assert objection.answer_due_on == deadlines.objection_answer_due_on(D(2026, 4, 1))
    with pytest.raises(Conflict):
        objection_file(
            actor=None, request=request, reason="a", statement="Lagi.", today=D(2026, 4, 2)
        )
    # The officer who decided cannot answer the objection; the superior can.
    with pytest.raises(NotAllowed):
        objection_decide(actor=tree["officer"], objection=objection, outcome="rejected",
                         response="Tetap.")  # fmt: skip
    decided = objection_decide(
        actor=tree["superior"], objection=objection, outcome="accepted",
        response="Informasi wajib diberikan.", today=D(2026, 4, 20),
    )  # fmt: skip
    assert decided.dispute_until == deadlines.dispute_until(D(2026, 4, 20))
    assert decided.decided_by == tree["superior"]


def test_objection_before_answer_or_after_window_is_refused(tree: dict[str, Any]) -> None:
    request = submit(tree["kominfo"])
    with pytest.raises(ValidationFailed, match="setelah"):
        objection_file(
            actor=None, request=request, reason="c", statement="Belum.", today=D(2026, 3, 20)
        )
    # Past the deadline without an answer, the window opens.
    objection = objection_file(
        actor=None, request=request, reason="c", statement="Tidak ditanggapi.", today=D(2026, 4, 7)
    )
    assert objection.filed_on == D(2026, 4, 7)
    late = _decided(tree, on=D(2026, 3, 20))
    with pytest.raises(ValidationFailed, match="lewat"):
        objection_file(
            actor=None, request=late, reason="a", statement="Telat.", today=D(2026, 6, 30)
        )


def test_superior_of_another_instansi_cannot_answer(tree: dict[str, Any]) -> None:
    objection = objection_file(
        actor=None, request=_decided(tree), reason="a", statement="Keberatan.", today=D(2026, 3, 23)
    )
    other = UnitFactory(code="T16", kind="instansi", name="Kabupaten Lain")
    outsider = make_user(role=Role.ADMIN_INSTANSI, unit=other)
    with pytest.raises(NotAllowed):
        objection_decide(actor=outsider, objection=objection, outcome="accepted", response="Ya.")
    provinsi = make_user(role=Role.ADMIN_PROVINSI)
    objection_decide(actor=provinsi, objection=objection, outcome="rejected", response="Tidak.")
    assert Objection.objects.get(pk=objection.pk).outcome == "rejected"


# --- The daily run ----------------------------------------------------------------------------


def test_mark_overdue_is_idempotent(tree: dict[str, Any]) -> None:
    late = submit(tree["kominfo"])
    on_time = submit(tree["kominfo"], today=D(2026, 4, 1))
    answered = _decided(tree)
    assert requests_mark_overdue(today=D(2026, 4, 6)) == 0  # the last day is still in time
    assert requests_mark_overdue(today=D(2026, 4, 7)) == 1
    assert requests_mark_overdue(today=D(2026, 4, 7)) == 0
    assert requests_mark_overdue(today=D(2026, 4, 8)) == 0
    late.refresh_from_db()
    on_time.refresh_from_db()
    answered.refresh_from_db()
    assert late.overdue_on == D(2026, 4, 7)
    assert on_time.overdue_on is None
    assert answered.overdue_on is None
    assert AuditEntry.objects.filter(action="ppid.request.overdue").count() == 1


def test_mark_overdue_flags_unanswered_objections(tree: dict[str, Any]) -> None:
    objection = objection_file(
        actor=None, request=_decided(tree), reason="a", statement="Keberatan.", today=D(2026, 3, 23)
    )
    assert requests_mark_overdue(today=objection.answer_due_on) == 0
    assert requests_mark_overdue(today=objection.answer_due_on + dt.timedelta(days=1)) == 1
    objection.refresh_from_db()
    assert objection.overdue_on is not None


def test_daily_task_runs_the_service(tree: dict[str, Any]) -> None:
    from garda.transparency.ppid.tasks import mark_overdue

    submit(tree["kominfo"], today=D(2026, 1, 5))
    result = mark_overdue.enqueue()
    assert result.return_value == 1


# --- Mail -------------------------------------------------------------------------------------


def test_each_step_mails_the_requester_and_staff(
    tree: dict[str, Any], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    officer: User = tree["officer"]
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(tree["kominfo"], email="warga@contoh.id")
    assert [m.to for m in mail.outbox] == [["warga@contoh.id"], []]
    assert request.tracking_code in mail.outbox[0].subject
    assert "6 April 2026" in mail.outbox[0].body
    assert mail.outbox[1].bcc == ["ppid@uji.garda.id"]
    assert "warga@contoh.id" not in mail.outbox[1].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_extend(actor=officer, request=request, reason="Perlu waktu.", today=D(2026, 3, 20))
    assert len(mail.outbox) == 1
    assert "15 April 2026" in mail.outbox[0].body
    assert "Perlu waktu." in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_decide(
            actor=officer, request=request, decision="granted", answer="Ini jawabannya.",
            today=D(2026, 3, 25),
        )  # fmt: skip
    assert "Ini jawabannya." in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        objection_file(
            actor=None, request=request, reason="d", statement="Kurang.", today=D(2026, 3, 26)
        )
    recipients = [m.to or m.bcc for m in mail.outbox]
    assert ["warga@contoh.id"] in recipients
    assert ["atasan@uji.garda.id", "ppid@uji.garda.id"] in recipients


def test_overdue_mail_goes_to_officers(
    tree: dict[str, Any], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    submit(tree["kominfo"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        requests_mark_overdue(today=D(2026, 4, 7))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == ["ppid@uji.garda.id"]
    assert "melewati batas waktu" in mail.outbox[0].subject
