"""Daily signing of the audit log's tree head.

django_tasks runs tasks but has no clock, so the schedule lives outside Garda: the daily
systemd timer (docs/operations.md, "Daily routine") or cron runs `garda audit_sign_head`,
which calls the same `tree_head_sign` as this task. Either way signing is idempotent: when no
entry was appended since the last head, no new head is made, so running it twice a day, or
on a quiet day, adds nothing. The task is for code that wants a head signed in the
background (e.g. after a large import): `sign_tree_head_daily.enqueue()`.

    # /etc/cron.d/garda (server time zone WIB):
    45 23 * * * garda /srv/garda/venv/bin/garda audit_sign_head
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_tasks import task

from garda.core.audit.models import SignedTreeHead
from garda.core.audit.tree import tree_head_sign


@task()
def sign_tree_head_daily() -> dict[str, Any]:
    """Sign the log as it stands unless the last head already covers it."""
    before = SignedTreeHead.objects.order_by("-tree_size", "-signed_at").values("pk").first()
    head = tree_head_sign()
    return {
        "tree_size": head.tree_size,
        "root_hash": head.root_hash,
        "signed_at": head.signed_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "new": before is None or before["pk"] != head.pk,
    }
