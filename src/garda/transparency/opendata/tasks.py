"""Background entry point of the open-data catalog: regenerate every dataset.

Run it on a schedule: `garda opendata_generate` from cron or a systemd timer (e.g. nightly
at 02:00 WIB), or enqueue `generate_open_data` from anything that knows the data changed."""

from __future__ import annotations

from django_tasks import task

from garda.transparency.opendata.services import opendata_generate_all


@task()
def generate_open_data() -> int:
    """Returns how many new versions were written."""
    results = opendata_generate_all(actor=None)
    return sum(1 for _dataset, version in results if version is not None)
