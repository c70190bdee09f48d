"""Count what the new tables keep for a database that already has employees and hours.

The recount is the service itself (services.tallies.tallies_rebuild), not a copy of it for
historical models: it reads only fields that exist at this point (employee unit, kind,
status; unit path; yearly totals). An empty database (tests, a fresh install) costs nothing."""

from django.db import migrations


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Imported here: a migration module must not load the app's code at import time.
    from garda.learning.ledger.services.tallies import tallies_rebuild

    tallies_rebuild()


class Migration(migrations.Migration):
    dependencies = [("ledger", "0011_unit_tallies")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
