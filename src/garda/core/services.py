"""Writes of the core app: two-factor devices and background-job progress."""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from garda.core import twofactor
from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import Conflict, NotAllowed
from garda.core.identity import check_asn_number
from garda.core.models import Job, JobStatus, User
from garda.core.signin import account_key


@transaction.atomic
def totp_device_get_or_start(*, user: User) -> TOTPDevice:
    """The user's TOTP device: the confirmed one, else a pending one to scan."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="garda", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, action="auth.totp_confirm", target=user)


def _pending_device(user: User) -> TOTPDevice:
    if twofactor.confirmed_device(user) is not None:
        raise Conflict(
            "Akun ini sudah memasang verifikasi dua langkah.",
            "This account has already set up two-step verification.",
            code="totp_already_confirmed",
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="garda", confirmed=False)
    return device


def _send_enrolment_mail(user: User, url: str) -> None:
    context = {"user": user, "url": url, "hours": twofactor.ENROLMENT_LINK_HOURS}
    subject = render_to_string("core/email/totp_enrolment_subject.txt", context).strip()
    body = render_to_string("core/email/totp_enrolment.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def totp_enrolment_link_send(*, user: User) -> bool:
    """E-mail a one-time link that shows the TOTP secret to the account's own address, after
    the password was accepted. False when the account has no address to send it to."""
    if not user.email:
        return False
    url = twofactor.enrolment_url(_pending_device(user))
    audit_record(actor=user, action="auth.totp_enrolment_link", target=user, after={"via": "email"})
    # After commit: a rolled-back request must not leave a link in someone's mailbox.
    transaction.on_commit(lambda: _send_enrolment_mail(user, url))
    return True


@transaction.atomic
def totp_enrolment_link_create(*, user: User) -> str:
    """The same link for an operator at the server (`garda totp_enrolment_link`): the first
    administrator, or an account without mail. Audited as the system's act."""
    url = twofactor.enrolment_url(_pending_device(user))
    audit_record(
        actor=None, action="auth.totp_enrolment_link", target=user, after={"via": "command"}
    )
    return url


@transaction.atomic
def totp_enrolment_open(*, user: User, token: str) -> TOTPDevice:
    """Open an enrolment link as `user`: the pending device gets a fresh key, which only this
    session will be shown, and the link stops working (it was made for the old key)."""
    claim = twofactor.enrolment_claim(token)
    if claim is not None and claim.user_id != user.pk:
        # Refused without using the link up: its owner may still open it.
        raise NotAllowed(
            "Tautan pemasangan ini untuk akun lain. Keluar, lalu masuk dengan akun pemiliknya.",
            "This set-up link belongs to another account. Sign out and sign in as its owner.",
            code="totp_enrolment_other_account",
        )
    device = (
        TOTPDevice.objects.select_for_update().filter(pk=claim.device_id).first()
        if claim is not None
        else None
    )
    if claim is None or device is None or not twofactor.claim_matches(claim, device):
        raise NotAllowed(
            "Tautan pemasangan tidak berlaku: sudah dipakai, kedaluwarsa, atau tidak lengkap.",
            "The set-up link is not valid: already used, expired, or incomplete.",
            code="totp_enrolment_link_invalid",
        )
    device.key = default_key()
    device.save(update_fields=["key"])
    audit_record(actor=user, action="auth.totp_enrolment_open", target=user)
    return device


@transaction.atomic
def job_create(*, owner: User, kind: str, title: str, total: int = 0) -> Job:
    job = Job.objects.create(owner=owner, kind=kind, title=title, total=total)
    audit_record(actor=owner, action="job.create", target=job, after={"kind": kind, "title": title})
    return job


# Progress ticks are bookkeeping of a job already audited at creation; they are not audited
# one by one (a 60,000-row import would otherwise write 60,000 entries about itself).
def job_progress(*, job_id: int, done: int, total: int | None = None, message: str = "") -> None:
    fields: dict[str, Any] = {
        "done": done,
        "status": JobStatus.RUNNING,
        "updated_at": timezone.now(),
    }
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job_id).update(**fields)


@transaction.atomic
def job_finish(
    *, job_id: int, result: dict[str, Any], message: str = "", failed: bool = False
) -> Job:
    job = Job.objects.select_for_update().get(pk=job_id)
    job.status = JobStatus.FAILED if failed else JobStatus.SUCCEEDED
    job.result = result
    job.message = message
    job.finished_at = timezone.now()
    if not failed:
        job.done = max(job.done, job.total)
    job.save()
    audit_record(
        actor=None,
        action="job.fail" if failed else "job.finish",
        target=job,
        after={"status": job.status, "message": message},
    )
    return job


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    unit_id: int | None = None,
    nip: str | None = None,
    password_is_hashed: bool = False,
) -> User:
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        unit_id=unit_id,
        nip=check_asn_number(nip) if nip else None,
    )
    if password_is_hashed:
        user.password = password  # seeding many accounts with one password hashes it once
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        action="user.create",
        target=user,
        after=snapshot(user, ["username", "role", "unit_id", "nip", "email"]),
    )
    return user


@transaction.atomic
def security_event_record(
    *, actor: User | AnonymousUser, action: str, account: User | None
) -> None:
    """A sign-in, failed sign-in or lockout, in the audit log. `account` is the account it
    concerns, when the typed name opened one; `actor` is anonymous unless signed in."""
    after = None if action == "auth.sign_in" else {"account_known": account is not None}
    audit_record(actor=actor, action=action, target=account, after=after)


@transaction.atomic
def password_reset_complete(*, user: User) -> None:
    """A password set through the e-mailed link: audited, and the sign-in lockout lifted."""
    axes_reset(username=account_key(user))
    audit_record(actor=AnonymousUser(), action="auth.password_reset", target=user)
