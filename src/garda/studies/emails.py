"""The mail each step of a study sends: to the ASN, and to whoever must act next (the
approvers of the next step, the admins when a report is late). Services call `notify` inside
their transaction; a background task sends after commit, so a slow mail server loses
nothing."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from garda.core.models import User
from garda.studies.models import StudyAssignment, TrainingPermit
from garda.studies.policy import STEP_ROLES


class Step(StrEnum):
    SUBMITTED = "submitted"
    APPROVED_STEP = "approved_step"
    DECREE = "decree"
    REFUSED = "refused"
    REPORT_DUE = "report_due"
    REPORT_LATE = "report_late"
    REPORT_SUBMITTED = "report_submitted"
    REPORT_DECIDED = "report_decided"
    EXTENDED = "extended"
    CANCELLED = "cancelled"
    GRADUATED = "graduated"
    RETURNED = "returned"
    BOND_SERVED = "bond_served"
    BOND_BREACHED = "bond_breached"


SUBJECTS = {
    Step.SUBMITTED: _("Pengajuan studi #%(id)s diterima"),
    Step.APPROVED_STEP: _("Pengajuan studi #%(id)s menunggu persetujuan berikutnya"),
    Step.DECREE: _("SK studi #%(id)s telah terbit"),
    Step.REFUSED: _("Pengajuan studi #%(id)s ditolak"),
    Step.REPORT_DUE: _("Laporan semester studi #%(id)s segera jatuh tempo"),
    Step.REPORT_LATE: _("Laporan semester studi #%(id)s terlambat"),
    Step.REPORT_SUBMITTED: _("Laporan semester studi #%(id)s menunggu pemeriksaan"),
    Step.REPORT_DECIDED: _("Laporan semester studi #%(id)s telah diperiksa"),
    Step.EXTENDED: _("Masa studi #%(id)s diperpanjang"),
    Step.CANCELLED: _("Studi #%(id)s dibatalkan"),
    Step.GRADUATED: _("Kelulusan studi #%(id)s dicatat"),
    Step.RETURNED: _("Kembali bertugas setelah studi #%(id)s dicatat"),
    Step.BOND_SERVED: _("Ikatan dinas studi #%(id)s telah selesai dijalani"),
    Step.BOND_BREACHED: _("Ikatan dinas studi #%(id)s dilanggar"),
}
TO_APPROVERS = frozenset({Step.SUBMITTED, Step.APPROVED_STEP})
TO_ADMINS = frozenset(
    {Step.REPORT_SUBMITTED, Step.REPORT_LATE, Step.RETURNED, Step.BOND_SERVED, Step.BOND_BREACHED}
)


def notify(assignment: StudyAssignment, step: Step) -> None:
    from garda.studies.tasks import send_study_email  # the task calls this module

    assignment_id = assignment.pk
    transaction.on_commit(lambda: send_study_email.enqueue(assignment_id, step.value))


def _ancestors(record: StudyAssignment | TrainingPermit) -> list[int]:
    return [int(part) for part in record.employee.unit.path.strip("/").split("/") if part]


def staff_emails(record: StudyAssignment | TrainingPermit, roles: tuple[str, ...]) -> list[str]:
    people = User.objects.filter(is_active=True, role__in=roles).exclude(email="")
    found = people.filter(Q(unit_id__in=_ancestors(record)) | Q(role="admin_provinsi"))
    return sorted(set(found.values_list("email", flat=True)))


def build_messages(assignment: StudyAssignment, step: Step) -> list[EmailMessage]:
    subject = str(SUBJECTS[step]) % {"id": assignment.pk}
    url = settings.SITE_URL.rstrip("/") + reverse("studies:assignment", args=[assignment.pk])
    body = f"{subject}.\n\n{assignment.get_kind_display()} {assignment.level}: {url}\n"
    staff: list[str] = []
    if step in TO_APPROVERS and assignment.next_step:
        staff = staff_emails(assignment, STEP_ROLES[assignment.next_step])
    elif step in TO_ADMINS:
        staff = staff_emails(assignment, ("admin_opd", "admin_instansi"))
    return _messages(assignment, subject, body, staff)


def _messages(
    record: StudyAssignment | TrainingPermit, subject: str, body: str, staff: list[str]
) -> list[EmailMessage]:
    """One mail to the ASN (if it has an address), one to the staff in blind copy."""
    found: list[EmailMessage] = []
    user = record.employee.user
    if user is not None and user.email:
        found.append(EmailMessage(subject, body, to=[user.email]))
    if staff:
        found.append(EmailMessage(subject, body, bcc=staff))
    return found


def _send(mails: list[EmailMessage]) -> int:
    if not mails:
        return 0
    with get_connection() as connection:
        return int(connection.send_messages(mails) or 0)


def send_step_email(assignment_id: int, step: str) -> int:
    assignment = (
        StudyAssignment.objects.select_related("employee__user", "employee__unit")
        .filter(pk=assignment_id)
        .first()
    )
    return _send(build_messages(assignment, Step(step)) if assignment is not None else [])


# --- Short-training permits -------------------------------------------------------------------


class PermitStep(StrEnum):
    REQUESTED = "requested"
    DECIDED = "decided"
    REPORTED = "reported"


PERMIT_SUBJECTS = {
    PermitStep.REQUESTED: _("Izin pelatihan #%(id)s menunggu keputusan"),
    PermitStep.DECIDED: _("Izin pelatihan #%(id)s telah diputuskan"),
    PermitStep.REPORTED: _("Laporan izin pelatihan #%(id)s diterima; JP dicatat"),
}
# Who decides a permit: the atasan, or an admin in scope (permits.permit_decide).
PERMIT_DECIDERS = ("atasan", "admin_opd", "admin_instansi")


def notify_permit(permit: TrainingPermit, step: PermitStep) -> None:
    from garda.studies.tasks import send_permit_email  # the task calls this module

    permit_id = permit.pk
    transaction.on_commit(lambda: send_permit_email.enqueue(permit_id, step.value))


def build_permit_messages(permit: TrainingPermit, step: PermitStep) -> list[EmailMessage]:
    subject = str(PERMIT_SUBJECTS[step]) % {"id": permit.pk}
    url = settings.SITE_URL.rstrip("/") + reverse("studies:permits")
    status = permit.get_status_display()
    body = f"{subject}: {status}.\n\n{permit.title} ({permit.provider}): {url}\n"
    staff = staff_emails(permit, PERMIT_DECIDERS) if step == PermitStep.REQUESTED else []
    return _messages(permit, subject, body, staff)


def send_permit_email(permit_id: int, step: str) -> int:
    permit = (
        TrainingPermit.objects.select_related("employee__user", "employee__unit")
        .filter(pk=permit_id)
        .first()
    )
    return _send(build_permit_messages(permit, PermitStep(step)) if permit is not None else [])
