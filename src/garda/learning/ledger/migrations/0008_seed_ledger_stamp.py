from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("ledger", "LedgerStamp").objects.get_or_create(name="ledger")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0007_ledger_stamp")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
