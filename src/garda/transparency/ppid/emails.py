"""The mail each step of a request sends: to the requester (when they gave an email), to the PPID
officers of the target unit, and to the PPID's superiors for objections.

Services call `notify` inside their transaction; the mail goes out from a background task once
the transaction has committed, so a slow or absent mail server never loses a request."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from garda.core.models import Unit, UnitKind, User
from garda.core.roles import Role
from garda.transparency.ppid.models import InformationRequest


class Step(StrEnum):
    SUBMITTED = "submitted"
    RECORDED = "recorded"
    PROCESSING = "processing"
    EXTENDED = "extended"
    DECIDED = "decided"
    OVERDUE = "overdue"
    OBJECTION_FILED = "objection_filed"
    OBJECTION_DECIDED = "objection_decided"
    OBJECTION_OVERDUE = "objection_overdue"


SUBJECTS = {
    Step.SUBMITTED: _("Permohonan informasi %(code)s diterima"),
    Step.RECORDED: _("Permohonan informasi %(code)s dicatat"),
    Step.PROCESSING: _("Permohonan informasi %(code)s sedang diproses"),
    Step.EXTENDED: _("Batas waktu permohonan %(code)s diperpanjang"),
    Step.DECIDED: _("Jawaban atas permohonan informasi %(code)s"),
    Step.OVERDUE: _("Permohonan %(code)s melewati batas waktu"),
    Step.OBJECTION_FILED: _("Keberatan atas permohonan %(code)s diajukan"),
    Step.OBJECTION_DECIDED: _("Tanggapan atas keberatan %(code)s"),
    Step.OBJECTION_OVERDUE: _("Keberatan %(code)s melewati batas waktu tanggapan"),
}
TO_REQUESTER = frozenset(
    {
        Step.SUBMITTED, Step.RECORDED, Step.PROCESSING, Step.EXTENDED, Step.DECIDED,
        Step.OBJECTION_FILED, Step.OBJECTION_DECIDED,
    }
)  # fmt: skip
TO_OFFICERS = frozenset(
    {Step.SUBMITTED, Step.OVERDUE, Step.OBJECTION_FILED, Step.OBJECTION_DECIDED}
)
TO_SUPERIORS = frozenset({Step.OBJECTION_FILED, Step.OBJECTION_OVERDUE})


def notify(request: InformationRequest, step: Step) -> None:
    """Send the step's mail after the caller's transaction commits."""
    from garda.transparency.ppid.tasks import send_request_email  # the task calls this module

    request_id = request.pk
    transaction.on_commit(lambda: send_request_email.enqueue(request_id, step.value))


def _ancestor_ids(unit: Unit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/") if part]


def officer_emails(unit: Unit) -> list[str]:
    """PPID officers whose unit is the target unit or one above it."""
    return sorted(
        set(
            User.objects.filter(role=Role.PPID, is_active=True, unit_id__in=_ancestor_ids(unit))
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def superior_emails(unit: Unit) -> list[str]:
    """The admin_instansi of the target's instansi; the province admins when there is none."""
    instansi = (
        Unit.objects.filter(pk__in=_ancestor_ids(unit), kind=UnitKind.INSTANSI)
        .order_by("path")
        .first()
    )
    people = User.objects.filter(is_active=True).exclude(email="")
    found: Iterable[str] = []
    if instansi is not None:
        found = people.filter(
            role=Role.ADMIN_INSTANSI, unit__path__startswith=instansi.path
        ).values_list("email", flat=True)
    emails = sorted(set(found))
    if not emails:
        emails = sorted(
            set(people.filter(role=Role.ADMIN_PROVINSI).values_list("email", flat=True))
        )
    return emails


def build_messages(request: InformationRequest, step: Step) -> list[EmailMessage]:
    site = settings.SITE_URL.rstrip("/")
    context = {
        "step": step.value,
        "request": request,
        "objection": getattr(request, "objection", None),
        "track_url": site + reverse("transparency:ppid:track_detail", args=[request.tracking_code]),
        "console_url": site + reverse("transparency:ppid:console_detail", args=[request.pk]),
    }
    subject = str(SUBJECTS[step]) % {"code": request.tracking_code}
    found: list[EmailMessage] = []
    if step in TO_REQUESTER and request.email:
        body = render_to_string("transparency/ppid/email/requester.txt", context)
        found.append(EmailMessage(subject, body, to=[request.email]))
    staff: list[str] = []
    if step in TO_OFFICERS:
        staff += officer_emails(request.unit)
    if step in TO_SUPERIORS:
        staff += superior_emails(request.unit)
    if staff:
        body = render_to_string("transparency/ppid/email/staff.txt", context)
        found.append(EmailMessage(subject, body, bcc=sorted(set(staff))))
    return found


def send_step_email(request_id: int, step: str) -> int:
    """Send the mails of `step` for the request; returns how many messages went out."""
    request = (
        InformationRequest.objects.select_related("unit", "objection").filter(pk=request_id).first()
    )
    if request is None:
        return 0
    mails = build_messages(request, Step(step))
    if not mails:
        return 0
    with get_connection() as connection:
        return int(connection.send_messages(mails) or 0)
