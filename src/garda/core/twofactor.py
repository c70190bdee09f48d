"""The second factor's rules: who needs one, whether they have one, and the one-time link that
lets them set it up.

Before, an admin who had never set up TOTP was shown the secret right after the password, so a
stolen password was enough to enrol the thief's own phone. Now the secret is shown only to
whoever opens a one-time enrolment link, e-mailed to the account's address or printed by
`garda totp_enrolment_link` for the first administrator: the password and the mailbox (or the
server) are both needed.

The link is a signed token (SECRET_KEY, salted) that names the user, the pending device and an
HMAC of the device's current key, and expires after ENROLMENT_LINK_HOURS. Opening it gives the
device a fresh key (`core.services.totp_enrolment_open`), so the token's HMAC no longer matches
and a second visit fails: single use, without a table of used tokens."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.plugins.otp_totp.models import TOTPDevice

from garda.core.models import User

ENROLMENT_LINK_HOURS = 24
_SALT = "garda.core.twofactor.enrolment"


def second_factor_required(user: User | AnonymousUser) -> bool:
    """The one rule: with GARDA_REQUIRE_2FA on, admin roles (and superusers) need TOTP."""
    return bool(
        settings.GARDA_REQUIRE_2FA
        and user.is_authenticated
        and isinstance(user, User)
        and user.is_admin_role
    )


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def lacks_second_factor(user: User | AnonymousUser) -> bool:
    """Needs a second factor and has no confirmed device: such an account may only read
    through an API token, and its pages wait for the enrolment link."""
    return (
        second_factor_required(user) and isinstance(user, User) and confirmed_device(user) is None
    )


def _key_mac(device: TOTPDevice) -> str:
    # An HMAC, not the key: the link travels by mail and must say nothing about the secret.
    return salted_hmac(_SALT, device.key, algorithm="sha256").hexdigest()[:32]


def enrolment_token(device: TOTPDevice) -> str:
    return signing.dumps(
        {"u": device.user_id, "d": device.pk, "k": _key_mac(device)}, salt=_SALT, compress=False
    )


def enrolment_url(device: TOTPDevice) -> str:
    path = reverse("core:two_factor_enrol", kwargs={"token": enrolment_token(device)})
    site: str = settings.SITE_URL
    return site.rstrip("/") + path


@dataclass(frozen=True)
class EnrolmentClaim:
    user_id: int
    device_id: int
    key_mac: str


def enrolment_claim(token: str) -> EnrolmentClaim | None:
    """What a token claims, if its signature holds and it is younger than the limit."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=ENROLMENT_LINK_HOURS * 3600)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    try:
        return EnrolmentClaim(int(data["u"]), int(data["d"]), str(data["k"]))
    except (KeyError, TypeError, ValueError):
        return None


def claim_matches(claim: EnrolmentClaim, device: TOTPDevice) -> bool:
    """The device is the claimed one, still pending, and still has the key the link was made
    for (opening a link replaces the key, so this fails on every later visit)."""
    return (
        device.pk == claim.device_id
        and device.user_id == claim.user_id
        and not device.confirmed
        and constant_time_compare(_key_mac(device), claim.key_mac)
    )
