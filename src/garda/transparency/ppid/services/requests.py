"""Every write of PPID, one service per step of a request's life. Each is one transaction
with its audit entry; mail goes out after commit (emails.notify).

`today` is the clock: pages and the API never pass it (the service reads the local date);
the demo and tests pass it to replay a year in one go."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record, audit_record_many, snapshot
from garda.core.calendar import working_days_between
from garda.core.errors import Conflict, NotAllowed, ValidationFailed
from garda.core.identity import canonical_digits
from garda.core.models import Unit, User
from garda.transparency.ppid import deadlines, policy, stamp
from garda.transparency.ppid.emails import Step, notify
from garda.transparency.ppid.intake import (
    RequestInput,
    check_attachment,
    check_input,
    new_tracking_code,
    problem,
)
from garda.transparency.ppid.models import (
    Channel,
    Decision,
    ExemptionArticle,
    InformationRequest,
    Objection,
    ObjectionOutcome,
    ObjectionReason,
    ObtainMethod,
    RequesterKind,
    RequestStatus,
)

PAPER_BACKDATE_DAYS = 366  # a paper request recorded later than this is a typing error


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _create_request(
    *, data: RequestInput, unit: Unit, channel: str, received_on: dt.date, **extra: Any
) -> InformationRequest:
    due_on = deadlines.due_on_for(received_on)
    request = InformationRequest(
        unit=unit,
        channel=channel,
        requester_kind=data.requester_kind,
        requester_name=data.requester_name.strip()[:200],
        requester_nik=canonical_digits(data.requester_nik)
        if data.requester_kind == RequesterKind.INDIVIDUAL
        else "",
        organisation=data.organisation.strip()[:200],
        address=data.address.strip(),
        phone=data.phone.strip()[:30],
        email=data.email.strip(),
        details=data.details.strip(),
        purpose=data.purpose.strip(),
        obtain_method=data.obtain_method,
        copy_delivery=data.copy_delivery if data.obtain_method == ObtainMethod.COPY else "",
        received_on=received_on,
        original_due_on=due_on,
        due_on=due_on,
        **extra,
    )
    # The code is random (2^50 of them); the unique constraint is what guarantees that no two
    # requests share one, should two submissions draw the same code at the same moment.
    for _attempt in range(5):
        code = new_tracking_code()
        if not InformationRequest.objects.filter(tracking_code=code).exists():
            request.tracking_code = code
            request.save(force_insert=True)
            stamp.bump()
            return request
    raise Conflict("Coba kirim sekali lagi.", "Please send it once more.")


@transaction.atomic
def request_submit(
    *,
    actor: User | AnonymousUser | None,
    data: RequestInput,
    consent: bool,
    today: dt.date | None = None,
) -> InformationRequest:
    """A request filed online by anyone, signed in or not. Received the day it is sent.
    `actor` is only the log's "who": the page's or API's `request.user` (so a citizen reads as
    "anonim"), None from the demo and jobs."""
    if not consent:
        raise problem(
            "consent",
            "Centang persetujuan agar permohonan dapat diproses.",
            "Tick the consent box so the request can be processed.",
        )
    unit = check_input(data, need_contact=True)
    received_on = _today(today)
    request = _create_request(
        data=data, unit=unit, channel=Channel.ONLINE, received_on=received_on,
        consent_at=timezone.now(),
    )  # fmt: skip
    audit_record(actor=actor, action="ppid.request.submit", target=request, after=snapshot(request))
    notify(request, Step.SUBMITTED)
    return request


@transaction.atomic
def request_record_paper(
    *, actor: User, data: RequestInput, received_on: dt.date, today: dt.date | None = None
) -> InformationRequest:
    """A request handed in on paper, recorded by an officer with the day it really arrived."""
    unit = check_input(data, need_contact=False)
    if not policy.can_work_unit(actor, unit):
        raise NotAllowed
    now = _today(today)
    if received_on > now:
        raise problem(
            "received_on", "Tanggal diterima tidak boleh di masa depan.", "Date is in the future."
        )
    if received_on < now - dt.timedelta(days=PAPER_BACKDATE_DAYS):
        raise problem(
            "received_on", "Tanggal diterima lebih dari setahun lalu.", "Date over a year ago."
        )
    request = _create_request(
        data=data, unit=unit, channel=Channel.PAPER, received_on=received_on, recorded_by=actor
    )
    audit_record(actor=actor, action="ppid.request.record", target=request, after=snapshot(request))
    notify(request, Step.RECORDED)
    return request


def _locked(request: InformationRequest) -> InformationRequest:
    return InformationRequest.objects.select_for_update().select_related("unit").get(pk=request.pk)


def _require_worker(actor: User, request: InformationRequest) -> None:
    if not policy.can_work(actor, request):
        raise NotAllowed


def _require_open(request: InformationRequest) -> None:
    if request.status == RequestStatus.DECIDED:
        raise Conflict(
            "Permohonan ini sudah diputus.", "This request is already decided.",
            code="ppid_request_decided",
        )  # fmt: skip


STATE_FIELDS = [
    "status", "due_on", "processed_on", "extended_on", "extension_reason", "decided_on",
    "decision", "exemption_article", "consequence_test", "answer_file", "response_days",
    "overdue_on",
]  # fmt: skip


@transaction.atomic
def request_process(
    *, actor: User, request: InformationRequest, today: dt.date | None = None
) -> InformationRequest:
    request = _locked(request)
    _require_worker(actor, request)
    _require_open(request)
    if request.status != RequestStatus.RECEIVED:
        raise Conflict("Permohonan ini sudah diproses.", "Already being processed.")
    before = snapshot(request, STATE_FIELDS)
    request.status = RequestStatus.PROCESSING
    request.processed_on = max(_today(today), request.received_on)
    request.save(update_fields=["status", "processed_on", "updated_at"])
    stamp.bump()
    audit_record(
        actor=actor, action="ppid.request.process", target=request,
        before=before, after=snapshot(request, STATE_FIELDS),
    )  # fmt: skip
    notify(request, Step.PROCESSING)
    return request


@transaction.atomic
def request_extend(
    *, actor: User, request: InformationRequest, reason: str, today: dt.date | None = None
) -> InformationRequest:
    """Once, with written reasons, before the first deadline has passed (UU 14/2008 ps. 22)."""
    request = _locked(request)
    _require_worker(actor, request)
    _require_open(request)
    now = _today(today)
    if request.extended_on is not None:
        raise Conflict(
            "Batas waktu hanya dapat diperpanjang satu kali.",
            "The deadline can be extended only once.",
            code="ppid_already_extended",
        )
    if not reason.strip():
        raise problem("reason", "Alasan perpanjangan wajib diisi.", "A reason is required.")
    if now > request.due_on:
        raise ValidationFailed(
            "Batas waktu sudah lewat; perpanjangan harus diberitahukan sebelum batas waktu.",
            "The deadline has passed; an extension must be given before it.",
            code="ppid_extension_too_late",
        )
    before = snapshot(request, STATE_FIELDS)
    request.extended_on = max(now, request.received_on)
    request.extension_reason = reason.strip()
    request.due_on = deadlines.extended_due_on(request.due_on)
    if request.status == RequestStatus.RECEIVED:
        request.status = RequestStatus.PROCESSING
        request.processed_on = request.extended_on
    request.save()
    stamp.bump()
    audit_record(
        actor=actor, action="ppid.request.extend", target=request,
        before=before, after=snapshot(request, STATE_FIELDS),
    )  # fmt: skip
    notify(request, Step.EXTENDED)
    return request


@transaction.atomic
def request_decide(
    *,
    actor: User,
    request: InformationRequest,
    decision: str,
    answer: str,
    exemption_article: str = "",
    consequence_test: str = "",
    attachment: File[bytes] | None = None,
    today: dt.date | None = None,
) -> InformationRequest:
    """The written answer. Withholding anything (refused, partly) names the Pasal 17 ground and
    the consequence test that justified it."""
    request = _locked(request)
    _require_worker(actor, request)
    _require_open(request)
    if decision not in Decision.values:
        raise problem("decision", "Pilih keputusan.", "Choose a decision.")
    if not answer.strip():
        raise problem("answer", "Jawaban tertulis wajib diisi.", "A written answer is required.")
    withholds = decision in {Decision.REFUSED, Decision.PARTLY}
    if withholds and exemption_article not in ExemptionArticle.values:
        raise problem(
            "exemption_article",
            "Sebutkan pasal pengecualian (Pasal 17 UU 14/2008).",
            "Name the exemption (art. 17 of Law 14/2008).",
        )
    if withholds and not consequence_test.strip():
        raise problem(
            "consequence_test", "Uji konsekuensi wajib diisi.", "A consequence test is required."
        )
    name = check_attachment(attachment) if attachment is not None else ""
    decided_on = max(_today(today), request.received_on)
    before = snapshot(request, STATE_FIELDS)
    request.status = RequestStatus.DECIDED
    request.decision = decision
    request.answer = answer.strip()
    request.exemption_article = exemption_article if withholds else ""
    request.consequence_test = consequence_test.strip() if withholds else ""
    request.decided_on = decided_on
    request.decided_by = actor
    request.processed_on = request.processed_on or decided_on
    request.response_days = working_days_between(request.received_on, decided_on)
    if attachment is not None:
        request.answer_file.save(name, attachment, save=False)
    request.save()
    stamp.bump()
    audit_record(
        actor=actor, action="ppid.request.decide", target=request,
        before=before, after=snapshot(request, STATE_FIELDS),
    )  # fmt: skip
    notify(request, Step.DECIDED)
    return request


# --- Objections -------------------------------------------------------------------------------


@transaction.atomic
def objection_file(
    *,
    actor: User | AnonymousUser | None,
    request: InformationRequest,
    reason: str,
    statement: str,
    today: dt.date | None = None,
) -> Objection:
    """A keberatan, filed by whoever holds the tracking code, while the window is open.
    `actor` names who filed it in the log, as for request_submit."""
    request = _locked(request)
    now = _today(today)
    if Objection.objects.filter(request=request).exists():
        raise Conflict(
            "Keberatan atas permohonan ini sudah diajukan.",
            "An objection to this request has already been filed.",
            code="ppid_objection_exists",
        )
    window = deadlines.objection_window(request, today=now)
    if not window.is_open(now):
        if window.closes_on is not None and now > window.closes_on:
            raise ValidationFailed(
                f"Batas pengajuan keberatan sudah lewat ({window.closes_on:%d-%m-%Y}).",
                f"The objection window closed on {window.closes_on:%Y-%m-%d}.",
                code="ppid_objection_window_closed",
            )
        raise ValidationFailed(
            "Keberatan dapat diajukan setelah permohonan dijawab atau batas waktunya lewat.",
            "An objection can be filed once the request is answered or its deadline passed.",
            code="ppid_objection_not_yet",
        )
    if reason not in ObjectionReason.values:
        raise problem("reason", "Pilih alasan keberatan.", "Choose a reason.")
    if not statement.strip():
        raise problem("statement", "Uraikan keberatan Anda.", "Describe your objection.")
    objection = Objection.objects.create(
        request=request,
        reason=reason,
        statement=statement.strip(),
        filed_on=now,
        answer_due_on=deadlines.objection_answer_due_on(now),
    )
    audit_record(
        actor=actor, action="ppid.objection.file", target=objection, after=snapshot(objection)
    )
    notify(request, Step.OBJECTION_FILED)
    return objection


@transaction.atomic
def objection_decide(
    *,
    actor: User,
    objection: Objection,
    outcome: str,
    response: str,
    today: dt.date | None = None,
) -> Objection:
    objection = (
        Objection.objects.select_for_update().select_related("request__unit").get(pk=objection.pk)
    )
    if not policy.can_decide_objection(actor, objection):
        raise NotAllowed(
            "Keberatan dijawab oleh atasan PPID yang tidak memutus permohonannya.",
            "An objection is answered by the PPID's superior, not by who decided the request.",
        )
    if not objection.is_open:
        raise Conflict("Keberatan ini sudah ditanggapi.", "This objection is already answered.")
    if outcome not in ObjectionOutcome.values:
        raise problem("outcome", "Pilih hasil keberatan.", "Choose an outcome.")
    if not response.strip():
        raise problem(
            "response", "Tanggapan tertulis wajib diisi.", "A written answer is required."
        )
    before = snapshot(objection)
    now = max(_today(today), objection.filed_on)
    objection.outcome = outcome
    objection.response = response.strip()
    objection.decided_on = now
    objection.decided_by = actor
    objection.dispute_until = deadlines.dispute_until(now)
    objection.save()
    audit_record(
        actor=actor, action="ppid.objection.decide", target=objection,
        before=before, after=snapshot(objection),
    )  # fmt: skip
    notify(objection.request, Step.OBJECTION_DECIDED)
    return objection


# --- The daily run ----------------------------------------------------------------------------


@transaction.atomic
def requests_mark_overdue(*, today: dt.date | None = None) -> int:
    """Flag open requests and objections past their deadline, once each. Running it twice on
    the same day (or missing a day) changes nothing more. Returns how many were flagged."""
    now = _today(today)
    requests = list(
        InformationRequest.objects.select_for_update()
        .exclude(status=RequestStatus.DECIDED)
        .filter(due_on__lt=now, overdue_on__isnull=True)
        .order_by("pk")
    )
    objections = list(
        Objection.objects.select_for_update()
        .filter(outcome="", answer_due_on__lt=now, overdue_on__isnull=True)
        .select_related("request")
        .order_by("pk")
    )
    entries: list[dict[str, Any]] = []
    for request in requests:
        request.overdue_on = now
        entries.append(
            {"action": "ppid.request.overdue", "target": request,
             "after": {"overdue_on": now, "due_on": request.due_on}}
        )  # fmt: skip
    for objection in objections:
        objection.overdue_on = now
        entries.append(
            {"action": "ppid.objection.overdue", "target": objection,
             "after": {"overdue_on": now, "answer_due_on": objection.answer_due_on}}
        )  # fmt: skip
    InformationRequest.objects.bulk_update(requests, ["overdue_on"])
    Objection.objects.bulk_update(objections, ["overdue_on"])
    audit_record_many(actor=None, entries=entries)
    for request in requests:
        notify(request, Step.OVERDUE)
    for objection in objections:
        notify(objection.request, Step.OBJECTION_OVERDUE)
    return len(entries)
