"""Stored requester NIKs of PPID requests in their canonical form (core.identity, decision
0010). The column is not unique, so no two rows can collide."""

from django.db import migrations

from garda.core.identity_migrations import canonicalise_field


def forwards(apps, schema_editor):
    canonicalise_field(apps.get_model("transparency", "InformationRequest"), "requester_nik")


class Migration(migrations.Migration):
    dependencies = [("transparency", "0002_units_in_core")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
