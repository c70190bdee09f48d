"""The ledger's stamp now lives in core's one data-version table (garda.core.dataversion)."""

import secrets

from django.db import migrations


def to_core(apps, schema_editor):
    old = apps.get_model("ledger", "LedgerStamp")
    new = apps.get_model("core", "DataVersion")
    for row in old.objects.all():
        # A fresh random stamp: keys cached under the old counter are never asked for again.
        new.objects.update_or_create(
            name=row.name, defaults={"version": max(row.stamp, 1), "stamp": secrets.token_hex(8)}
        )


def back(apps, schema_editor):
    old = apps.get_model("ledger", "LedgerStamp")
    new = apps.get_model("core", "DataVersion")
    for row in new.objects.filter(name="ledger"):
        old.objects.update_or_create(name=row.name, defaults={"stamp": row.version})


class Migration(migrations.Migration):
    dependencies = [("ledger", "0009_ledger_entry_stated_jp"), ("core", "0007_dataversion")]

    operations = [
        migrations.RunPython(to_core, back),
        migrations.DeleteModel(name="LedgerStamp"),
    ]
