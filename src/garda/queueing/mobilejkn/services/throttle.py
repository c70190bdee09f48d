"""The limit on failed Mobile JKN sign-ins (GET /auth), per puskesmas and username typed.

Counted per (puskesmas, username), never per address: BPJS calls from a few gateway
addresses, so a limit per address would lock every puskesmas out together. After
`GARDA_MOBILEJKN_AUTH_FAILURE_LIMIT` failures (default 5) within
`GARDA_MOBILEJKN_AUTH_COOLOFF_MINUTES` (default 15), that username at that puskesmas is refused
without its password being checked until the cool-off ends. Tokens already issued keep working,
so an attacker who triggers the lock delays the next sign-in at most, and changing the
credentials (`bridge_set_credentials`) lifts it.

An attempt is counted *before* its password is checked (`auth_attempt_begin`) and a correct
password takes its count back (`auth_attempt_succeeded`): so a burst of concurrent guesses
cannot all slip through before the first failure is written, and successful sign-ins are
never counted. The counts are a table, not the cache: the default cache is per process.

Audit: each failed attempt is a security event in the log (actor "anonim": the caller proved
nothing); the bookkeeping of a begin or a success is not, as a job's progress ticks are not."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from garda.core.audit.services import audit_record
from garda.queueing import conf
from garda.queueing.mobilejkn.models import AuthFailures, FacilityBridge

_SALT = "garda.mobilejkn.auth-failures"


@dataclass(frozen=True)
class Gate:
    """Whether an attempt may check its password; else how long the cool-off still runs."""

    allowed: bool
    retry_after_seconds: int = 0

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after_seconds / 60))


def failure_limit() -> int:
    return int(conf.get("GARDA_MOBILEJKN_AUTH_FAILURE_LIMIT"))


def cooloff() -> dt.timedelta:
    return dt.timedelta(minutes=float(conf.get("GARDA_MOBILEJKN_AUTH_COOLOFF_MINUTES")))


def _digest(username: str) -> str:
    return salted_hmac(_SALT, username, algorithm="sha256").hexdigest()


def _locked_row(facility_id: int, username: str, now: dt.datetime) -> AuthFailures:
    digest = _digest(username)
    # Create the row if absent (a concurrent creator makes ours a no-op), then lock it.
    AuthFailures.objects.bulk_create(
        [AuthFailures(facility_id=facility_id, username_digest=digest, window_start=now)],
        ignore_conflicts=True,
    )
    return AuthFailures.objects.select_for_update().get(
        facility_id=facility_id, username_digest=digest
    )


@transaction.atomic
def auth_attempt_begin(*, facility_id: int, username: str) -> Gate:
    """Count one attempt, or refuse it while the username is locked out at this puskesmas."""
    limit = failure_limit()
    if limit <= 0:  # 0 turns the limit off
        return Gate(allowed=True)
    now = timezone.now()
    row = _locked_row(facility_id, username, now)
    if row.locked_until is not None and row.locked_until > now:
        return Gate(False, math.ceil((row.locked_until - now).total_seconds()))
    if row.window_start <= now - cooloff():
        row.failures, row.window_start, row.locked_until = 0, now, None
    if row.failures >= limit:  # the limit's worth of attempts are failed or being checked
        row.locked_until = now + cooloff()
        row.save(update_fields=["failures", "window_start", "locked_until"])
        return Gate(False, math.ceil(cooloff().total_seconds()))
    row.failures += 1
    row.save(update_fields=["failures", "window_start", "locked_until"])
    return Gate(allowed=True)


@transaction.atomic
def auth_attempt_succeeded(*, facility_id: int, username: str) -> None:
    """The password was right: its attempt is not a failure."""
    if failure_limit() <= 0:
        return
    AuthFailures.objects.filter(
        facility_id=facility_id, username_digest=_digest(username), failures__gt=0
    ).update(failures=F("failures") - 1)


@transaction.atomic
def auth_attempt_failed(*, bridge: FacilityBridge, username: str) -> int:
    """The password (or the username) was wrong: the attempt stays counted, the lockout starts
    once the limit is reached, and the failure is audited. Answers the failures counted."""
    limit = failure_limit()
    now = timezone.now()
    failures = 0
    if limit > 0:
        row = _locked_row(bridge.facility_id, username, now)
        failures = row.failures
        if failures >= limit and (row.locked_until is None or row.locked_until <= now):
            row.locked_until = now + cooloff()
            row.save(update_fields=["locked_until"])
        # Rows of names tried once and long quiet are dropped, so guessed names do not pile up.
        AuthFailures.objects.filter(
            facility_id=bridge.facility_id, window_start__lt=now - 2 * cooloff()
        ).exclude(locked_until__gt=now).delete()
    audit_record(
        actor=AnonymousUser(),
        action="mobilejkn.auth_failed",
        target=bridge,
        after={"failures": failures, "locked": limit > 0 and failures >= limit},
    )
    return failures
