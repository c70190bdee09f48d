"""Replacing a tracking code that was exposed: audit entries of version 1 published PPID
tracking codes (core/audit/credentials.py). A tracking code opens its request's status page
and the objection form for as long as the request exists, so every exposed code still in use
is replaced and the requester told by e-mail (a paper request without one hears it from the
officer, who sees the rotation in the console's history)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction

from garda.core.audit.services import credential_replace
from garda.core.models import User
from garda.transparency.ppid.intake import new_tracking_code
from garda.transparency.ppid.models import InformationRequest


@transaction.atomic
def request_tracking_code_rotate(
    *, actor: User | None, request_id: int, exposed: frozenset[str]
) -> bool:
    """Give the request a new tracking code if its current one is among `exposed`; answers
    whether it did. The old code stops working at commit."""
    request = InformationRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None or request.tracking_code not in exposed:
        return False
    code = credential_replace(
        request, field="tracking_code", make=new_tracking_code, actor=actor,
        action="ppid.request.code_rotate",
    )  # fmt: skip
    if request.email:
        address = request.email
        text = (
            "Demi keamanan, kode pelacakan permohonan informasi Anda diganti menjadi "
            f"{code}. Kode lama tidak berlaku lagi. Gunakan kode baru untuk melihat status "
            "permohonan atau mengajukan keberatan.\n\n"
            f"For your security, the tracking code of your information request is now {code}; "
            "the old code no longer works."
        )
        transaction.on_commit(
            lambda: send_mail(f"Kode pelacakan baru: {code}", text, None, [address])
        )
    return True
