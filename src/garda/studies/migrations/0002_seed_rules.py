from typing import Any

from django.db import migrations

from garda.studies.rules_data import seed_rules


def forward(apps: Any, schema_editor: Any) -> None:
    seed_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("studies", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
