"""The budget portal's data versions now live in core's one table (garda.core.dataversion)."""

from django.db import migrations


def to_core(apps, schema_editor):
    old = apps.get_model("transparency", "DataVersion")
    new = apps.get_model("core", "DataVersion")
    for row in old.objects.all():
        new.objects.update_or_create(
            name=row.name,
            defaults={"version": row.version, "stamp": row.stamp, "changed_at": row.changed_at},
        )


def back(apps, schema_editor):
    old = apps.get_model("transparency", "DataVersion")
    new = apps.get_model("core", "DataVersion")
    for row in new.objects.exclude(name="ledger"):
        old.objects.update_or_create(
            name=row.name,
            defaults={"version": row.version, "stamp": row.stamp, "changed_at": row.changed_at},
        )


class Migration(migrations.Migration):
    dependencies = [("transparency", "0003_canonical_requester_nik"), ("core", "0007_dataversion")]

    operations = [
        migrations.RunPython(to_core, back),
        migrations.DeleteModel(name="DataVersion"),
    ]
