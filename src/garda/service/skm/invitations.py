"""Invitations to answer: a signed token carrying a keyed hash of the ticket or tracking code.

The hash is an HMAC keyed from SECRET_KEY, so nobody holding the answers can test a booking
code against them, and the answer keeps only the hash (unique: one answer per finished visit
or answered request), never the code or a reference to the ticket. The token is signed so a
link cannot be made up for a visit that did not finish."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from garda.core.followups import FinishedService, FollowUp, register_followup
from garda.service.skm.models import Answer
from garda.service.skm.selectors import survey_open_for

SALT = "garda.skm.invitation"
HASH_SALT = "garda.skm.source"
MAX_AGE_DAYS = 120  # an invitation stays valid about one survey period after the visit
KINDS = frozenset({"queue", "ppid"})


def source_hash(kind: str, code: str) -> str:
    return salted_hmac(HASH_SALT, f"{kind}:{code.strip().upper()}", algorithm="sha256").hexdigest()[
        :40
    ]


@dataclass(frozen=True)
class Invitation:
    kind: str
    source_hash: str
    unit_id: int
    finished_on: dt.date


def invitation_token(service: FinishedService) -> str:
    if service.unit_id is None or service.kind not in KINDS:
        raise ValueError("an invitation needs a known kind and a unit")
    payload = {
        "k": service.kind,
        "h": source_hash(service.kind, service.code),
        "u": service.unit_id,
        "d": service.finished_on.toordinal(),
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def invitation_from(token: str) -> Invitation | None:
    """The invitation a token carries, or None when forged, altered or too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=dt.timedelta(days=MAX_AGE_DAYS))
        return Invitation(
            kind=str(data["k"]), source_hash=str(data["h"]), unit_id=int(data["u"]),
            finished_on=dt.date.fromordinal(int(data["d"])),
        )  # fmt: skip
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError):
        return None


def offer_survey(service: FinishedService) -> FollowUp | None:
    """The survey link a finished visit or answered request shows (none without an open
    survey of its unit, or once answered)."""
    if service.unit_id is None or service.kind not in KINDS:
        return None
    if survey_open_for(service.unit_id, service.finished_on) is None:
        return None
    if Answer.objects.filter(source_hash=source_hash(service.kind, service.code)).exists():
        return None
    return FollowUp(
        label=_("Isi Survei Kepuasan Masyarakat"),
        path=reverse("skm:answer", args=[invitation_token(service)]),
        note=_(
            "Kurang dari satu menit, tanpa nama. Jawaban Anda membantu kami memperbaiki layanan."
        ),
    )


def register() -> None:
    register_followup(offer_survey)
