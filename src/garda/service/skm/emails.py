"""Suggestions go to the head of the survey's unit: when suggestions arrive (a phone answer,
a paper form, an import), the head gets one mail naming how many and where to answer them.

The head is the registry's `people.UnitHead` of the survey's unit, or of the nearest unit
above it that has one (a poli's suggestions reach the puskesmas head); when that head has no
account with an address, the atasan accounts of the survey's unit get it instead. The mail
holds no suggestion text (a citizen may name someone in it): the inbox shows it to those
allowed to read it. Services call `notify_suggestions` inside their transaction; the mail
goes out from a background task once the transaction has committed."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from garda.core.models import Unit, User
from garda.core.roles import Role
from garda.people.models import UnitHead
from garda.service.skm.models import SuggestionStatus, Survey


def notify_suggestions(survey: Survey, count: int) -> None:
    """Tell the unit head about `count` new suggestions of `survey`, after commit."""
    if count <= 0:
        return
    from garda.service.skm.tasks import send_suggestions_email  # the task calls this module

    survey_id = survey.pk
    transaction.on_commit(lambda: send_suggestions_email.enqueue(survey_id, count))


def head_emails(unit: Unit) -> list[str]:
    """The address of the head of `unit` or of its nearest ancestor with one; else the
    atasan accounts of `unit` itself (none: nobody)."""
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
    heads = dict(
        UnitHead.objects.filter(
            unit_id__in=ancestors, employee__user__is_active=True
        ).exclude(employee__user__email="").values_list("unit_id", "employee__user__email")
    )  # fmt: skip
    for ancestor in reversed(ancestors):
        if ancestor in heads:
            return [heads[ancestor]]
    atasan = User.objects.filter(role=Role.ATASAN, unit=unit, is_active=True).exclude(email="")
    return sorted(set(atasan.values_list("email", flat=True)))


def build_message(survey: Survey, count: int) -> EmailMessage | None:
    recipients = head_emails(survey.unit)
    if not recipients:
        return None
    waiting = survey.suggestions.filter(status=SuggestionStatus.NEW).count()
    site = settings.SITE_URL.rstrip("/")
    subject = ngettext(
        "%(n)s saran masyarakat baru untuk %(unit)s",
        "%(n)s saran masyarakat baru untuk %(unit)s",
        count,
    ) % {"n": count, "unit": survey.unit.name}
    body = _(
        "Survei Kepuasan Masyarakat %(survey)s menerima %(n)s saran baru. Saran yang belum "
        "ditanggapi: %(waiting)s.\n\nBaca dan tanggapi di %(url)s\n"
    ) % {
        "survey": survey.period_label, "n": count, "waiting": waiting,
        "url": site + reverse("skm:suggestions") + "?status=new",
    }  # fmt: skip
    return EmailMessage(subject, body, to=recipients)


def send_suggestions_mail(survey_id: int, count: int) -> int:
    """Send the mail; returns how many messages went out (0 when nobody heads the unit)."""
    survey = Survey.objects.select_related("unit").filter(pk=survey_id).first()
    message = None if survey is None else build_message(survey, count)
    if message is None:
        return 0
    with get_connection() as connection:
        return int(connection.send_messages([message]) or 0)
