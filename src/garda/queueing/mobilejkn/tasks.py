"""Background entry points of the bridge."""

from __future__ import annotations

import datetime as dt

from django_tasks import default_task_backend, task

from garda.queueing.mobilejkn.services.outbox import outbox_deliver_due


@task()
def deliver_outbox() -> dict[str, int]:
    """Send what is due; if failures wait for a later try, schedule this task again then
    (where the backend can defer; `garda mobilejkn_outbox --loop` covers the others)."""
    report = outbox_deliver_due()
    if report.retry and report.next_due is not None and default_task_backend.supports_defer:
        run_after = max(report.next_due, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5))
        deliver_outbox.using(run_after=run_after).enqueue()
    return {"sent": report.sent, "retry": report.retry, "failed": report.failed}
